/**
 * Reference server benchmark, on loopback, on a real PostgreSQL (a
 * throwaway cluster) and on PGlite, the server running as its own process
 * (`node --import tsx server/main.ts`) as in production:
 *
 *   - message sends (postMessage) at 1, 10 and 50 concurrent clients, each a
 *     signed-in demo person writing in a conversation it takes part in:
 *     throughput and p50/p99 latency; beside it, in the same run, the raw
 *     single-row INSERT rate of the same database at the same concurrency
 *     (a plain table, one INSERT per statement) as the baseline, and the
 *     same server's GET /api/v1/health (HTTP only: no sign-in, no database)
 *     as a second reference; at 10 clients also a floor, what HTTP and a
 *     transaction of two round trips cost with no application at all
 *     (support/floor-server.ts), the most a send could reach here; the CPU time per send of the server, the
 *     database and the load generator (Linux /proc) goes in the results'
 *     context;
 *   - the first inbox page (listInbox) p50/p99 with 1,000, 100,000 and
 *     1,000,000 messages stored, bulk-loaded with INSERT … SELECT
 *     generate_series into the server's own tables (test/bench/support/bulk.ts).
 *     On PGlite a level whose load would take too long is left out, and the
 *     output says so.
 *
 *   npx tsx test/bench/server.bench.ts        (npm run bench runs it too)
 *
 * Environment: NZ_BENCH_SEND_MS (measured time per concurrency, default 5000),
 * NZ_BENCH_PGLITE_LOAD_S (longest projected PGlite load per level, default 120),
 * NZ_BENCH_ONLY=postgres|pglite, NZ_BENCH_SENDS_ONLY=1 (no inbox levels: a quick look while
 * working on sends; its results file is partial, not one to commit). Where the time goes:
 * NZ_BENCH_PG_STATEMENTS, NZ_BENCH_PERF, NZ_BENCH_CPU_PROF (below and in server-process.ts).
 *
 * Over-budget figures are reported, not fatal; the process fails only when
 * something errs (a refused or failed send, a server that does not start).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite } from '../../server/db/pglite';
import { freePort, postgresMissing, startCluster, type PgCluster } from '../server/pg-cluster';
import { CARE_PEOPLE, prepareConversations, signInDemo, mustCall } from '../server/support/api-client';
import { spawnServer, type ServerProcess } from '../server/support/server-process';
import { bulkLoad, MESSAGES_PER_CONVERSATION } from './support/bulk';
import { clusterCpu, cpuBetween, processCpuMs } from './support/cpu-time';
import { spawnFloor } from './support/floor';
import { getPath, op, percentile, postJson, runLoad, type LoadResult } from './support/load';
import { quietMachine, report, type BenchRow } from './report';

const SEND_MS = Number(process.env.NZ_BENCH_SEND_MS ?? 5000);
const WARMUP_MS = 1000;
/** NZ_BENCH_CLIENTS=1,10: only these concurrencies (a quick look; the budgets need 10 and 50). */
const CONCURRENCY: readonly number[] = process.env.NZ_BENCH_CLIENTS ? process.env.NZ_BENCH_CLIENTS.split(',').map(Number) : [1, 10, 50];
const LEVELS = [1_000, 100_000, 1_000_000] as const;
const INBOX_WARMUP = 20;
const INBOX_SAMPLES = 300;
const PGLITE_LOAD_S = Number(process.env.NZ_BENCH_PGLITE_LOAD_S ?? 120);
const ONLY = process.env.NZ_BENCH_ONLY;
const SENDS_ONLY = process.env.NZ_BENCH_SENDS_ONLY === '1';
const SEND_P99_BUDGET_MS = 50;
/**
 * NZ_BENCH_PG_STATEMENTS=<file>: where PostgreSQL's time per statement went during the sends, from
 * pg_stat_statements, written there. Needs the module loaded in the throwaway cluster:
 * NZ_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on".
 */
const STATEMENTS = process.env.NZ_BENCH_PG_STATEMENTS;
/** NZ_BENCH_PERF=<file>: a system-wide `perf record` of the sends at 10 clients (every process's CPU, by symbol). */
const PERF = process.env.NZ_BENCH_PERF;
/** Sends per second at 10 clients on PostgreSQL: at least this share of the raw INSERT rate in the same run. */
const SEND_RATE_BUDGET = 0.1;

const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const rows: BenchRow[] = [];
const notes: string[] = [];
const failures: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
const context: Record<string, unknown> = {
  cpus: cpus().length, cpu: cpus()[0]?.model, loadavgAtStart: loadavg().map((x) => +x.toFixed(2)),
  sendSecondsPerLevel: SEND_MS / 1000, warmupSeconds: WARMUP_MS / 1000, inboxSamples: INBOX_SAMPLES,
  cpuTimes: 'ms of CPU (user + system) per acknowledged send, from /proc: the server process, the processes of the PostgreSQL cluster, this load generator',
  postgresSettings: 'throwaway cluster (test/server/pg-cluster.ts): fsync=off, synchronous_commit=off, full_page_writes=off',
};

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
const round = (x: number) => Math.round(x * 100) / 100;

function noteErrors(what: string, r: LoadResult) {
  for (const [error, n] of r.errors) failures.push(`${what}: ${n} × ${error}`);
}

// --- sends -------------------------------------------------------------------

interface SendSetup { url: string; tokens: string[]; conversations: string[] }

/** 50 sessions (demo care professionals in turn), each with its own conversation with the practice's GP. */
async function prepareSends(url: string): Promise<SendSetup> {
  const n = Math.max(...CONCURRENCY);
  const people = Array.from({ length: n }, (_, i) => CARE_PEOPLE[i % CARE_PEOPLE.length]!);
  const tokens: string[] = [];
  for (let i = 0; i < n; i += 5) tokens.push(...(await Promise.all(people.slice(i, i + 5).map((p) => signInDemo(url, p)))));
  const starter = tokens[people.indexOf('p-devries')]!;
  const { conversationIds } = await prepareConversations(url, starter, {
    count: n, participants: (i) => [people[i] === 'p-devries' ? 'p-jansen' : people[i]!],
  });
  return { url, tokens, conversations: conversationIds };
}

const TEXT = 'Mevrouw heeft sinds gisteren koorts en een rode wond aan het linkerbeen. Kan de huisarts vandaag langskomen?';

function sendLoad(s: SendSetup, clients: number): Promise<LoadResult> {
  return runLoad({
    clients, warmupMs: WARMUP_MS, durationMs: SEND_MS,
    call: async (i) => {
      const r = await op(s.url, s.tokens[i]!, 'postMessage', { conversationId: s.conversations[i], messageId: randomUUID(), text: TEXT });
      return r.status === 200 ? undefined : `${r.status} ${r.body.slice(0, 120)}`;
    },
  });
}

function sendRows(backend: string, clients: number, r: LoadResult, raw: LoadResult | undefined, rawLabel: string, budgeted: boolean) {
  const rate = r.ok / r.seconds;
  const rawRate = raw ? raw.ok / raw.seconds : undefined;
  rows.push({
    metric: `${backend}: messages sent per second, ${clients} client${clients > 1 ? 's' : ''}`, value: rate, unit: '/s',
    ...(rawRate !== undefined ? { baseline: { label: `${rawLabel} rows per second, ${clients} at once`, value: rawRate } } : {}),
    // The budget is PostgreSQL's at 10 clients: a send is a transaction of several statements (message, conversation,
    // inbox rows, audit, idempotency), so it is held to a tenth of the one-statement INSERT rate, not to the rate itself.
    ...(rawRate !== undefined && budgeted && clients === 10 ? { budget: { min: SEND_RATE_BUDGET, relative: true } } : {}),
  });
  rows.push({ metric: `${backend}: send p50, ${clients} client${clients > 1 ? 's' : ''}`, value: percentile(r.latencies, 0.5), unit: 'ms' });
  rows.push({
    metric: `${backend}: send p99, ${clients} client${clients > 1 ? 's' : ''}`, value: percentile(r.latencies, 0.99), unit: 'ms',
    ...(budgeted && clients === 50 ? { budget: { max: SEND_P99_BUDGET_MS } } : {}),
  });
}

/** The raw single-row INSERT rate: `clients` loops, one INSERT per statement (autocommit), a message-sized jsonb row each. */
function rawInsertLoad(clients: number, insert: (client: number, id: string, doc: string) => Promise<unknown>): Promise<LoadResult> {
  const doc = JSON.stringify({ conversationId: 'raw', authorId: 'p-jansen', authorKind: 'professional', authorName: 'Sanne Jansen', text: TEXT, createdAt: new Date().toISOString() });
  return runLoad({
    clients, warmupMs: WARMUP_MS, durationMs: SEND_MS,
    call: async (i) => {
      await insert(i, randomUUID(), doc);
      return undefined;
    },
  });
}

/**
 * The ceiling the send budget sits under: a process doing only what any send
 * must (an HTTP request on a kept-alive socket; a transaction of two round
 * trips to PostgreSQL, a read and then the write of the message with its
 * COMMIT), without sign-in, rules, list rows, audit or events
 * (support/floor-server.ts), at 10 clients, beside the raw INSERT rate.
 */
async function floorRows(databaseUrl: string, raw: LoadResult) {
  const floor = await spawnFloor(databaseUrl);
  try {
    const r = await runLoad({
      clients: 10, warmupMs: WARMUP_MS, durationMs: SEND_MS,
      call: async () => {
        const a = await postJson(floor.url, '/send', { conversationId: 'floor', messageId: randomUUID(), text: TEXT });
        return a.status === 200 ? undefined : `${a.status} ${a.body.slice(0, 120)}`;
      },
    });
    noteErrors('PostgreSQL floor (HTTP + two round trips), 10 clients', r);
    rows.push({
      metric: 'no application: HTTP + read + write-and-COMMIT per request, per second, 10 clients', value: r.ok / r.seconds, unit: '/s',
      baseline: { label: 'raw INSERT rows per second, 10 at once', value: raw.ok / raw.seconds },
    });
    log(`PostgreSQL: no application (HTTP + two round trips), 10 clients: ${(r.ok / r.seconds).toFixed(0)}/s`);
  } finally {
    floor.kill();
  }
}

async function writeStatements(db: pg.Pool, file: string) {
  const { rows: stats } = await db.query<Record<string, unknown>>(
    `SELECT calls, round(total_exec_time::numeric / nullif(calls, 0), 4) AS exec_ms, round(total_plan_time::numeric / nullif(calls, 0), 4) AS plan_ms,
       round((total_exec_time + total_plan_time)::numeric, 1) AS total_ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 400) AS query
     FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 40`,
  );
  writeFileSync(file, JSON.stringify(stats, null, 2));
  log(`PostgreSQL: statement times written to ${file}`);
}

// --- inbox -------------------------------------------------------------------

async function inboxLatency(url: string, token: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < INBOX_WARMUP + INBOX_SAMPLES; i++) {
    const s = performance.now();
    const r = await op(url, token, 'listInbox', { via: '' }, false);
    const ms = performance.now() - s;
    if (r.status !== 200) throw new Error(`listInbox: ${r.status} ${r.body.slice(0, 200)}`);
    if (i === 0) {
      const page = JSON.parse(r.body) as { items: unknown[]; next: unknown };
      if (page.items.length !== 25 || !page.next) throw new Error(`listInbox: expected a full first page, got ${page.items.length} items`);
    }
    if (i >= INBOX_WARMUP) out.push(ms);
  }
  return out;
}

function inboxRows(backend: string, measured: Map<number, number[]>) {
  const base = measured.get(LEVELS[0]);
  for (const [level, xs] of measured) {
    const biggest = level === Math.max(...measured.keys()) && level !== LEVELS[0];
    for (const [q, name] of [[0.5, 'p50'], [0.99, 'p99']] as const) {
      rows.push({
        metric: `${backend}: inbox first page ${name}, ${label(level)} messages`, value: percentile(xs, q), unit: 'ms',
        ...(biggest && base ? { baseline: { label: `at ${label(LEVELS[0])}`, value: percentile(base, q) }, budget: { max: 2, relative: true } } : {}),
      });
    }
  }
}

/** Conversations to add so that `target` messages are stored, given `stored` now. */
const conversationsFor = (target: number, stored: number) => Math.max(0, Math.floor((target - stored) / MESSAGES_PER_CONVERSATION));

// --- PostgreSQL ----------------------------------------------------------------

async function benchPostgres() {
  const missing = postgresMissing();
  if (missing) {
    notes.push(`PostgreSQL not measured: ${missing}`);
    log(`SKIPPED PostgreSQL: ${missing}`);
    return;
  }
  log('PostgreSQL: starting a throwaway cluster');
  const cluster: PgCluster = await startCluster();
  cleanups.push(() => cluster.stop());
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: cluster.url() });
    await c.connect();
    try {
      return (await c.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  };
  context.postgresVersion = (await admin('SHOW server_version'))[0]?.server_version;
  await admin('CREATE DATABASE bench_send');
  await admin('CREATE DATABASE bench_inbox');

  // Sends, each concurrency followed by the raw INSERT baseline at the same concurrency.
  let server: ServerProcess | undefined = await spawnServer({ port: await freePort(), databaseUrl: cluster.url('bench_send'), readyTimeoutMs: 60_000 });
  cleanups.push(() => void server?.kill('SIGKILL'));
  log(`PostgreSQL: server up at ${server.url}; signing in ${Math.max(...CONCURRENCY)} clients`);
  const setup = await prepareSends(server.url);
  const db = new pg.Pool({ connectionString: cluster.url('bench_send'), max: Math.max(...CONCURRENCY) + 1 });
  cleanups.push(() => db.end().catch(() => {}));
  await db.query('CREATE TABLE bench_raw (id text PRIMARY KEY, doc jsonb NOT NULL)');
  if (STATEMENTS) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const xacts = async () => (await db.query<{ c: string; r: string }>(
    `SELECT xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = 'bench_send'`,
  )).rows[0]!;
  const retries: Record<string, number> = {};
  const cpuPerSend: Record<string, unknown> = {};
  for (const clients of CONCURRENCY) {
    const before = await xacts();
    const cpu0 = { server: processCpuMs(server.pid), postgres: clusterCpu(cluster.dataDir), bench: process.cpuUsage() };
    const perf = PERF && clients === 10 ? spawn('perf', ['record', '-a', '-g', '-F', '499', '-o', PERF], { stdio: 'ignore' }) : undefined;
    const sends = await sendLoad(setup, clients);
    if (perf) await new Promise((r) => perf.on('exit', r).kill('SIGINT'));
    const after = await xacts();
    const perSend = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? null : round((b - a) / Math.max(1, sends.ok)));
    const bench = process.cpuUsage(cpu0.bench);
    cpuPerSend[`${clients} clients`] = {
      server: perSend(cpu0.server, processCpuMs(server.pid)), postgres: perSend(0, cpuBetween(cpu0.postgres, clusterCpu(cluster.dataDir))),
      loadGenerator: round((bench.user + bench.system) / 1000 / Math.max(1, sends.ok)),
    };
    noteErrors(`PostgreSQL send, ${clients} clients`, sends);
    // Rolled-back transactions per acknowledged send: retries (a deadlock, a concurrent insert of one key).
    retries[`${clients} clients`] = round((Number(after.r) - Number(before.r)) / Math.max(1, sends.ok + sends.errors.size));
    const raw = await rawInsertLoad(clients, (_i, id, doc) => db.query('INSERT INTO bench_raw (id, doc) VALUES ($1, $2)', [id, doc]));
    noteErrors(`PostgreSQL raw INSERT, ${clients} connections`, raw);
    sendRows('PostgreSQL', clients, sends, raw, 'raw INSERT', true);
    if (clients === 10) await floorRows(cluster.url('bench_send'), raw);
    // A second reference: the same server answering an HTTP call that needs no sign-in and no database.
    const floor = await runLoad({
      clients, warmupMs: WARMUP_MS, durationMs: SEND_MS,
      call: async () => {
        const r = await getPath(server!.url, '/api/v1/health');
        return r.status === 200 ? undefined : `${r.status}`;
      },
    });
    noteErrors(`PostgreSQL server, GET /api/v1/health, ${clients} clients`, floor);
    rows.push({ metric: `same server, GET /api/v1/health (no sign-in, no database) per second, ${clients} client${clients > 1 ? 's' : ''}`, value: floor.ok / floor.seconds, unit: '/s' });
    log(`PostgreSQL: ${clients} clients: ${(sends.ok / sends.seconds).toFixed(0)} msg/s (p99 ${percentile(sends.latencies, 0.99).toFixed(1)} ms), ` +
      `raw INSERT ${(raw.ok / raw.seconds).toFixed(0)} rows/s; GET /api/v1/health ${(floor.ok / floor.seconds).toFixed(0)}/s; ` +
      `rollbacks per send ${retries[`${clients} clients`]}; CPU ms per send ${JSON.stringify(cpuPerSend[`${clients} clients`])}`);
  }
  context.postgresRollbacksPerSend = retries;
  context.postgresCpuMsPerSend = cpuPerSend;
  if (STATEMENTS) await writeStatements(db, STATEMENTS);
  await server.kill('SIGTERM');
  server = undefined;
  if (SENDS_ONLY) return;

  // Inbox pages over growing data, in a database of its own.
  server = await spawnServer({ port: await freePort(), databaseUrl: cluster.url('bench_inbox'), readyTimeoutMs: 60_000 });
  const owner = 'p-jansen';
  const token = await signInDemo(server.url, owner);
  await mustCall(server.url, token, 'recordConsent', { clientId: 'c-pietersen', textId: 'consent-text-v1', givenBy: { kind: 'client' }, method: 'verbal' });
  const network = await mustCall(server.url, token, 'createNetwork', { clientId: 'c-pietersen' });
  const plan = { ownerId: owner, networkId: network.id as string, clientId: 'c-pietersen' };
  const inbox = new pg.Client({ connectionString: cluster.url('bench_inbox') });
  await inbox.connect();
  cleanups.push(() => inbox.end().catch(() => {}));
  const measured = new Map<number, number[]>();
  const loads: Record<string, string> = {};
  let next = 0;
  for (const level of LEVELS) {
    const stored = Number((await inbox.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0]!.n);
    const add = conversationsFor(level, stored);
    const t = performance.now();
    await bulkLoad(async (sql) => (await inbox.query(sql)).rows, plan, next, next + add);
    next += add;
    const s = (performance.now() - t) / 1000;
    loads[label(level)] = `${add * MESSAGES_PER_CONVERSATION} messages, ${add} conversations, ${2 * add} list rows in ${s.toFixed(1)} s`;
    log(`PostgreSQL: ${label(level)} messages stored (loaded ${loads[label(level)]}); measuring listInbox`);
    measured.set(level, await inboxLatency(server.url, token));
  }
  context.postgresBulkLoads = loads;
  inboxRows('PostgreSQL', measured);
  await server.kill('SIGTERM');
  server = undefined;
}

// --- PGlite --------------------------------------------------------------------

async function benchPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'nz-bench-pglite-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let server: ServerProcess | undefined;
  cleanups.push(() => void server?.kill('SIGKILL'));
  const start = async (folder: string) => spawnServer({ port: await freePort(), dataDir: join(dir, folder), readyTimeoutMs: 90_000 });

  log('PGlite: starting the server on a new data folder');
  server = await start('send');
  const setup = await prepareSends(server.url);
  const sends = new Map<number, LoadResult>();
  for (const clients of CONCURRENCY) {
    const r = await sendLoad(setup, clients);
    noteErrors(`PGlite send, ${clients} clients`, r);
    sends.set(clients, r);
    log(`PGlite: ${clients} clients: ${(r.ok / r.seconds).toFixed(0)} msg/s (p99 ${percentile(r.latencies, 0.99).toFixed(1)} ms)`);
  }
  await server.kill('SIGTERM');
  server = undefined;

  // The raw INSERT baseline on the same PGlite database (the server stopped: one process per folder).
  const lite = await openPglite({ folder: join(dir, 'send') });
  try {
    await lite.exec('CREATE TABLE bench_raw (id text PRIMARY KEY, doc jsonb NOT NULL)');
    for (const clients of CONCURRENCY) {
      const raw = await rawInsertLoad(clients, (_i, id, doc) => lite.query('INSERT INTO bench_raw (id, doc) VALUES ($1, $2)', [id, doc]));
      noteErrors(`PGlite raw INSERT, ${clients} callers`, raw);
      sendRows('PGlite', clients, sends.get(clients)!, raw, 'raw INSERT (in-process)', false);
      log(`PGlite: raw INSERT, ${clients} concurrent callers: ${(raw.ok / raw.seconds).toFixed(0)} rows/s`);
    }
  } finally {
    await lite.close();
  }
  if (SENDS_ONLY) return;

  // Inbox pages: each level is loaded with the server stopped, then measured through it.
  server = await start('inbox');
  const owner = 'p-jansen';
  const token = await signInDemo(server.url, owner);
  await mustCall(server.url, token, 'recordConsent', { clientId: 'c-pietersen', textId: 'consent-text-v1', givenBy: { kind: 'client' }, method: 'verbal' });
  const network = await mustCall(server.url, token, 'createNetwork', { clientId: 'c-pietersen' });
  const plan = { ownerId: owner, networkId: network.id as string, clientId: 'c-pietersen' };
  await server.kill('SIGTERM');
  server = undefined;
  const measured = new Map<number, number[]>();
  const loads: Record<string, string> = {};
  let next = 0;
  let messagesPerSecond: number | undefined;
  for (const level of LEVELS) {
    const db = await openPglite({ folder: join(dir, 'inbox') });
    let add: number;
    try {
      const stored = Number((await db.query<{ n: number | string }>('SELECT count(*) AS n FROM messages'))[0]!.n);
      add = conversationsFor(level, stored);
      const projected = messagesPerSecond ? (add * MESSAGES_PER_CONVERSATION) / messagesPerSecond : 0;
      if (projected > PGLITE_LOAD_S) {
        const why = `PGlite: ${label(level)} messages not measured: loading ${add * MESSAGES_PER_CONVERSATION} more would take about ` +
          `${projected.toFixed(0)} s at the ${messagesPerSecond!.toFixed(0)} messages/s of the previous level (limit ${PGLITE_LOAD_S} s, NZ_BENCH_PGLITE_LOAD_S)`;
        notes.push(why);
        log(why);
        break;
      }
      const t = performance.now();
      await bulkLoad((sql) => db.query(sql), plan, next, next + add, { workMem: '64MB' });
      const s = (performance.now() - t) / 1000;
      if (add > 1000) messagesPerSecond = (add * MESSAGES_PER_CONVERSATION) / s;
      loads[label(level)] = `${add * MESSAGES_PER_CONVERSATION} messages, ${add} conversations, ${2 * add} list rows in ${s.toFixed(1)} s`;
    } finally {
      await db.close();
    }
    next += add;
    server = await start('inbox');
    log(`PGlite: ${label(level)} messages stored (loaded ${loads[label(level)]}); measuring listInbox`);
    measured.set(level, await inboxLatency(server.url, token));
    await server.kill('SIGTERM');
    server = undefined;
  }
  context.pgliteBulkLoads = loads;
  inboxRows('PGlite', measured);
}

// --- run -----------------------------------------------------------------------

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (e) {
      console.error(`cleanup: ${(e as Error).message}`);
    }
  }
  cleanups.length = 0;
}
process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)));

let crashed: unknown;
try {
  await quietMachine();
  if (ONLY !== 'pglite') await benchPostgres();
  if (ONLY !== 'postgres') await benchPglite();
} catch (e) {
  crashed = e;
} finally {
  await cleanup();
}
context.loadavgAtEnd = loadavg().map((x) => +x.toFixed(2));
context.seconds = Math.round((Date.now() - started) / 1000);
context.notes = notes;
if (failures.length) context.failures = failures;
if (rows.length) report('server', rows, context);
for (const n of notes) console.log(`note: ${n}`);
console.log(`load average at start ${(context.loadavgAtStart as number[]).join(' ')}, at end ${(context.loadavgAtEnd as number[]).join(' ')} (${cpus().length} cores); ${context.seconds} s in all`);
if (crashed) {
  console.error('server bench failed:', crashed);
  process.exit(1);
}
if (failures.length) {
  console.error(`server bench: requests failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
