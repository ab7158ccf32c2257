import { z } from 'zod';
import { ATTACHMENT_LIMITS, AttachmentRef } from './attachment';
import { Id, Instant, Line, MESSAGE_MAX } from './base';

/** How someone came to be in a conversation (R8, R9). */
export const Participant = z.object({
  kind: z.enum(['professional', 'client']),
  id: Id,
  /** R8: the shared inbox through which they became a participant, if any. */
  viaInboxId: Id.optional(),
  addedBy: Id,
  addedAt: Instant,
});
export type Participant = z.infer<typeof Participant>;

export const InboxInConversation = z.object({ inboxId: Id, addedBy: Id, addedAt: Instant });

export const Conversation = z.object({
  id: Id,
  networkId: Id,
  clientId: Id,
  subject: Line(140),
  createdBy: Id,
  createdAt: Instant,
  lastActivity: Instant,
  participants: z.array(Participant),
  inboxes: z.array(InboxInConversation),
});
export type Conversation = z.infer<typeof Conversation>;

export const Message = z.object({
  /** Chosen by the sender's device, so a retried send is stored once. */
  id: Id,
  conversationId: Id,
  authorId: Id,
  authorKind: z.enum(['professional', 'client']),
  /** Kept on the message so past messages keep their author's name (R12). */
  authorName: z.string(),
  authorRole: z.string(),
  authorOrgName: z.string(),
  /** Empty only when the message carries files. */
  text: z.string().max(MESSAGE_MAX),
  createdAt: Instant,
  /** R20: its photos and documents, in the order sent (absent: none). */
  attachments: z.array(AttachmentRef).max(ATTACHMENT_LIMITS.perMessage).optional(),
});
export type Message = z.infer<typeof Message>;

/**
 * One row of somebody's list: a conversation in a person's own list
 * (`via` = '') or in a shared inbox they had when it arrived (`via` = inbox id).
 * Rows exist per person, which is what makes R8's snapshot and R10's
 * archive-for-all-members plain index reads.
 */
/**
 * A list row's id joins owner, list and conversation (see inboxItemId): up to three ids and two
 * separators, so longer than an Id and with '|' in it. Clients send it back as a paging cursor.
 */
export const InboxItemId = z.string().min(1).max(3 * 64 + 2).regex(/^[A-Za-z0-9_.:|-]+$/, 'id');

export const InboxItem = z.object({
  id: InboxItemId,
  ownerId: Id,
  via: z.string(),
  conversationId: Id,
  networkId: Id,
  clientId: Id,
  subject: z.string(),
  lastActivity: Instant,
  archived: z.union([z.literal(0), z.literal(1)]),
  unread: z.union([z.literal(0), z.literal(1)]),
  /** R18: an open handover request waits on this conversation. */
  openTask: z.boolean(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const inboxItemId = (ownerId: string, via: string, conversationId: string) =>
  `${ownerId}|${via || '-'}|${conversationId}`;
