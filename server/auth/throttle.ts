import type { Db } from '../db';
import { hashToken } from './tokens';

/**
 * Failed sign-ins per key (an account's e-mail, an IP address) in a sliding
 * window; past the limit the key waits until its oldest failure in the window
 * ages out. Kept in the database, so several server processes behind one
 * address count together; keys are stored hashed (an e-mail address is
 * personal data the throttle does not need to read back).
 */
export class Throttle {
  constructor(
    private readonly db: Db,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  private since(): string {
    return new Date(this.now() - this.windowMs).toISOString();
  }

  /** Seconds to wait before trying again; 0 when allowed. */
  async retryAfter(key: string): Promise<number> {
    const rows = await this.db.query<{ at: Date | string }>(
      'SELECT at FROM signin_failures WHERE key_hash = $1 AND at > $2 ORDER BY at DESC LIMIT $3',
      [hashToken(key), this.since(), this.limit],
    );
    if (rows.length < this.limit) return 0;
    const oldest = new Date(rows[this.limit - 1]!.at).getTime();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  async fail(key: string): Promise<void> {
    // Failures older than the window count for nothing: each new one sweeps them out, so the table
    // stays as small as the attempts of the last window.
    await this.db.query('DELETE FROM signin_failures WHERE at <= $1', [this.since()]);
    await this.db.query('INSERT INTO signin_failures (key_hash, at) VALUES ($1, $2)', [hashToken(key), new Date(this.now()).toISOString()]);
  }

  async reset(key: string): Promise<void> {
    await this.db.query('DELETE FROM signin_failures WHERE key_hash = $1', [hashToken(key)]);
  }
}
