import type { DownloadedFile, FileVariant } from '../../lib/contract/port';
import type { FileStore } from '../../lib/service/files';
import type { SqlRunner } from '../db';

interface Row { type: string | null; bytes: Uint8Array | null }

const asBytes = (b: Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * The bytes of files in PostgreSQL (PGlite or a server), one row per file with its thumbnail. Behind
 * FileStore so an S3-compatible object store can take its place (server/README.md, Attachments).
 */
export function sqlFiles(sql: SqlRunner): FileStore & { remove(ids: string[]): Promise<void> } {
  return {
    async put(id, file) {
      await sql.query(
        `INSERT INTO attachment_files (id, type, bytes, thumbnail_type, thumbnail) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, bytes = EXCLUDED.bytes,
           thumbnail_type = EXCLUDED.thumbnail_type, thumbnail = EXCLUDED.thumbnail`,
        [id, file.type, Buffer.from(file.bytes), file.thumbnail?.type ?? null, file.thumbnail ? Buffer.from(file.thumbnail.bytes) : null],
      );
    },
    async get(id: string, variant: FileVariant): Promise<DownloadedFile | undefined> {
      const row = (await sql.query<Row>(
        variant === 'thumbnail'
          ? 'SELECT thumbnail_type AS type, thumbnail AS bytes FROM attachment_files WHERE id = $1'
          : 'SELECT type, bytes FROM attachment_files WHERE id = $1',
        [id],
      ))[0];
      return row?.bytes && row.type ? { type: row.type, bytes: asBytes(row.bytes) } : undefined;
    },
    async remove(ids) {
      if (ids.length) await sql.query('DELETE FROM attachment_files WHERE id = ANY($1::text[])', [ids]);
    },
  };
}
