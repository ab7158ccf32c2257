import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Entities, Put, StoreName } from '../../domain';
import { INDEXES, indexDef, STORE_NAMES, type IndexDef, type IndexName, type IndexQuery } from '../../contract/stores';
import { readPlan } from '../../service/read-plan';
import type { Claim, Store, Tx } from '../../service/store';

/** Bump with a new `upgrade` step whenever INDEXES changes; older databases upgrade in place. */
export const IDB_VERSION = 4;
/** Idempotency keys of training mode's commands, beside the data they guard. */
const KEYS = 'idempotency';
/** R20: the bytes of files (and thumbnails), beside their records in `attachments`. */
export const FILES = 'files';

/** IndexedDB orders arrays above every other key, so `[...prefix, []]` closes a prefix range. */
export function keyRange(def: IndexDef, q: IndexQuery): IDBKeyRange | null {
  if (!Array.isArray(def)) return q.equals.length ? IDBKeyRange.only(q.equals[0]!) : null;
  const { equals, lower, upper, inclusive } = q;
  if (!equals.length && !lower && !upper) return null;
  const lo = [...equals, ...(lower ?? [])];
  const hi = upper ? [...equals, ...upper] : [...equals, []];
  return IDBKeyRange.bound(lo, hi, !!lower && !inclusive, !upper || !inclusive);
}

/** An inverted range (a period that ends before it starts) holds nothing, as in SQL; IndexedDB would throw. */
function rangeOrEmpty(def: IndexDef, q: IndexQuery): IDBKeyRange | null | 'empty' {
  try {
    return keyRange(def, q);
  } catch (e) {
    if ((e as { name?: string }).name === 'DataError') return 'empty';
    throw e;
  }
}

function upgrade(db: IDBPDatabase, oldVersion: number, tx: IDBPTransaction<unknown, string[], 'versionchange'>) {
  if (oldVersion < 1) {
    for (const name of STORE_NAMES) {
      const store = db.createObjectStore(name, { keyPath: 'id' });
      for (const [index, def] of Object.entries(INDEXES[name]) as [string, IndexDef][]) {
        if (Array.isArray(def)) store.createIndex(index, def as string[], { unique: index === 'byEmail' });
        else store.createIndex(index, (def as { multi: string }).multi, { multiEntry: true });
      }
    }
  } else if (oldVersion < 2) {
    // v2: administrative audit records (no client) are listed per organisation.
    tx.objectStore('audit').createIndex('byOrg', [...INDEXES.audit.byOrg]);
  }
  if (oldVersion < 2) db.createObjectStore(KEYS, { keyPath: ['actorId', 'key'] });
  if (oldVersion >= 1 && oldVersion < 3) {
    // v3: files of messages (R20).
    db.createObjectStore('attachments', { keyPath: 'id' }).createIndex('byMessage', [...INDEXES.attachments.byMessage]);
  }
  if (oldVersion < 3) db.createObjectStore(FILES, { keyPath: 'id' });
  // v4: where each person's last export of a conversation to the record ended.
  if (oldVersion >= 1 && oldVersion < 4) db.createObjectStore('exportMarks', { keyPath: 'id' });
}

export async function openIdbStore(name: string): Promise<Store & { db: IDBPDatabase; close(): void }> {
  const db = await openDB(name, IDB_VERSION, {
    upgrade: (db, oldVersion, _new, tx) => upgrade(db, oldVersion, tx as never),
    // Another tab upgraded the schema: close so it can finish; the next open gets the new version.
    blocking: () => db.close(),
  });
  // R15: the conversations each session (a page's LocalBackend) has opened; training keeps no sessions beyond it.
  const opened = new Map<string, Set<string>>();
  return {
    db,
    close: () => db.close(),
    async transaction(mode, fn, options = {}) {
      if (options.guard) throw new Error('training mode has no sessions to guard');
      const t = db.transaction([...STORE_NAMES, KEYS], mode === 'write' ? 'readwrite' : 'readonly');
      const session = options.session ?? '';
      // Known as opened once the transaction that audited the opening has committed.
      const openedNow: string[] = [];
      const tx: Tx = {
        get: (store, id) => t.objectStore(store).get(id) as never,
        async query(store, index, q) {
          const range = rangeOrEmpty(indexDef(store, index)!, q);
          if (range === 'empty') return [];
          const idx = t.objectStore(store).index(index as IndexName<typeof store>);
          if (!q.reverse) return idx.getAll(range, q.limit) as never;
          const out: Entities[typeof store][] = [];
          for (let c = await idx.openCursor(range, 'prev'); c && (!q.limit || out.length < q.limit); c = await c.continue()) {
            out.push(c.value);
          }
          return out as never;
        },
        async count(store, index, q) {
          const range = rangeOrEmpty(indexDef(store, index)!, q);
          return range === 'empty' ? 0 : t.objectStore(store).index(index as never).count(range ?? undefined);
        },
        all: (store, limit) => t.objectStore(store).getAll(undefined, limit) as never,
        put: async (p: Put) => {
          await t.objectStore(p.store).put!(p.value);
        },
        read: (plan) => readPlan(tx, plan, (id) => opened.get(session)?.has(id) ?? false),
        async commit(puts, commit = {}) {
          const keys = t.objectStore(KEYS);
          if (commit.claim) {
            if (await keys.get([commit.claim.actorId, commit.claim.key])) return false;
            await keys.put!({ ...commit.claim });
          }
          for (const p of puts) await t.objectStore(p.store as StoreName).put!(p.value);
          for (const e of commit.effects ?? []) if (e.kind === 'opened') openedNow.push(e.conversationId);
          return true;
        },
        async replay(claim: Claim) {
          const kept = (await t.objectStore(KEYS).get([claim.actorId, claim.key])) as Claim | undefined;
          if (!kept) return undefined;
          return kept.requestHash === claim.requestHash ? { answer: kept.answer } : 'conflict';
        },
      };
      try {
        const result = await fn(tx);
        await t.done;
        if (openedNow.length) {
          const set = opened.get(session) ?? new Set<string>();
          for (const id of openedNow) set.add(id);
          opened.set(session, set);
        }
        return result;
      } catch (e) {
        // The abort rejects `t.done`; the caller gets `e`, not an unhandled AbortError.
        t.done.catch(() => {});
        try { t.abort(); } catch { /* already finished */ }
        throw e;
      }
    },
  };
}
