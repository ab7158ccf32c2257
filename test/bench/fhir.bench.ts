/**
 * Record API benchmark, against the reference server as its own process (PGlite, as `npm start` runs it):
 *
 *   - the first page of `GET /fhir/r4/Communication?subject=Patient/{id}` (the default _count, 50), p50
 *     and p99, for a client whose conversations hold 100 messages and, on the same server in the same
 *     run, for one whose conversations hold 10,000. Budget: the 10,000 figure at most 2× the 100 figure,
 *     p50 and p99 each: a record system's first page must not cost more as a client's history grows.
 *
 * Each client has a network with CONVERSATIONS conversations (the GP and the practice's assistant), the
 * messages spread evenly over them, all sent through the API (postMessage, as the GP, SEED_CONCURRENCY
 * at once). The reader is the GP (a person's session token, as a record system of the practice would see
 * the same): every page is a search the record API audits (R15), as in production.
 *
 *   npx tsx test/bench/fhir.bench.ts [--runs N]     (npm run bench runs it too; default 300 pages per client)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../server/pg-cluster';
import { prepareConversations, signInDemo } from '../server/support/api-client';
import { spawnServer, type ServerProcess } from '../server/support/server-process';
import { quietMachine, report, type BenchRow } from './report';
import { getPath, op, percentile } from './support/load';
import { logger } from './support/stats';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] || process.env.NZ_BENCH_RUNS || 300) || 300;
const WARMUP = 20;
const CONVERSATIONS = 5;
const SEED_CONCURRENCY = 10;
const SMALL = { clientId: 'c-pietersen', messages: 100 } as const;
const LARGE = { clientId: 'c-hendriks', messages: 10_000 } as const;
const PAGE = 50;
const BUDGET_RATIO = 2;
const log = logger();

/**
 * A network for the client and its conversations (each starts with a message), then the rest of the
 * messages, SEED_CONCURRENCY sends at once, in turn over the conversations. Returns how long it took.
 */
async function seed(url: string, gp: string, client: { clientId: string; messages: number }): Promise<number> {
  const started = performance.now();
  const { conversationIds } = await prepareConversations(url, gp, { clientId: client.clientId, count: CONVERSATIONS, participants: () => ['p-jansen'] });
  let next = CONVERSATIONS;
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, async () => {
    while (next < client.messages) {
      const i = next++;
      const r = await op(url, gp, 'postMessage', {
        conversationId: conversationIds[i % CONVERSATIONS], messageId: randomUUID(), text: `Bericht ${i}: de wond geneest goed, graag overleg over de medicatie.`,
      });
      if (r.status !== 200) throw new Error(`postMessage: ${r.status} ${r.body.slice(0, 200)}`);
    }
  }));
  return (performance.now() - started) / 1000;
}

/** One first page: its time in ms, after checking it is a full page with a next link. */
async function firstPage(url: string, gp: string, clientId: string): Promise<number> {
  const s = performance.now();
  const r = await getPath(url, `/fhir/r4/Communication?subject=Patient/${clientId}`, { Authorization: `Bearer ${gp}` });
  const ms = performance.now() - s;
  if (r.status !== 200) throw new Error(`Communication?subject=Patient/${clientId}: ${r.status} ${r.body.slice(0, 200)}`);
  const page = JSON.parse(r.body) as { entry?: unknown[]; link?: { relation: string }[] };
  if (page.entry?.length !== PAGE || !page.link?.some((l) => l.relation === 'next')) {
    throw new Error(`Communication?subject=Patient/${clientId}: expected a full first page with a next link, got ${page.entry?.length ?? 0} entries`);
  }
  return ms;
}

async function main() {
  await quietMachine();
  const dir = mkdtempSync(join(tmpdir(), 'nz-bench-fhir-'));
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer({ port: await freePort(), dataDir: join(dir, 'pglite'), readyTimeoutMs: 90_000 });
    const gp = await signInDemo(server.url, 'p-devries');
    const seeded: Record<string, string> = {};
    for (const client of [SMALL, LARGE]) {
      const s = await seed(server.url, gp, client);
      seeded[client.clientId] = `${client.messages} messages in ${CONVERSATIONS} conversations in ${s.toFixed(1)} s`;
      log(`${client.clientId}: ${seeded[client.clientId]}`);
    }
    const times: Record<string, number[]> = { [SMALL.clientId]: [], [LARGE.clientId]: [] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Interleaved, so a slow patch of the machine hits both alike.
      for (const { clientId } of [SMALL, LARGE]) {
        const ms = await firstPage(server.url, gp, clientId);
        if (i >= WARMUP) times[clientId]!.push(ms);
      }
    }
    const small = times[SMALL.clientId]!;
    const large = times[LARGE.clientId]!;
    log(`first page: ${SMALL.messages} messages p50 ${percentile(small, 0.5).toFixed(1)} ms, p99 ${percentile(small, 0.99).toFixed(1)} ms; ` +
      `${LARGE.messages} messages p50 ${percentile(large, 0.5).toFixed(1)} ms, p99 ${percentile(large, 0.99).toFixed(1)} ms (${RUNS} pages each)`);

    const rows: BenchRow[] = (['p50', 'p99'] as const).flatMap((name): BenchRow[] => {
      const q = name === 'p50' ? 0.5 : 0.99;
      return [
        { metric: `Communication?subject= first page ${name}, ${SMALL.messages} messages`, value: percentile(small, q), unit: 'ms' },
        {
          metric: `Communication?subject= first page ${name}, ${LARGE.messages.toLocaleString('en')} messages`, value: percentile(large, q), unit: 'ms',
          baseline: { label: `at ${SMALL.messages} messages`, value: percentile(small, q) }, budget: { max: BUDGET_RATIO, relative: true },
        },
      ];
    });
    report('fhir', rows, { runs: RUNS, warmup: WARMUP, pageSize: PAGE, conversationsPerClient: CONVERSATIONS, cores: cpus().length, seeded, small, large });
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
