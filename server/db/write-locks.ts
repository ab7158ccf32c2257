import { createHash } from 'node:crypto';
import type { WriteScope } from './sql';

/** A PostgreSQL advisory lock key (a signed 64-bit integer) for a name; a collision only makes two writes take turns. */
const lockKey = (name: string) => BigInt.asIntN(64, createHash('sha256').update(name).digest().readBigUInt64BE(0));

/** Held shared by every scoped write and exclusively by every unscoped one: a reader/writer lock over all writes. */
const ALL_WRITES = lockKey('netwerkzorg:all-writes');

/**
 * The statement a write transaction starts with (PostgreSQL). Advisory locks
 * hold database-wide, so they keep writes of several server processes apart
 * too, and end with the transaction. Keys are taken in one order (the
 * global one first, then ascending), so two writes never wait for each other
 * in a circle. Keys are integers made here: safe to put in the text.
 */
export function lockStatement(scope?: WriteScope): string {
  if (!scope) return `SELECT pg_advisory_xact_lock(${ALL_WRITES})`;
  const keys = [...new Set(scope.keys.map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `SELECT pg_advisory_xact_lock_shared(${ALL_WRITES})${keys.map((k) => `, pg_advisory_xact_lock(${k})`).join('')}`;
}
