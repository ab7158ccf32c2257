import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { IDB_VERSION, openIdbStore } from '../../../lib/backend/local/idb-store';
import { INDEXES } from '../../../lib/contract/stores';

describe('training database upgrades', () => {
  it('a version-1 database gains the audit byOrg index in place, keeping its records', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        // Version 1's stores: every store but those added since (attachments, v3; exportMarks, v4).
        for (const store of Object.keys(INDEXES).filter((s) => s !== 'attachments' && s !== 'exportMarks')) {
          const s = db.createObjectStore(store, { keyPath: 'id' });
          if (store === 'audit') s.createIndex('byClient', ['clientId', 'at', 'id']);
        }
      },
    });
    await v1.put('audit', { id: 'a1', orgId: 'org-1', at: '2025-01-01T00:00:00.000Z', clientId: 'c1' });
    v1.close();

    const store = await openIdbStore(name);
    expect(store.db.version).toBe(IDB_VERSION);
    const rows = await store.transaction('read', (tx) => tx.query('audit', 'byOrg', { equals: ['org-1'] }));
    expect(rows.map((r) => r.id)).toEqual(['a1']);
    // v3 (R20): files of messages have their store, and an empty one is queried like any other.
    expect(await store.transaction('read', (tx) => tx.query('attachments', 'byMessage', { equals: [''] }))).toEqual([]);
    // v4: where each person's last export to the record ended.
    const mark = { id: 'p-1|conv-1', professionalId: 'p-1', conversationId: 'conv-1', at: '2025-01-01T00:00:00.000Z' };
    await store.transaction('write', (tx) => tx.put({ store: 'exportMarks', value: mark }));
    expect(await store.transaction('read', (tx) => tx.get('exportMarks', mark.id))).toEqual(mark);
    store.close();
  });
});
