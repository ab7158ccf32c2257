import type { Effect, Entities, Put, StoreName } from '../domain';
import type { Loaded, Plan } from '../contract/plan';
import type { IndexName, IndexQuery } from '../contract/stores';

/** An idempotency key taken by a command: who, which key, for which request, and what a replay answers. */
export interface Claim {
  actorId: string;
  key: string;
  op: string;
  /** SHA-256 of the operation and its input: the same key with another input is a conflict. */
  requestHash: string;
  /** What a replay needs (see Replay in lib/contract/operation.ts), as JSON: never message text. */
  answer: string;
}

export interface CommitOptions {
  /** Who acted. */
  actorId?: string;
  /** Written only if this key is new; when it was taken already nothing at all is written. */
  claim?: Claim;
  /** Tell those the writes concern (live events), leaving out this person, the one who acted. */
  announceExcept?: string;
  effects?: Effect[];
}

/** One transaction: everything an operation reads and writes, all or nothing. */
export interface Tx {
  get<K extends StoreName>(store: K, id: string): Promise<Entities[K] | undefined>;
  query<K extends StoreName>(store: K, index: IndexName<K>, q: IndexQuery): Promise<Entities[K][]>;
  count<K extends StoreName>(store: K, index: IndexName<K>, q: IndexQuery): Promise<number>;
  all<K extends StoreName>(store: K, limit?: number): Promise<Entities[K][]>;
  /** One record, written with the transaction (loading data; operations commit instead). */
  put(p: Put): Promise<void>;
  /**
   * A plan's reads (lib/contract/plan.ts), answered by name. `last`: nothing follows in this read-only
   * transaction, so a SQL store may end it in the same round trip.
   */
  read<P extends Plan>(plan: P, options?: { last?: boolean }): Promise<Loaded<P>>;
  /** An operation's writes, its claim, events and effects together; false when the claim's key was taken (nothing written). */
  commit(puts: Put[], options?: CommitOptions): Promise<boolean>;
  /** What is kept under a claim's key: its answer, `conflict` when another request took it, undefined when nobody did. */
  replay(claim: Claim): Promise<{ answer: string } | 'conflict' | undefined>;
}

/**
 * A check a SQL store makes with a transaction's first statement (on PostgreSQL in the same round
 * trip), judged before anything the transaction read is used: `check` throws to roll it back. The
 * server checks a request's session this way; training mode (IndexedDB) has no sessions and takes none.
 */
export interface Guard {
  text: string;
  params: unknown[];
  check(rows: Record<string, unknown>[]): void;
}

export interface TransactionOptions {
  /** Write locks (see `locks` in lib/contract/operation.ts); none: a write runs alone. */
  locks?: string[];
  /** The session the transaction runs for (what it has opened, R15). */
  session?: string;
  /** See Guard. */
  guard?: Guard;
}

/**
 * The storage port: IndexedDB in the browser, PostgreSQL on the server.
 * `fn` must await nothing but this transaction's calls (IndexedDB commits a
 * transaction that waits on anything else).
 */
export interface Store {
  transaction<T>(mode: 'read' | 'write', fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
}
