import type { ServerContext } from '../context';
import { errorFields } from '../log';
import type { SqlRunner } from '../db';
import { claimDue, claimNextLocked, markFailed, markSent, releaseLeases, type Claimed } from './queue';
import { notifyDue } from './notify';
import { failureSummary, permanentFailure, type MailTransport } from './transport';

export interface MailWorker {
  /** Looks for due work now instead of at the next tick. */
  kick(): void;
  /** Runs rounds until nothing is due (tests, and a clean stop). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const BATCH = 20;
/** PGlite: long enough for a batch over a slow relay (leases left by a crash are released at the next start). */
const LEASE_MS = 60_000;

/**
 * Sends queued mail and queues due notifications, every `mailPollMs`, on
 * every process (they share the work through the queue's row locks).
 * Without a transport, mail stays queued until one is configured.
 */
export function startMailWorker(ctx: ServerContext, transport: MailTransport | undefined): MailWorker {
  let running: Promise<number> | undefined;
  let stopped = false;
  const host = new URL(ctx.config.publicUrl).hostname || 'netwerkzorg';

  /** Sends one claimed mail and notes the outcome with `sql` (the claiming transaction on PostgreSQL). */
  async function deliver(m: Claimed, sql: SqlRunner) {
    if (!m.payload) return markFailed(sql, m.id, ctx.now(), m.attempts, 'payload unreadable with this key', true);
    try {
      // The same Message-ID on every attempt: a mail sent twice (a crash between the relay's yes and our note of it) is recognisably one.
      await transport!.send(m.payload, `<${m.id}@${host}>`);
    } catch (e) {
      const permanent = permanentFailure(e);
      ctx.log('mail-failed', { mail: m.id, kind: m.kind, attempt: m.attempts, permanent, reason: failureSummary(e) });
      return markFailed(sql, m.id, ctx.now(), m.attempts, failureSummary(e), permanent);
    }
    await markSent(sql, m.id, ctx.now());
    ctx.log('mail-sent', { mail: m.id, kind: m.kind });
  }

  /** Up to BATCH mails; how many were taken. */
  async function sendRound(): Promise<number> {
    if (!transport) return 0;
    if (ctx.db.kind === 'postgres') {
      // Each mail in its own transaction, its row locked while it is sent: a process that dies lets go at once.
      let n = 0;
      while (n < BATCH && !stopped) {
        const took = await ctx.db.transaction('write', async (sql) => {
          const m = await claimNextLocked(sql, ctx.config.totpKey, ctx.now());
          if (m) await deliver(m, sql);
          return !!m;
        });
        if (!took) break;
        n++;
      }
      return n;
    }
    const claimed = await ctx.db.transaction('write', (sql) => claimDue(sql, ctx.config.totpKey, ctx.now(), BATCH, LEASE_MS));
    for (const m of claimed) {
      if (stopped) break;
      await ctx.db.transaction('write', (sql) => deliver(m, sql));
    }
    return claimed.length;
  }

  async function round(): Promise<number> {
    const notified = await notifyDue(ctx);
    let sent = 0;
    for (let n = BATCH; n === BATCH && !stopped;) sent += n = await sendRound();
    return notified + sent;
  }

  const tick = () => {
    if (stopped || running) return running;
    running = ready.then(round).catch((e: unknown) => {
      ctx.log('mail-worker-failed', errorFields(e));
      return 0;
    }).finally(() => { running = undefined; });
    return running;
  };
  const ready = ctx.db.kind === 'postgres' ? Promise.resolve() : ctx.db.transaction('write', releaseLeases);
  const timer = ctx.config.mailPollMs > 0 ? setInterval(() => void tick(), ctx.config.mailPollMs) : undefined;
  timer?.unref();

  return {
    kick: () => void tick(),
    async drain() {
      for (;;) {
        await running;
        if (((await tick()) ?? 0) === 0) return;
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      transport?.close();
    },
  };
}
