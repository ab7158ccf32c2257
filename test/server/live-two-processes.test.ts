import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTicket, eventsUrl, signIn } from '../../lib/backend/http/auth-client';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { DEMO_PASSWORD } from '../../server/seed';
import { openSse } from './helpers';
import { freePort, mustHavePostgres, postgresMissing, startCluster, type PgCluster } from './pg-cluster';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const TOTP_KEY = randomBytes(32).toString('hex');

interface Proc { url: string; child: ChildProcess; output: string[] }

/** `node --import tsx server/main.ts` on its own port, against the shared DATABASE_URL. */
async function startProcess(urls: { databaseUrl: string; migrationUrl: string }): Promise<Proc> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: urls.databaseUrl, NZ_MIGRATION_DATABASE_URL: urls.migrationUrl, NZ_TOTP_KEY: TOTP_KEY, NZ_PORT: String(port), NZ_HOST: '127.0.0.1', NZ_LOG: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, child, output };
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopProcess(p: Proc | undefined) {
  if (!p || p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

const missing = postgresMissing();

describe.skipIf(!!missing && !mustHavePostgres)(`live events across two server processes on one PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: PgCluster | undefined;
  let a: Proc | undefined;
  let b: Proc | undefined;
  beforeAll(async () => {
    if (missing) throw new Error(`PostgreSQL is required in CI: ${missing}`);
    cluster = await startCluster();
    await cluster.createDatabase('live');
    // Both start at once: migrations and the demo seed must cope with a twin.
    [a, b] = await Promise.all([startProcess(cluster.serverUrls('live')), startProcess(cluster.serverUrls('live'))]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stopProcess(a), stopProcess(b)]);
    await cluster?.stop();
  });

  it('a message sent through one process reaches, live, a stream connected to the other', async () => {
    const signedIn = async (url: string, email: string) => {
      const r = await signIn(url, { email, password: DEMO_PASSWORD });
      if (!r.ok) throw new Error(`${email}: ${r.code}`);
      return r.value.token;
    };
    // Yilmaz listens on process B (EventSource style: a one-time ticket).
    const yilmazToken = await signedIn(b!.url, 'y.yilmaz@zorgzaam.nl');
    const ticket = await eventTicket(b!.url, yilmazToken);
    if (!ticket.ok) throw new Error(ticket.code);
    const stream = await openSse(eventsUrl(b!.url, ticket.value.ticket));
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');

    // Jansen works through process A.
    const jansen = new HttpBackend({ baseUrl: a!.url, tokens: memoryTokenStore(await signedIn(a!.url, 's.jansen@lombokhuisartsen.nl')) });
    const must = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; code: string }>) => {
      const r = await p;
      if (!r.ok) throw new Error(r.code);
      return r.value;
    };
    const client = await must(jansen.call('createClient', { name: 'Twee Processen', birthDate: '1950-01-01' }));
    const text = (await must(jansen.call('currentConsentText', {})))!;
    await must(jansen.call('recordConsent', { clientId: client.id, textId: text.id, givenBy: { kind: 'client' }, method: 'verbal' }));
    const network = await must(jansen.call('createNetwork', { clientId: client.id }));
    const started = Date.now();
    const conv = await must(jansen.call('startConversation', {
      networkId: network.id, subject: 'Over twee processen', inboxIds: ['inbox-kanaleneiland'], messageId: crypto.randomUUID(), text: 'Geheim',
    }));
    const first = await stream.next((e) => e.event === 'conversation' && JSON.parse(e.data).conversationId === conv.id, 5000);
    expect(JSON.parse(first.data)).toEqual({ type: 'conversation', conversationId: conv.id });
    expect(Date.now() - started).toBeLessThan(5000);

    const seen = stream.events.length;
    await must(jansen.call('postMessage', { conversationId: conv.id, messageId: crypto.randomUUID(), text: 'Nog een bericht' }));
    await stream.next((e) => e.event === 'conversation' && stream.events.indexOf(e) >= seen);
    expect(stream.events.map((e) => e.data).join('\n')).not.toMatch(/Geheim|Nog een bericht/);
    stream.close();
  });

  it('deactivation through one process closes the person\'s stream on the other', async () => {
    const r = await signIn(b!.url, { email: 'm.degraaf@zorgzaam.nl', password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(r.code);
    const stream = await openSse(`${b!.url}/api/v1/events`, { Authorization: `Bearer ${r.value.token}` });
    await stream.next((e) => e.event === 'ready');
    const bos = await signIn(a!.url, { email: 'h.bos@zorgzaam.nl', password: DEMO_PASSWORD });
    if (!bos.ok) throw new Error(bos.code);
    const manager = new HttpBackend({ baseUrl: a!.url, tokens: memoryTokenStore(bos.value.token) });
    expect((await manager.call('deactivateAccount', { professionalId: 'p-degraaf' })).ok).toBe(true);
    expect(await stream.waitEnd(5000)).toBe(true);
  });

  it('the sign-in throttle counts failures made through either process', async () => {
    const email = 'l.smit@lombokhuisartsen.nl';
    // Five wrong passwords, spread over both processes, reach the per-account limit of five.
    for (let i = 0; i < 5; i++) {
      const r = await signIn(i % 2 ? b!.url : a!.url, { email, password: `verkeerd-${i}-wachtwoord` });
      expect(r.ok ? 'signed in' : r.code).toBe('not-signed-in');
    }
    for (const p of [a!, b!]) {
      const r = await signIn(p.url, { email, password: DEMO_PASSWORD });
      expect(r.ok ? 'signed in' : r.code).toBe('rate-limited');
    }
  });
});
