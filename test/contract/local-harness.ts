import { LocalBackend } from '../../lib/backend/local/local-backend';
import { sharpCleaner } from '../../server/attachments/sharp-cleaner';
import { INDEXES } from '../../lib/contract/stores';
import type { StoreName } from '../../lib/domain';
import type { ContractHarness } from './harness';

let n = 0;

/** LocalBackend on fake-indexeddb: one fresh database per region. */
export const localHarness: ContractHarness = {
  name: 'LocalBackend (IndexedDB)',
  async setup(options = {}) {
    const dbName = `contract-${++n}-${Date.now()}`;
    const opened: LocalBackend[] = [];
    // Node has no canvas: photos are cleaned with the server's sharp here (the browser's canvas cleaner is tried in Chromium).
    const first = await LocalBackend.open({ dbName, operations: options.operations, images: sharpCleaner });
    opened.push(first);
    return {
      async as(id) {
        const b = await LocalBackend.open({ dbName, actingAs: id, seed: false, operations: options.operations, images: sharpCleaner });
        opened.push(b);
        return b;
      },
      async snapshot() {
        return first.store.transaction('read', async (tx) => {
          const out: Record<string, unknown[]> = {};
          for (const name of Object.keys(INDEXES) as StoreName[]) out[name] = await tx.all(name);
          return JSON.stringify(out);
        });
      },
      async dispose() {
        for (const b of opened) b.dispose();
        indexedDB.deleteDatabase(dbName);
      },
    };
  },
};
