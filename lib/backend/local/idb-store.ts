import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Entities, Put, StoreName } from '../../domain';
import { INDEXES, type IndexName, type IndexQuery, type Tx, type Store } from '../store';

const STORES = Object.keys(INDEXES) as StoreName[];
/** Bump with a new `upgrade` step whenever INDEXES changes; older databases upgrade in place. */
export const IDB_VERSION = 2;

type Def = readonly string[] | { readonly multi: string };

/** IndexedDB orders arrays above every other key, so `[...prefix, []]` closes a prefix range. */
export function keyRange(def: Def, q: IndexQuery): IDBKeyRange | null {
  if (!Array.isArray(def)) return q.equals.length ? IDBKeyRange.only(q.equals[0]!) : null;
  const { equals, lower, upper, inclusive } = q;
  if (!equals.length && !lower && !upper) return null;
  const lo = [...equals, ...(lower ?? [])];
  const hi = upper ? [...equals, ...upper] : [...equals, []];
  return IDBKeyRange.bound(lo, hi, !!lower && !inclusive, !upper || !inclusive);
}

function upgrade(db: IDBPDatabase, oldVersion: number, tx: IDBPTransaction<unknown, StoreName[], 'versionchange'>) {
  if (oldVersion < 1) {
    for (const name of STORES) {
      const store = db.createObjectStore(name, { keyPath: 'id' });
      for (const [index, def] of Object.entries(INDEXES[name]) as [string, Def][]) {
        if (Array.isArray(def)) store.createIndex(index, def as string[], { unique: index === 'byEmail' });
        else store.createIndex(index, (def as { multi: string }).multi, { multiEntry: true });
      }
    }
  }
  // v2: administrative audit records (no client) are listed per organisation.
  if (oldVersion >= 1 && oldVersion < 2) tx.objectStore('audit').createIndex('byOrg', [...INDEXES.audit.byOrg]);
}

export async function openIdbStore(name: string): Promise<Store & { db: IDBPDatabase; close(): void }> {
  const db = await openDB(name, IDB_VERSION, {
    upgrade: (db, oldVersion, _new, tx) => upgrade(db, oldVersion, tx as never),
    // Another tab upgraded the schema: close so it can finish; the next open gets the new version.
    blocking: () => db.close(),
  });
  return {
    db,
    close: () => db.close(),
    async transaction(mode, fn) {
      const t = db.transaction(STORES, mode === 'write' ? 'readwrite' : 'readonly');
      const def = <K extends StoreName>(store: K, index: string) => (INDEXES[store] as Record<string, Def>)[index]!;
      const tx: Tx = {
        get: (store, id) => t.objectStore(store).get(id) as never,
        async query(store, index, q) {
          const idx = t.objectStore(store).index(index as IndexName<typeof store>);
          const range = keyRange(def(store, index), q);
          if (!q.reverse) return idx.getAll(range, q.limit) as never;
          const out: Entities[typeof store][] = [];
          for (let c = await idx.openCursor(range, 'prev'); c && (!q.limit || out.length < q.limit); c = await c.continue()) {
            out.push(c.value);
          }
          return out as never;
        },
        count: (store, index, q) => t.objectStore(store).index(index as never).count(keyRange(def(store, index), q) ?? undefined),
        all: (store, limit) => t.objectStore(store).getAll(undefined, limit) as never,
        put: async (p: Put) => {
          await t.objectStore(p.store).put!(p.value);
        },
      };
      try {
        const result = await fn(tx);
        await t.done;
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
