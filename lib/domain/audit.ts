import { z } from 'zod';
import { Id, Instant, Source } from './base';

/** What an audit record is about: client data (R15), or an administrative object (accounts, inboxes, sign-in). */
export const AuditObject = z.enum([
  'client', 'consent', 'network', 'conversation', 'message', 'patientCard', 'portal', 'handover',
  'account', 'team', 'inbox', 'signInPolicy', 'secondFactor', 'password', 'invitation', 'notificationSettings',
  'attachment', 'organisation', 'auditRecord',
]);
export type AuditObject = z.infer<typeof AuditObject>;

/**
 * R15 (NEN 7513): one append-only record per read or change of client data,
 * and per administrative change. Never message text or tokens. A refused
 * attempt on client data is a record too (`outcome: 'refused'`).
 */
export const AuditEvent = z.object({
  id: Id,
  at: Instant,
  event: z.enum(['read', 'create', 'update']),
  action: z.string(),
  outcome: z.enum(['success', 'refused']),
  userId: Id,
  responsibleUserId: Id,
  role: z.string(),
  orgId: Id,
  /** The client whose data this is; absent for an administrative change. */
  clientId: Id.optional(),
  objectType: AuditObject,
  objectId: Id,
  source: Source,
  emergency: z.boolean(),
  /** R13: the reason given for the emergency step. */
  reason: z.string().optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** At most this many of an organisation's audit records are read for one period's administrative changes. */
export const ADMIN_HISTORY_SCAN = 2000;
