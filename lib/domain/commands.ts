import { z } from 'zod';
import { AttachmentRef } from './attachment';
import { Id, Instant, Line, MESSAGE_MAX } from './base';
import { Bsn, Carer, ConsentGiver, ConsentMethod } from './care';
import { InboxItemId } from './conversation';
import { Email, ProfessionalRole } from './organisation';
import { ExportScope } from './record-export';

const empty = z.strictObject({});

/** A place in a list (newest activity first): where the next page starts. */
export const ListCursor = z.object({ lastActivity: Instant, id: InboxItemId });
export type ListCursor = z.infer<typeof ListCursor>;

/** A place in a conversation: a message's time and id. */
const MessageCursor = z.strictObject({ createdAt: Instant, id: Id });

/**
 * R20: a message's files, uploaded first (each an id). More than five are refused by the decision, with
 * its own answer (too-many-files), not as malformed input.
 */
const AttachmentIds = z.array(Id).max(20).default([]);
/** A message's text: it may be empty when files carry it (a photo needs no words). */
const MessageText = z.string().trim().max(MESSAGE_MAX).default('');
const needsTextOrFiles = (m: { text: string; attachmentIds: string[] }, ctx: z.RefinementCtx) => {
  if (!m.text && !m.attachmentIds.length) ctx.addIssue({ code: 'custom', path: ['text'], message: 'A message needs text or a file.' });
};

/**
 * The input of every operation, as a user or another system sends it. Validated before anything is read.
 * Unknown keys are refused, not dropped: a misspelt optional field (`BSN`, `members`) would otherwise be
 * ignored silently, and addParticipant with both an inbox and a person would add only one of them.
 */
export const commands = {
  // Queries.
  session: empty,
  directory: empty,
  listAccounts: empty,
  listInbox: z.strictObject({
    via: z.union([Id, z.literal('')]),
    archived: z.boolean().default(false),
    before: ListCursor.optional(),
    limit: z.number().int().min(1).max(100).default(25),
  }),
  unreadCounts: z.strictObject({ newest: z.number().int().min(0).max(20).default(0) }),
  listClients: z.strictObject({ limit: z.number().int().min(1).max(500).default(200) }),
  findClientByBsn: z.strictObject({ bsn: Bsn }),
  currentConsentText: empty,
  conversationUpdates: z.strictObject({ conversationId: Id, after: MessageCursor }),
  // Commands.
  createClient: z.strictObject({ name: Line(), birthDate: z.iso.date(), bsn: Bsn.optional(), carer: Carer.optional() }),
  publishConsentText: z.strictObject({ text: z.string().trim().min(20).max(20_000) }),
  recordConsent: z.strictObject({ clientId: Id, textId: Id, givenBy: ConsentGiver, method: ConsentMethod }),
  withdrawConsent: z.strictObject({ clientId: Id }),
  createNetwork: z.strictObject({ clientId: Id }),
  linkPatientCard: z.strictObject({ networkId: Id, system: Line(60), patientRef: Line(60) }),
  inviteToPortal: z.strictObject({ networkId: Id, email: z.email().max(254).optional() }),
  markPortalActivated: z.strictObject({ networkId: Id }),
  addResident: z.strictObject({ conversationId: Id }),
  startConversation: z.strictObject({
    networkId: Id,
    subject: Line(140),
    inboxIds: z.array(Id).max(10).default([]),
    professionalIds: z.array(Id).max(20).default([]),
    messageId: Id,
    text: MessageText,
    attachmentIds: AttachmentIds,
  }).superRefine(needsTextOrFiles),
  addParticipant: z.union([
    z.strictObject({ conversationId: Id, inboxId: Id }),
    z.strictObject({ conversationId: Id, professionalId: Id }),
  ]),
  postMessage: z.strictObject({ conversationId: Id, messageId: Id, text: MessageText, attachmentIds: AttachmentIds }).superRefine(needsTextOrFiles),
  /**
   * R20: a file the adapter took in, already checked by its bytes and cleaned (server/attachments,
   * lib/backend/local/files.ts): not an HTTP operation of its own (POST /api/v1/attachments is).
   */
  uploadAttachment: z.strictObject({ attachmentId: Id, ...AttachmentRef.omit({ id: true }).shape }),
  /** R20: a file of a message, or its thumbnail; R13's emergency step as for its conversation. */
  readAttachment: z.strictObject({
    attachmentId: Id,
    variant: z.enum(['file', 'thumbnail']).default('file'),
    emergencyReason: z.string().trim().min(10).max(500).optional(),
  }),
  archive: z.strictObject({ conversationId: Id, via: z.union([Id, z.literal('')]), archived: z.boolean().default(true) }),
  markRead: z.strictObject({ conversationId: Id }),
  requestHandover: z.strictObject({ networkId: Id, conversationId: Id, inboxId: Id }),
  createAccount: z.strictObject({
    name: Line(),
    email: Email,
    role: ProfessionalRole,
    isCareProfessional: z.boolean(),
    isAccountManager: z.boolean().default(false),
    teamIds: z.array(Id).max(20).default([]),
  }),
  deactivateAccount: z.strictObject({ professionalId: Id }),
  setContactPerson: z.strictObject({ teamId: Id, professionalId: Id }),
  createSharedInbox: z.strictObject({
    teamId: Id,
    name: Line(80),
    guidelines: z.string().trim().max(2000).default(''),
    memberIds: z.array(Id).max(200).default([]),
    primary: z.boolean().default(false),
  }),
  updateSharedInbox: z.strictObject({
    inboxId: Id,
    name: Line(80).optional(),
    guidelines: z.string().trim().max(2000).optional(),
    memberIds: z.array(Id).max(200).optional(),
  }),
  // Reads that touch client data are commands too: they are audited (R15).
  readClient: z.strictObject({ clientId: Id }),
  readNetwork: z.strictObject({ networkId: Id }),
  readConversation: z.strictObject({
    conversationId: Id,
    emergencyReason: z.string().trim().min(10).max(500).optional(),
    /** Paging back: only messages older than this one (the oldest shown so far). */
    before: MessageCursor.optional(),
  }),
  /** "Naar dossier": the whole conversation, or what came after my last export of it. */
  exportConversation: z.strictObject({ conversationId: Id, scope: ExportScope }),
  accessHistory: z.strictObject({ clientId: Id, from: z.iso.date(), to: z.iso.date() }),
  /** R15: an organisation's administrative changes (accounts, inboxes, sign-in) over a period of whole days. */
  adminHistory: z.strictObject({ orgId: Id, from: z.iso.date(), to: z.iso.date() }),
  suggestRecipients: z.strictObject({ networkId: Id, orgId: Id }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]>;
export type Command<K extends CommandName> = z.output<Commands[K]>;
