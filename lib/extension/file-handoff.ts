import { openDB, type IDBPDatabase } from 'idb';
import type { FileData } from '../contract/port';

/**
 * The background's files on their way (R20): a page hands a file over (as base64: Chrome passes runtime
 * messages as JSON, which has no bytes) and the background keeps it here, by id, until it is uploaded; the
 * outbox keeps a waiting message's files here until the message is sent. The pages hold no storage.
 */
const DB = 'netwerkzorg-files';
const STORE = 'files';

interface Row extends FileData { id: string; keptAt: string }

let opened: Promise<IDBPDatabase> | undefined;
const db = () => (opened ??= openDB(DB, 1, { upgrade: (d) => void d.createObjectStore(STORE, { keyPath: 'id' }) }));

export async function keepFile(file: FileData): Promise<string> {
  const id = crypto.randomUUID();
  const row: Row = { id, name: file.name, type: file.type, bytes: file.bytes, keptAt: new Date().toISOString() };
  await (await db()).put(STORE, row);
  return id;
}

export async function readKept(id: string): Promise<FileData | undefined> {
  const row = (await (await db()).get(STORE, id)) as Row | undefined;
  return row ? { name: row.name, type: row.type, bytes: row.bytes } : undefined;
}

export async function dropKept(ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const t = (await db()).transaction(STORE, 'readwrite');
  await Promise.all([...ids.map((id) => t.store.delete(id)), t.done]);
}
