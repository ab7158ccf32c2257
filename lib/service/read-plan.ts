import type { Entities, StoreName } from '../domain';
import { readsOf, type Loaded, type Plan, type Read } from '../contract/plan';
import type { IndexName } from '../contract/stores';
import type { Tx } from './store';

type Reader = Pick<Tx, 'get' | 'query' | 'count' | 'all'>;

async function one(tx: Reader, r: Read, opened: (conversationId: string) => boolean): Promise<unknown> {
  switch (r.read) {
    case 'record':
      return r.id === undefined ? undefined : tx.get(r.store, r.id);
    case 'follow': {
      const from = (await tx.get(r.from.store, r.from.id)) as Record<string, unknown> | undefined;
      const id = from?.[r.from.field];
      return typeof id === 'string' ? tx.get(r.store, id) : undefined;
    }
    case 'records': {
      const found = await Promise.all([...new Set(r.ids)].map((id) => tx.get(r.store, id)));
      return found.filter((x) => x !== undefined);
    }
    case 'rows':
      return r.query ? tx.query(r.store, r.index as IndexName<StoreName>, r.query) : [];
    case 'pages': {
      const entries = await Promise.all(Object.entries(r.queries).map(async ([name, q]) => [name, await tx.query(r.store, r.index as never, q)] as const));
      return Object.fromEntries(entries);
    }
    case 'counts': {
      const entries = await Promise.all(Object.entries(r.queries).map(async ([name, q]) => [name, await tx.count(r.store, r.index as never, q)] as const));
      return Object.fromEntries(entries);
    }
    case 'all':
      return tx.all(r.store) as Promise<Entities[StoreName][]>;
    case 'opened':
      return opened(r.conversationId);
  }
}

/**
 * A plan read request by request, all at once, in one transaction: what an
 * adapter without a way to fold reads together (IndexedDB) does.
 */
export async function readPlan<P extends Plan>(tx: Reader, plan: P, opened: (conversationId: string) => boolean): Promise<Loaded<P>> {
  const reads = readsOf(plan);
  const values = await Promise.all(reads.map(([, r]) => one(tx, r, opened)));
  return Object.fromEntries(reads.map(([name], i) => [name, values[i]])) as Loaded<P>;
}
