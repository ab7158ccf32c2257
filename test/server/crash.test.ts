/**
 * Crash test on a real PostgreSQL: the server runs as its own process
 * (`node --import tsx server/main.ts`) and is killed with SIGKILL at random
 * moments while 500 messages are being sent, then started again. Clients
 * retry every send with the same Idempotency-Key and body until it is
 * acknowledged, as the side panel's outbox does. Afterwards every message is
 * stored exactly once, the idempotency table holds exactly one answer per
 * key, the audit log one record per message, the lists agree with the
 * conversations, and the server starts cleanly, answers and stops on SIGTERM.
 */
import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';
import { callOp, prepareConversations, signInDemo } from './support/api-client';
import { spawnServer, waitHealthy, type ServerProcess } from './support/server-process';

const MESSAGES = 500;
const SENDERS = 6;
const CONVERSATIONS = 8;
// A bound, not the expected time (about 20–30 s on an idle 2-core machine; restarts dominate under load).
const BURST_DEADLINE_MS = 90_000;

if (postgresSuite('crash test on PostgreSQL')) {
  describe('crash test on PostgreSQL', () => {
    let cluster: PgCluster | undefined;
    let server: ServerProcess | undefined;
    afterAll(async () => {
      await server?.kill('SIGKILL');
      await cluster?.stop();
    });

    it('SIGKILL during a burst of 500 retried sends: every message stored exactly once, idempotency agrees, the server restarts cleanly', async () => {
      const started = Date.now();
      cluster = await startCluster();
      await cluster.createDatabase('crash');
      const databaseUrl = cluster.url('crash');
      const port = await freePort();
      const start = () => spawnServer({ port, ...cluster!.serverUrls('crash') });
      server = await start();
      const url = server.url;

      // Two senders in one practice's network; sessions live in the database, so tokens outlive a crash.
      const tokens = { 'p-devries': await signInDemo(url, 'p-devries'), 'p-yilmaz': await signInDemo(url, 'p-yilmaz') };
      const { conversationIds } = await prepareConversations(url, tokens['p-devries'], { count: CONVERSATIONS, participants: () => ['p-yilmaz'] });

      const plan = Array.from({ length: MESSAGES }, (_, i) => ({
        i,
        author: (i % 2 ? 'p-yilmaz' : 'p-devries') as keyof typeof tokens,
        conversationId: conversationIds[i % CONVERSATIONS]!,
        messageId: randomUUID(),
        key: randomUUID(),
        text: `crash-test ${i}: ${randomUUID()}`,
      }));

      // Kill at random moments: after a random number of acknowledged sends, plus a random few milliseconds.
      const kills = randomInt(5, 8);
      const thresholds = new Set<number>();
      while (thresholds.size < kills) thresholds.add(randomInt(10, MESSAGES - 20));
      const killAt = [...thresholds].sort((a, b) => a - b);

      let acked = 0;
      let killed = 0;
      let restarting: Promise<void> | undefined;
      const stats = { attempts: 0, networkErrors: 0, status5xx: 0, replayed: 0, restartMs: [] as number[] };
      const unexpected: string[] = [];
      const acks = new Map<string, string>();
      const deadline = Date.now() + BURST_DEADLINE_MS;

      let restartFailure: unknown;
      const crashAndRestart = async () => {
        await new Promise((r) => setTimeout(r, randomInt(0, 40)));
        await server!.kill('SIGKILL');
        killed++;
        const t = Date.now();
        server = await start();
        stats.restartMs.push(Date.now() - t);
      };
      const maybeKill = () => {
        if (restarting || killed >= killAt.length || acked < killAt[killed]!) return;
        restarting = crashAndRestart().catch((e: unknown) => {
          restartFailure ??= e;
        }).finally(() => {
          restarting = undefined;
        });
      };

      let next = 0;
      const sender = async () => {
        for (let m = plan[next++]; m; m = plan[next++]) {
          for (;;) {
            if (restartFailure) throw restartFailure;
            if (Date.now() > deadline) {
              throw new Error(`burst not done in ${BURST_DEADLINE_MS} ms (${acked} acknowledged, ${killed} kills, ${JSON.stringify(stats)})`);
            }
            stats.attempts++;
            let r: Awaited<ReturnType<typeof callOp>> | undefined;
            try {
              const signal = AbortSignal.timeout(10_000);
              r = await callOp(url, tokens[m.author], 'postMessage', { conversationId: m.conversationId, messageId: m.messageId, text: m.text }, { key: m.key, signal });
            } catch {
              stats.networkErrors++;
            }
            if (r && r.status >= 500) stats.status5xx++;
            if (r && r.status === 200) {
              if (r.body.id !== m.messageId || r.body.text !== m.text) unexpected.push(`${m.i}: acknowledged with ${JSON.stringify(r.body)}`);
              if (r.replayed) stats.replayed++;
              acks.set(m.messageId, m.key);
              acked++;
              maybeKill();
              break;
            }
            if (r && r.status < 500) {
              unexpected.push(`${m.i}: ${r.status} ${JSON.stringify(r.body)}`);
              break;
            }
            await new Promise((res) => setTimeout(res, randomInt(20, 60)));
          }
        }
      };
      await Promise.all(Array.from({ length: SENDERS }, sender));
      await restarting;
      const burstMs = Date.now() - started;

      expect(unexpected).toEqual([]);
      expect(acks.size).toBe(MESSAGES);
      expect(killed).toBeGreaterThanOrEqual(5);
      // A crashed server answers no 5xx: requests fail to connect or are cut off, and are retried.
      expect(stats.status5xx).toBe(0);

      // One more crash, then a clean start: it must come up and answer.
      await server.kill('SIGKILL');
      server = await start();
      await waitHealthy(server.url);
      const session = await callOp(server.url, tokens['p-devries'], 'session', {});
      expect(session.status).toBe(200);
      for (const [i, conversationId] of conversationIds.entries()) {
        const read = await callOp(server.url, tokens['p-yilmaz'], 'readConversation', { conversationId });
        expect(read.status).toBe(200);
        const texts = (read.body.messages as { text: string }[]).map((m) => m.text).filter((t) => t.startsWith('crash-test '));
        expect(texts.length, `conversation ${i}`).toBe(plan.filter((m) => m.conversationId === conversationId).length);
        expect(new Set(texts).size).toBe(texts.length);
      }

      // A retry of an acknowledged send, after the crashes, gets the first answer again and stores nothing new
      // (the checks below count the rows); so does the same message under a new key (the device's messageId).
      const resentUnderNewKey = new Map<string, string>();
      for (const m of plan.filter((_, i) => i % 50 === 7)) {
        const again = await callOp(server.url, tokens[m.author], 'postMessage', { conversationId: m.conversationId, messageId: m.messageId, text: m.text }, { key: m.key });
        expect(again.status).toBe(200);
        expect(again.replayed).toBe(true);
        expect(again.body.id).toBe(m.messageId);
        const key = randomUUID();
        resentUnderNewKey.set(key, m.messageId);
        const newKey = await callOp(server.url, tokens[m.author], 'postMessage', { conversationId: m.conversationId, messageId: m.messageId, text: m.text }, { key });
        expect(newKey.status).toBe(200);
        expect(newKey.body.id).toBe(m.messageId);
      }

      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        // Every planned message exactly once, under its own id, by its author, nothing else that looks like one.
        const stored = (await db.query<{ id: string; author: string; conv: string; text: string }>(
          `SELECT id, doc->>'authorId' AS author, doc->>'conversationId' AS conv, doc->>'text' AS text FROM messages WHERE doc->>'text' LIKE 'crash-test %'`,
        )).rows;
        expect(stored.length).toBe(MESSAGES);
        const byId = new Map(stored.map((s) => [s.id, s]));
        for (const m of plan) {
          const s = byId.get(m.messageId);
          expect(s, `message ${m.i}`).toBeDefined();
          expect(s).toEqual({ id: m.messageId, author: m.author, conv: m.conversationId, text: m.text });
        }
        const dupTexts = (await db.query(`SELECT doc->>'text' FROM messages WHERE doc->>'text' LIKE 'crash-test %' GROUP BY 1 HAVING count(*) > 1`)).rows;
        expect(dupTexts).toEqual([]);

        // The idempotency table: one answer per key, naming the message that key sent, and no other postMessage answers
        // (besides those of the re-sends under new keys above, which name the stored message too).
        const idem = (await db.query<{ actor_id: string; key: string; id: string }>(
          `SELECT actor_id, key, answer::jsonb->>'id' AS id FROM idempotency WHERE op = 'postMessage'`,
        )).rows;
        expect(idem.length).toBe(MESSAGES + resentUnderNewKey.size);
        const byKey = new Map(idem.map((r) => [r.key, r]));
        for (const m of plan) expect(byKey.get(m.key), `key of message ${m.i}`).toEqual({ actor_id: m.author, key: m.key, id: m.messageId });
        for (const [key, id] of resentUnderNewKey) expect(byKey.get(key)?.id).toBe(id);

        // R15: one audit record per stored message.
        const audits = (await db.query<{ id: string; n: number }>(
          `SELECT doc->>'objectId' AS id, count(*)::int AS n FROM audit WHERE doc->>'action' = 'postMessage' GROUP BY 1`,
        )).rows;
        const auditOf = new Map(audits.map((a) => [a.id, a.n]));
        for (const m of plan) expect(auditOf.get(m.messageId), `audit of message ${m.i}`).toBe(1);

        // The conversation and its list rows moved with the last message that was committed.
        const drift = (await db.query(
          `SELECT c.id FROM conversations c
             WHERE c.doc->>'lastActivity' <> (SELECT max(m.doc->>'createdAt') FROM messages m WHERE m.doc->>'conversationId' = c.id)
                OR EXISTS (SELECT 1 FROM "inboxItems" i WHERE i.doc->>'conversationId' = c.id AND i.doc->>'lastActivity' <> c.doc->>'lastActivity')`,
        )).rows;
        expect(drift).toEqual([]);
      } finally {
        await db.end();
      }

      // And it stops cleanly when asked.
      await server.started();
      const stop = await server.kill('SIGTERM');
      expect(stop).toEqual({ code: 0, signal: null });
      server = undefined;

      console.log(
        `crash test: ${MESSAGES} sends by ${SENDERS} clients, ${killed} SIGKILLs (after ${killAt.join(', ')} acknowledgements), ` +
        `${stats.attempts} attempts, ${stats.networkErrors} cut off or refused, ${stats.replayed} answered from the idempotency table, ` +
        `restarts ${stats.restartMs.join('/')} ms; burst done after ${(burstMs / 1000).toFixed(1)} s, all checks after ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }, 150_000);
  });
}
