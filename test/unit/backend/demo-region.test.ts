import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { seedDemoRegion } from '../../../lib/service/demo-region';
import { openIdbStore } from '../../../lib/backend/local/idb-store';
import type { Store } from '../../../lib/service/store';

/** The store, counting the write transactions it opens. */
function counting(store: Store) {
  const writes = { n: 0 };
  const wrapped: Store = {
    ...store,
    transaction: (mode, fn) => {
      if (mode === 'write') writes.n++;
      return store.transaction(mode, fn);
    },
  };
  return { store: wrapped, writes };
}

describe('the demo region', () => {
  it('is written into an empty store once; a store that has it is only read (each background start opens it)', async () => {
    const idb = await openIdbStore(`demo-region-${Math.random()}`);
    const { store, writes } = counting(idb);
    expect(await seedDemoRegion(store)).toBe(true);
    expect(writes.n).toBe(1);
    expect(await seedDemoRegion(store)).toBe(false);
    expect(writes.n).toBe(1);
    expect(await store.transaction('read', (tx) => tx.all('organisations'))).not.toHaveLength(0);
    idb.close();
  });
});
