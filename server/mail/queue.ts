import { randomUUID } from 'node:crypto';
import { open, seal } from '../auth/secret-box';
import type { SqlRunner } from '../db';
import type { Batch } from '../db/sql-store';
import type { MailContent } from './compose';

export type MailKind = 'invitation' | 'password-reset' | 'password-changed' | 'second-factor-reset' | 'notification';

/** What travels (encrypted) in a queued mail's row until it is sent. */
export interface MailPayload extends MailContent { to: string; headers?: Record<string, string> }

export interface NewMail { kind: MailKind; professionalId: string; orgId: string; payload: MailPayload }

const PURPOSE = 'mail payloads';

/** A queued mail's columns: its payload sealed with the server's key, bound to the row's id. */
function row(key: Buffer, now: Date, mail: NewMail) {
  const id = randomUUID();
  return [id, mail.kind, mail.professionalId, mail.orgId, seal(key, JSON.stringify(mail.payload), id, PURPOSE), now.toISOString()] as const;
}

const INSERT = 'INSERT INTO mail_outbox (id, kind, professional_id, org_id, payload, created_at, next_attempt_at)';

/** Queues a mail in the caller's transaction: it goes only if that commits. */
export async function queueMail(sql: SqlRunner, key: Buffer, now: Date, mail: NewMail): Promise<string> {
  const r = row(key, now, mail);
  await sql.query(`${INSERT} VALUES ($1, $2, $3, $4, $5, $6, $6)`, [...r]);
  return r[0];
}

/** The same, as part of an operation's one commit statement (server/api/commit-hooks.ts). */
export function queueMailWith(batch: Batch, key: Buffer, now: Date, mail: NewMail) {
  const [id, kind, who, org, payload, at] = row(key, now, mail).map((v) => batch.param(v));
  batch.cte(`${INSERT} SELECT ${id}, ${kind}, ${who}, ${org}, ${payload}, ${at}, ${at} WHERE ${batch.condition} RETURNING 1`);
}

export interface Claimed { id: string; kind: MailKind; attempts: number; payload: MailPayload | undefined }

/** A claimed row with its payload decrypted (undefined: not made with this key, or not for this row). */
function opened(key: Buffer, r: { id: string; kind: MailKind; attempts: number; payload: string | null }): Claimed {
  const text = r.payload === null ? undefined : open(key, r.payload, r.id, PURPOSE);
  return { id: r.id, kind: r.kind, attempts: r.attempts, payload: text === undefined ? undefined : JSON.parse(text) as MailPayload };
}

/**
 * PGlite (one process, one transaction at a time): takes up to `limit` due
 * mails for `leaseMs`, so the database is not held while they are sent; a
 * taken row is not due again until its lease has passed.
 */
export async function claimDue(sql: SqlRunner, key: Buffer, now: Date, limit: number, leaseMs: number): Promise<Claimed[]> {
  const rows = await sql.query<{ id: string; kind: MailKind; attempts: number; payload: string | null }>(
    `UPDATE mail_outbox SET locked_until = $2, attempts = attempts + 1
     WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
                    AND (locked_until IS NULL OR locked_until <= $1)
                  ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id, kind, attempts, payload`,
    [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
  );
  return rows.sort((a, b) => a.id.localeCompare(b.id)).map((r) => opened(key, r));
}

/**
 * PostgreSQL, several processes: the next due mail, locked by this
 * transaction until it commits (FOR UPDATE SKIP LOCKED), which the caller
 * holds while sending. Others skip it; a process that dies releases it at
 * once, so the mail goes out from another process or after a restart, once.
 */
export async function claimNextLocked(sql: SqlRunner, key: Buffer, now: Date): Promise<Claimed | undefined> {
  const r = (await sql.query<{ id: string; kind: MailKind; attempts: number; payload: string | null }>(
    `UPDATE mail_outbox SET attempts = attempts + 1 WHERE id = (
       SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
       ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id, kind, attempts, payload`, [now.toISOString()],
  ))[0];
  return r && opened(key, r);
}

/** PGlite: its folder belongs to one process, so a lease still set at start was left by a process that is gone. */
export async function releaseLeases(sql: SqlRunner) {
  await sql.query('UPDATE mail_outbox SET locked_until = NULL WHERE locked_until IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL');
}

/** Sent: its text and links are erased; the row stays as the record that it went. */
export async function markSent(sql: SqlRunner, id: string, now: Date) {
  await sql.query('UPDATE mail_outbox SET sent_at = $2, payload = NULL, locked_until = NULL, last_error = NULL WHERE id = $1', [id, now.toISOString()]);
}

export const MAX_ATTEMPTS = 8;
/** 30 s after the first failure, doubling, at most an hour: eight attempts span about two hours. */
export const retryDelayMs = (attempts: number) => Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** Not sent: again later, or for good (a permanent refusal, too many attempts, a payload this key cannot open). */
export async function markFailed(sql: SqlRunner, id: string, now: Date, attempts: number, error: string, permanent: boolean) {
  if (permanent || attempts >= MAX_ATTEMPTS) {
    await sql.query('UPDATE mail_outbox SET failed_at = $2, payload = NULL, locked_until = NULL, last_error = $3 WHERE id = $1', [id, now.toISOString(), error]);
  } else {
    await sql.query('UPDATE mail_outbox SET next_attempt_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1', [
      id, new Date(now.getTime() + retryDelayMs(attempts)).toISOString(), error,
    ]);
  }
}

/** R12: a deactivated person gets nothing more: their queued mails go, with their open links. */
export function cancelForWith(batch: Batch, professionalId: string) {
  const who = batch.param(professionalId);
  batch.cte(`DELETE FROM mail_outbox WHERE professional_id = ${who} AND sent_at IS NULL AND failed_at IS NULL AND ${batch.condition} RETURNING 1`);
  batch.cte(`DELETE FROM password_resets WHERE professional_id = ${who} AND ${batch.condition} RETURNING 1`);
  batch.cte(`DELETE FROM notify_pending WHERE professional_id = ${who} AND ${batch.condition} RETURNING 1`);
  batch.cte(`UPDATE account_setup SET token_hash = NULL, token_expires_at = NULL WHERE professional_id = ${who} AND used_at IS NULL AND ${batch.condition} RETURNING 1`);
}
