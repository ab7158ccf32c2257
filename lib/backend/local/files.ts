import type { IDBPDatabase } from 'idb';
import { UNUSED_UPLOAD_MS } from '../../domain';
import type { DownloadedFile } from '../../contract/port';
import type { FileStore } from '../../service/files';
import { FILES } from './idb-store';

interface FileRow { id: string; file: DownloadedFile; thumbnail?: DownloadedFile }

/** Training mode's file bytes: IndexedDB, in the training database beside the records. */
export function idbFiles(db: IDBPDatabase): FileStore {
  return {
    async put(id, f) {
      const row: FileRow = { id, file: { type: f.type, bytes: f.bytes }, ...(f.thumbnail ? { thumbnail: f.thumbnail } : {}) };
      await db.put(FILES, row);
    },
    async get(id, variant) {
      const row = (await db.get(FILES, id)) as FileRow | undefined;
      return variant === 'thumbnail' ? row?.thumbnail : row?.file;
    },
  };
}

/** R20: uploads no message took within a day go, record and bytes, as on the server (server/attachments/sweep.ts). */
export async function sweepUnusedUploads(db: IDBPDatabase, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - UNUSED_UPLOAD_MS).toISOString();
  const t = db.transaction(['attachments', FILES], 'readwrite');
  const index = t.objectStore('attachments').index('byMessage');
  for (let c = await index.openCursor(IDBKeyRange.bound(['', ''], ['', cutoff], false, true)); c; c = await c.continue()) {
    await t.objectStore(FILES).delete(c.primaryKey);
    await c.delete();
  }
  await t.done;
}
