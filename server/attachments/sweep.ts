import { UNUSED_UPLOAD_MS } from '../../lib/domain';
import type { SqlRunner } from '../db';

/**
 * R20: an upload no message took within a day is removed, record and bytes; so are bytes whose record
 * never came (a server stopped between the two). Files of messages stay as long as their messages.
 */
export async function sweepUnusedUploads(sql: SqlRunner, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - UNUSED_UPLOAD_MS).toISOString();
  const gone = await sql.query<{ id: string }>(
    `DELETE FROM attachments WHERE (doc->>'messageId') COLLATE "C" = '' AND (doc->>'createdAt') COLLATE "C" < $1 RETURNING id`,
    [cutoff],
  );
  const orphans = await sql.query<{ id: string }>(
    `DELETE FROM attachment_files f WHERE (f.id = ANY($1::text[]) OR f.created_at < $2)
       AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.id = f.id) RETURNING id`,
    [gone.map((g) => g.id), cutoff],
  );
  return Math.max(gone.length, orphans.length);
}
