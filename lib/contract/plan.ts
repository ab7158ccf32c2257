import type { Entities, StoreName } from '../domain';
import type { IndexName, IndexQuery } from './stores';

/**
 * What an operation reads for its decision, as data: each adapter resolves a
 * plan its own way (IndexedDB request by request in one transaction; SQL in
 * one statement, which is the server's read-ahead), and the answers come
 * back under the plan's names. A read never throws for a missing record: it
 * answers `undefined` (or an empty list).
 */
export type Read =
  | { read: 'record'; store: StoreName; id: string | undefined }
  /** The record whose id another record holds in a field (a conversation's network): one step, one statement. */
  | { read: 'follow'; store: StoreName; from: { store: StoreName; id: string; field: string } }
  /** The records with these ids that exist, in the order asked. */
  | { read: 'records'; store: StoreName; ids: readonly string[] }
  | { read: 'rows'; store: StoreName; index: string; query: IndexQuery | undefined }
  /** Several queries over one index, by name. */
  | { read: 'pages'; store: StoreName; index: string; queries: Record<string, IndexQuery> }
  /** Several counts over one index, by name. */
  | { read: 'counts'; store: StoreName; index: string; queries: Record<string, IndexQuery> }
  | { read: 'all'; store: StoreName }
  /** Whether this session has opened the conversation already (R15: a live refresh is not a new read). */
  | { read: 'opened'; conversationId: string };

export type Plan = Record<string, Read>;

// Typed builders: the plan's answer types follow from them (see Loaded).
declare const entity: unique symbol;
type Typed<R extends Read, T> = R & { readonly [entity]?: T };

export const record = <K extends StoreName>(store: K, id: string | undefined) =>
  ({ read: 'record', store, id }) as Typed<Read, Entities[K] | undefined>;
export const follow = <K extends StoreName>(store: K, from: { store: StoreName; id: string; field: string }) =>
  ({ read: 'follow', store, from }) as Typed<Read, Entities[K] | undefined>;
export const records = <K extends StoreName>(store: K, ids: readonly string[]) =>
  ({ read: 'records', store, ids }) as Typed<Read, Entities[K][]>;
/** No query (`undefined`): nothing to read, an empty list. */
export const rows = <K extends StoreName>(store: K, index: IndexName<K>, query: IndexQuery | undefined) =>
  ({ read: 'rows', store, index, query }) as Typed<Read, Entities[K][]>;
export const pages = <K extends StoreName>(store: K, index: IndexName<K>, queries: Record<string, IndexQuery>) =>
  ({ read: 'pages', store, index, queries }) as Typed<Read, Record<string, Entities[K][]>>;
export const counts = <K extends StoreName>(store: K, index: IndexName<K>, queries: Record<string, IndexQuery>) =>
  ({ read: 'counts', store, index, queries }) as Typed<Read, Record<string, number>>;
export const all = <K extends StoreName>(store: K) => ({ read: 'all', store }) as Typed<Read, Entities[K][]>;
export const opened = (conversationId: string) => ({ read: 'opened', conversationId }) as Typed<Read, boolean>;

/** The answers to a plan, by name. */
export type Loaded<P> = { [N in keyof P]: P[N] extends { readonly [entity]?: infer T } ? T : never };

/** The plan's reads with their answer types dropped (what adapters see). */
export const readsOf = (plan: object): [string, Read][] => Object.entries(plan) as [string, Read][];
