/**
 * Fan-out of one message: five participants of a conversation have their
 * panel open on it (signed in, live stream connected, the conversation on
 * screen), one of them writes. What does that cost the server? Counted at
 * the server, not read from the code:
 *
 *   - HTTP requests, from the server's own access log, by route;
 *   - write transactions, from PostgreSQL (transaction ids handed out:
 *     a read-only transaction takes none);
 *   - audit records, from the audit table.
 *
 * The panels are the product's own models (lib/app: createApp, startLive,
 * the conversation model) over the HTTP backend and the live stream, in
 * this process, without a browser: what they ask is what a side panel asks.
 *
 *   npx tsx test/bench/fanout.bench.ts        (npm run bench runs it too)
 */
import { createApp, type AppModel } from '../../lib/app/app';
import { startLive, type StreamLike } from '../../lib/app/live';
import { directOutbox } from '../../lib/backend/direct-outbox';
import { connectServer } from '../../lib/backend/http/server-connection';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { startServer, type RunningServer } from '../../server/server';
import { testConfig } from '../contract/http-harness';
import { openSse } from '../server/helpers';
import { postgresMissing, startCluster } from '../server/pg-cluster';
import { signInDemo } from '../server/support/api-client';
import { quietMachine, report, type BenchRow } from './report';

const MESSAGES = 20;
const PANELS = ['p-devries', 'p-jansen', 'p-elamrani', 'p-yilmaz', 'p-degraaf'] as const;
const WRITER = 'p-devries';

/** An EventSource for the models, over fetch (Node has none). */
function sseStream(url: string): StreamLike {
  const listeners = new Map<string, ((e: { data?: unknown }) => void)[]>();
  let closed = false;
  let close = () => {};
  void openSse(url).then((s) => {
    close = () => s.close();
    if (closed) return close();
    let seen = 0;
    const pump = async () => {
      while (!closed && !s.ended) {
        await s.next(() => s.events.length > seen, 60_000).catch(() => undefined);
        for (; seen < s.events.length; seen++) {
          const e = s.events[seen]!;
          for (const fn of listeners.get(e.event) ?? []) fn({ data: e.data });
        }
      }
      if (!closed) for (const fn of listeners.get('error') ?? []) fn({});
    };
    void pump();
  });
  return {
    addEventListener(type, fn) {
      listeners.set(type, [...(listeners.get(type) ?? []), fn]);
    },
    close() {
      closed = true;
      close();
    },
  };
}

/** Waits until nothing reached the server for `quietMs` (every panel has done what the last event asked). */
async function settled(requests: () => number, quietMs = 1500) {
  let last = requests();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    if (requests() !== last) {
      last = requests();
      since = Date.now();
    }
  }
}

async function until(ok: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const missing = postgresMissing();
if (missing) {
  console.log(`SKIPPED fan-out: ${missing}`);
  process.exit(0);
}
await quietMachine();
const cluster = await startCluster();
let server: RunningServer | undefined;
const apps: AppModel[] = [];
const lives: { stop(): void }[] = [];
try {
  const byRoute = new Map<string, number>();
  let requests = 0;
  server = await startServer(testConfig({ databaseUrl: cluster.url(), demo: true }), {
    log: (event, fields) => {
      if (event !== 'request') return;
      requests++;
      const route = `${fields?.method} ${String(fields?.path).replace(/^\/api\/v1\//, '')}`;
      byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    },
  });
  const url = server.url;
  const sql = server.ctx.db;
  const xids = async () => Number((await sql.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x'))[0]!.x);
  const audits = async () => (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0]!.n;

  // The conversation: the GP starts it with the four others as participants.
  const tokens = new Map<string, string>();
  for (const p of PANELS) tokens.set(p, await signInDemo(url, p));
  const connections = new Map(PANELS.map((p) => {
    const c = connectServer(url, memoryTokenStore(tokens.get(p)));
    return [p, { mode: c.mode, backend: c.backend, outbox: directOutbox(c.backend) }] as const;
  }));
  const gp = connections.get(WRITER)!.backend;
  const must = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; code: string }>) => {
    const x = await r;
    if (!x.ok) throw new Error(x.code);
    return x.value;
  };
  const client = await must(gp.call('createClient', { name: 'Fan Out', birthDate: '1950-01-01' }));
  await must(gp.call('recordConsent', { clientId: client.id, textId: 'consent-text-v1', givenBy: { kind: 'client' }, method: 'verbal' }));
  const network = await must(gp.call('createNetwork', { clientId: client.id }));
  const conv = await must(gp.call('startConversation', {
    networkId: network.id, subject: 'Vijf panelen', professionalIds: PANELS.filter((p) => p !== WRITER), messageId: crypto.randomUUID(), text: 'Begin',
  }));

  // Five panels, each open on the conversation with its live stream connected.
  const byPerson = new Map<string, AppModel>();
  for (const p of PANELS) {
    const app = createApp({ connection: connections.get(p)! });
    await app.start();
    app.go({ name: 'conversation', id: conv.id });
    await until(() => app.conversation.view.value?.conversation.id === conv.id, `${p}'s conversation`);
    const live = startLive(app, { streamUrl: () => connections.get(p)!.mode.liveUrl(), open: sseStream, page: { onVisible: () => () => {} } });
    await until(() => live.connected.value, `${p}'s live stream`);
    apps.push(app);
    lives.push(live);
    byPerson.set(p, app);
  }
  await settled(() => requests);

  const writer = byPerson.get(WRITER)!;
  const others = PANELS.filter((p) => p !== WRITER).map((p) => byPerson.get(p)!);
  byRoute.clear();
  const [requests0, xids0, audits0] = [requests, await xids(), await audits()];
  for (let i = 0; i < MESSAGES; i++) {
    const text = `Bericht ${i} aan vijf panelen`;
    if (!(await writer.conversation.send(text))) throw new Error(`send ${i} refused`);
    // The positive signal: every other panel shows the message; then nothing more reaches the server.
    await until(() => others.every((a) => a.conversation.view.value?.messages.some((m) => m.text === text)), `message ${i} on every panel`);
    await settled(() => requests, 700);
  }
  // The probes above are read-only statements: they take no transaction id.
  const [requests1, xids1, audits1] = [requests, await xids(), await audits()];
  const perMessage = (n: number) => n / MESSAGES;
  const sends = byRoute.get('POST ops/postMessage') ?? 0;
  const reads = requests1 - requests0 - sends;
  const writeTransactions = perMessage(xids1 - xids0);
  const rows: BenchRow[] = [
    { metric: `requests per message, ${PANELS.length} panels open`, value: perMessage(requests1 - requests0), unit: 'requests', budget: { max: 1 + PANELS.length } },
    { metric: 'read requests per open panel per message', value: reads / MESSAGES / PANELS.length, unit: 'requests', budget: { max: 1 } },
    { metric: 'write transactions per message (the send\'s own)', value: writeTransactions, unit: 'transactions', budget: { max: 1 } },
    { metric: 'audit records per message (the send\'s own, R15)', value: perMessage(audits1 - audits0), unit: 'records', budget: { max: 1 } },
  ];
  report('fanout', rows, {
    panels: PANELS.length, messages: MESSAGES, writer: WRITER,
    requestsByRoute: Object.fromEntries([...byRoute].map(([k, v]) => [k, perMessage(v)])),
    counting: 'requests from the server\'s access log; write transactions as transaction ids PostgreSQL handed out (read-only ones take none); audit records by counting the table',
  });
  console.log('requests per message, by route:', Object.fromEntries([...byRoute].map(([k, v]) => [k, perMessage(v)])));
} finally {
  for (const l of lives) l.stop();
  for (const a of apps) a.dispose();
  await server?.close();
  await cluster.stop();
}
