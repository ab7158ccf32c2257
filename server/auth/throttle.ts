import type { Db, SqlRunner } from '../db';
import { hashToken } from './tokens';

/**
 * How one kind of key is slowed down: `free` attempts in a run, then each
 * next attempt waits `baseMs`, doubling per attempt, never more than `capMs`
 * after the one before. A run ends after `RUN_MS` without attempts.
 */
export interface Policy { free: number; baseMs: number; capMs: number }

export const POLICIES = {
  /** One account from one address: where a guesser is. */
  pair: { free: 5, baseMs: 2_000, capMs: 5 * 60_000 },
  /** One account from anywhere: a short cap, so guesses elsewhere delay its owner by a minute at most. */
  account: { free: 10, baseMs: 2_000, capMs: 60_000 },
  /** One address, any account: password spraying. Successful sign-ins give their attempt back. */
  address: { free: 30, baseMs: 2_000, capMs: 5 * 60_000 },
} satisfies Record<string, Policy>;
type Kind = keyof typeof POLICIES;

export const RUN_MS = 15 * 60_000;
/** How long a successful address stays known for its account. */
export const KNOWN_MS = 30 * 24 * 3600_000;

/** The keys of one sign-in attempt, hashed (an e-mail address is personal data the throttle never reads back). */
export interface Attempt { keys: Record<Kind, string>; known: string }

export type Reservation = { ok: true; attempt: Attempt } | { ok: false; retryAfter: number };

interface Row { key_hash: string; attempts: number; last_at: Date | string }

/**
 * Sign-in throttling in the database, so every server process on it counts
 * the same attempts. `reserve` counts an attempt before its password is
 * checked, in one transaction under a lock per key: however many arrive at
 * once, on however many processes, only as many as the policies allow get
 * through, and an attempt refused here changes nothing.
 */
export class SignInThrottle {
  constructor(private readonly db: Db, private readonly now: () => number, private readonly policies: Record<Kind, Policy> = POLICIES) {}

  attempt(email: string, address: string): Attempt {
    return {
      keys: { pair: hashToken(`pair:${email}\n${address}`), account: hashToken(`account:${email}`), address: hashToken(`ip:${address}`) },
      known: hashToken(`known:${email}\n${address}`),
    };
  }

  /** Milliseconds until a key with this row may try again; 0 now. */
  private waitMs(row: Row | undefined, policy: Policy, t: number): number {
    const last = row ? new Date(row.last_at).getTime() : 0;
    if (!row || t - last >= RUN_MS || row.attempts < policy.free) return 0;
    const delay = Math.min(policy.capMs, policy.baseMs * 2 ** (row.attempts - policy.free));
    return Math.max(0, last + delay - t);
  }

  async reserve(email: string, address: string): Promise<Reservation> {
    const attempt = this.attempt(email, address);
    const hashes = Object.values(attempt.keys);
    return this.db.transaction('write', async (sql) => {
      const t = this.now();
      const rows = new Map((await sql.query<Row>(
        'SELECT key_hash, attempts, last_at FROM signin_throttle WHERE key_hash IN ($1, $2, $3)', hashes,
      )).map((r) => [r.key_hash, r]));
      const known = (await sql.query('SELECT 1 FROM signin_known WHERE key_hash = $1 AND last_success > $2', [
        attempt.known, new Date(t - KNOWN_MS).toISOString(),
      ])).length > 0;
      const kinds = (Object.keys(attempt.keys) as Kind[]).filter((k) => !(known && k === 'account'));
      const wait = Math.max(...kinds.map((k) => this.waitMs(rows.get(attempt.keys[k]), this.policies[k], t)));
      if (wait > 0) return { ok: false as const, retryAfter: Math.ceil(wait / 1000) };
      for (const k of kinds) await this.count(sql, attempt.keys[k], rows.get(attempt.keys[k]), t);
      return { ok: true as const, attempt };
    }, { keys: hashes.map((h) => `signin:${h}`) });
  }

  private async count(sql: SqlRunner, key: string, row: Row | undefined, t: number) {
    const fresh = !row || t - new Date(row.last_at).getTime() >= RUN_MS;
    await sql.query(
      `INSERT INTO signin_throttle (key_hash, attempts, last_at) VALUES ($1, $2, $3)
       ON CONFLICT (key_hash) DO UPDATE SET attempts = EXCLUDED.attempts, last_at = EXCLUDED.last_at`,
      [key, fresh ? 1 : row.attempts + 1, new Date(t).toISOString()],
    );
  }

  /** The right password (and code): the account starts afresh, the address gets its attempt back and becomes known. */
  async succeeded(attempt: Attempt): Promise<void> {
    const t = new Date(this.now()).toISOString();
    await this.db.transaction('write', async (sql) => {
      await sql.query('DELETE FROM signin_throttle WHERE key_hash IN ($1, $2)', [attempt.keys.pair, attempt.keys.account]);
      await sql.query('UPDATE signin_throttle SET attempts = GREATEST(attempts - 1, 0) WHERE key_hash = $1', [attempt.keys.address]);
      await sql.query(
        'INSERT INTO signin_known (key_hash, last_success) VALUES ($1, $2) ON CONFLICT (key_hash) DO UPDATE SET last_success = EXCLUDED.last_success',
        [attempt.known, t],
      );
    }, { keys: Object.values(attempt.keys).map((h) => `signin:${h}`) });
  }
}

/**
 * One more use of a key within a fixed window (`rate:` keys in the same table): counted and checked in
 * one statement, so processes sharing the database count together and none can overtake. Refused:
 * the seconds until the window ends.
 */
export async function withinRate(db: Db, key: string, rate: { limit: number; windowMs: number }, now: number): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const start = now - (now % rate.windowMs);
  const hash = hashToken(`rate:${key}\n${start}`);
  const [row] = await db.query<{ attempts: number }>(
    `INSERT INTO signin_throttle (key_hash, attempts, last_at) VALUES ($1, 1, $2)
     ON CONFLICT (key_hash) DO UPDATE SET attempts = signin_throttle.attempts + 1 RETURNING attempts`,
    [hash, new Date(now).toISOString()],
  );
  return row!.attempts <= rate.limit ? { ok: true } : { ok: false, retryAfter: Math.max(1, Math.ceil((start + rate.windowMs - now) / 1000)) };
}

/** Keys whose run is over count for nothing; known addresses expire. */
export async function sweepThrottle(sql: SqlRunner, now: Date) {
  await sql.query('DELETE FROM signin_throttle WHERE last_at < $1', [new Date(now.getTime() - RUN_MS).toISOString()]);
  await sql.query('DELETE FROM signin_known WHERE last_success < $1', [new Date(now.getTime() - KNOWN_MS).toISOString()]);
}
