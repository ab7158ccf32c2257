/**
 * The mail queue on a real PostgreSQL with the server as its own process
 * (`node --import tsx server/main.ts`), mail going through real SMTP to a
 * catcher the test starts: two processes share one queue and send each mail
 * once; a process killed with SIGKILL, with mail queued and while sending,
 * leaves nothing unsent after it starts again, and sends again at most the
 * one mail that was in flight.
 */
import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '../../demo/mail/catcher';
import { queueMail } from '../../server/mail/queue';
import { freePort, startCluster, type PgCluster } from './pg-cluster';
import { postgresSuite } from './postgres-gate';
import { spawnServer, type ServerProcess } from './support/server-process';

const MAILS = 200;
const KEY = randomBytes(32);

if (postgresSuite('mail queue on PostgreSQL')) {
  describe('mail queue on PostgreSQL', () => {
    let cluster: PgCluster | undefined;
    const servers: ServerProcess[] = [];
    const catchers: MailCatcher[] = [];
    beforeAll(async () => {
      cluster = await startCluster();
    }, 60_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.kill('SIGKILL')));
      await Promise.all(catchers.map((c) => c.close()));
      await cluster?.stop();
    });

    const start = async (database: string, smtpUrl: string | undefined) => {
      const s = await spawnServer({
        port: await freePort(), ...cluster!.serverUrls(database),
        env: { NZ_TOTP_KEY: KEY.toString('hex'), NZ_SMTP_URL: smtpUrl ?? '', NZ_MAIL_POLL_MS: '20' },
        readyTimeoutMs: 60_000,
      });
      servers.push(s);
      return s;
    };

    /** Queues mails as a command would, in one transaction, numbered so each can be told apart. */
    async function queue(database: string, first: number, count: number) {
      const client = new pg.Client({ connectionString: cluster!.url(database) });
      await client.connect();
      const sql = { query: async (text: string, params?: unknown[]) => (await client.query(text, params)).rows, exec: async () => {} };
      try {
        await client.query('BEGIN');
        for (let i = first; i < first + count; i++) {
          await queueMail(sql as never, KEY, new Date(), {
            kind: 'notification', professionalId: 'p-jansen', orgId: 'org-hap-lombok',
            payload: { to: `persoon-${i}@lombokhuisartsen.nl`, subject: `Testmail ${i}`, text: `Mail ${i}`, html: `<p>Mail ${i}</p>` },
          });
        }
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    }

    async function unsent(database: string): Promise<number> {
      const client = new pg.Client({ connectionString: cluster!.url(database) });
      await client.connect();
      try {
        return Number((await client.query('SELECT count(*) AS n FROM mail_outbox WHERE sent_at IS NULL')).rows[0].n);
      } finally {
        await client.end();
      }
    }

    async function allSent(database: string, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await unsent(database)) > 0) {
        if (Date.now() > deadline) throw new Error(`${await unsent(database)} mails still unsent`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    const bySubject = (c: MailCatcher) => {
      const counts = new Map<string, number>();
      for (const m of c.mails) counts.set(m.subject, (counts.get(m.subject) ?? 0) + 1);
      return counts;
    };

    it('two server processes on one queue: each of 200 mails goes out exactly once', async () => {
      await cluster!.createDatabase('mailtwo');
      const catcher = await startMailCatcher();
      catchers.push(catcher);
      await Promise.all([start('mailtwo', catcher.smtpUrl), start('mailtwo', catcher.smtpUrl)]);
      await queue('mailtwo', 0, MAILS);
      await catcher.waitFor(() => true, { count: MAILS, timeoutMs: 60_000 });
      await allSent('mailtwo');
      // Both workers keep polling: a second copy would have had time to arrive.
      await new Promise((r) => setTimeout(r, 500));
      expect(catcher.mails).toHaveLength(MAILS);
      expect(new Set(catcher.mails.map((m) => m.messageId)).size).toBe(MAILS);
      expect([...bySubject(catcher).values()].every((n) => n === 1)).toBe(true);
    }, 180_000);

    it('SIGKILL with 200 mails queued, and again while sending: after a restart every mail has arrived; only the one in flight may come twice', async () => {
      await cluster!.createDatabase('mailkill');
      const catcher = await startMailCatcher();
      catchers.push(catcher);
      // Queued while no relay is configured; the process is then killed.
      const first = await start('mailkill', undefined);
      await queue('mailkill', 0, MAILS);
      await first.kill('SIGKILL');
      expect(catcher.mails).toHaveLength(0);

      // Started again with the relay: it sends them; killed once more in the middle of sending the next 200.
      await queue('mailkill', MAILS, MAILS);
      const second = await start('mailkill', catcher.smtpUrl);
      await catcher.waitFor(() => true, { count: MAILS / 2, timeoutMs: 60_000 });
      await new Promise((r) => setTimeout(r, randomInt(0, 30)));
      await second.kill('SIGKILL');
      const atKill = catcher.mails.length;
      expect(atKill).toBeLessThan(2 * MAILS);
      await start('mailkill', catcher.smtpUrl);
      await allSent('mailkill');
      await new Promise((r) => setTimeout(r, 500));

      const counts = bySubject(catcher);
      expect(counts.size).toBe(2 * MAILS);
      // SMTP cannot make "exactly once" certain: a mail the relay accepted in the instant before the kill,
      // before the process noted it as sent, goes again after the restart. At most that one, and with its one
      // Message-ID, so the receiving side can tell it is the same mail.
      const twice = [...counts].filter(([, n]) => n > 1);
      expect(twice.length, `sent twice: ${twice.map(([s]) => s).join(', ')}`).toBeLessThanOrEqual(1);
      expect(twice.every(([, n]) => n === 2)).toBe(true);
      for (const [subject] of twice) expect(new Set(catcher.mails.filter((m) => m.subject === subject).map((m) => m.messageId)).size).toBe(1);
      expect(catcher.mails.length - counts.size).toBe(twice.length);
    }, 180_000);
  });
}
