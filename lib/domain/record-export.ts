import { z } from 'zod';
import { Id, Instant } from './base';
import { Message } from './conversation';

/**
 * "Naar dossier": a conversation copied into the client's own record (HIS, ECD).
 * An export is a read of client data (R15), allowed where reading the
 * conversation is (R8, R13: not under the emergency step, which is for one
 * reading on screen, not for a copy that leaves the product).
 */
export const ExportScope = z.enum(['all', 'sinceLastExport']);
export type ExportScope = z.infer<typeof ExportScope>;

/** At most this many messages go into one export; the next "since the last export" carries on after them. */
export const EXPORT_MAX_MESSAGES = 2000;

/**
 * Where a person's last export of a conversation ended, so "since the last export"
 * starts after it: remembered per person, on every device they use.
 */
export const ExportMark = z.object({
  id: z.string().min(1).max(2 * 64 + 1).regex(/^[A-Za-z0-9_.:|-]+$/, 'id'),
  professionalId: Id,
  conversationId: Id,
  at: Instant,
  /** The last message the export held (absent: the conversation had none yet). */
  last: z.object({ createdAt: Instant, id: Id }).optional(),
});
export type ExportMark = z.infer<typeof ExportMark>;

export const exportMarkId = (professionalId: string, conversationId: string) => `${professionalId}|${conversationId}`;

const Named = z.object({ name: z.string(), organisation: z.string() });

/** What a record system is given: who the client is, who took part, and the messages (with files by name). */
export const RecordExport = z.object({
  exportedAt: Instant,
  scope: ExportScope,
  /** "Since the last export": when that was (absent: this is the first, so everything is in it). */
  since: Instant.optional(),
  conversation: z.object({ id: Id, subject: z.string() }),
  client: z.object({ name: z.string(), birthDate: z.iso.date(), bsn: z.string().optional() }),
  organisations: z.array(z.string()),
  participants: z.array(Named.extend({ role: z.string(), resident: z.boolean() })),
  inboxes: z.array(Named),
  messages: z.array(Message),
  /** More messages came after the last one here than one export takes: the next export carries on. */
  more: z.boolean(),
});
export type RecordExport = z.infer<typeof RecordExport>;
