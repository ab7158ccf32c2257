import { z } from 'zod';
import { Id, Instant, Source } from './base';

/** R15 (NEN 7513): one append-only record per read or change of client data. Never message text or tokens. */
export const AuditEvent = z.object({
  id: Id,
  at: Instant,
  event: z.enum(['read', 'create', 'update']),
  action: z.string(),
  outcome: z.enum(['success']),
  userId: Id,
  responsibleUserId: Id,
  role: z.string(),
  orgId: Id,
  clientId: Id,
  objectType: z.enum(['client', 'consent', 'network', 'conversation', 'message', 'patientCard', 'portal', 'handover']),
  objectId: Id,
  source: Source,
  emergency: z.boolean(),
  /** R13: the reason given for the emergency step. */
  reason: z.string().optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
