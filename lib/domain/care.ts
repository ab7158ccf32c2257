import { z } from 'zod';
import { Id, Instant, Line } from './base';
import { isValidBsn } from './bsn';

export const Bsn = z.string().trim().refine(isValidBsn, { message: 'bsn' });

export const Carer = z.object({ name: Line(), relation: Line(80) });
export type Carer = z.infer<typeof Carer>;

export const Client = z.object({
  id: Id,
  name: Line(),
  birthDate: z.iso.date(),
  bsn: Bsn.optional(),
  carer: Carer.optional(),
  /** Organisations that may see this client: the one that registered them and those in their networks. */
  orgIds: z.array(Id),
  createdAt: Instant,
});
export type Client = z.infer<typeof Client>;

/** R2: the region's standard consent text; each version is kept for ever. */
export const ConsentText = z.object({
  id: Id,
  version: z.number().int().positive(),
  text: z.string().min(1).max(20_000),
  /** SHA-256 of the text, hex; computed by the adapter, which has the crypto. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  publishedBy: Id,
  publishedAt: Instant,
});
export type ConsentText = z.infer<typeof ConsentText>;

export const ConsentGiver = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client') }),
  z.object({ kind: z.literal('carer'), name: Line(), relation: Line(80) }),
]);
export type ConsentGiver = z.infer<typeof ConsentGiver>;

export const ConsentMethod = z.enum(['verbal', 'written', 'portal']);

export const Consent = z.object({
  id: Id,
  clientId: Id,
  givenBy: ConsentGiver,
  method: ConsentMethod,
  recordedBy: Id,
  recordedByOrg: Id,
  recordedAt: Instant,
  textId: Id,
  textVersion: z.number().int().positive(),
  textHash: z.string(),
  status: z.enum(['active', 'withdrawn']),
  withdrawnAt: Instant.optional(),
  withdrawnBy: Id.optional(),
});
export type Consent = z.infer<typeof Consent>;

/** Who did a checklist step, and when (R4). Names are kept so history reads well after a deactivation. */
export const StepDone = z.object({ by: Id, byName: z.string(), orgName: z.string(), at: Instant });
export type StepDone = z.infer<typeof StepDone>;

export const StepKey = z.enum([
  'consent', 'network', 'firstConversation', 'handoverRequested', 'patientCard', 'portalInvited',
  'portalActivated', 'residentAdded',
]);
export type StepKey = z.infer<typeof StepKey>;

export const PatientCard = z.object({
  system: Line(60),
  patientRef: Line(60),
  linkedBy: Id,
  linkedAt: Instant,
});
export type PatientCard = z.infer<typeof PatientCard>;

export const PortalInvitation = z.object({
  email: z.email().optional(),
  invitedBy: Id,
  invitedAt: Instant,
  activatedAt: Instant.optional(),
});
export type PortalInvitation = z.infer<typeof PortalInvitation>;

export const HandoverRequest = z.object({
  conversationId: Id,
  inboxId: Id,
  requestedBy: Id,
  requestedAt: Instant,
  status: z.enum(['open', 'done']),
  completedAt: Instant.optional(),
  completedBy: Id.optional(),
});
export type HandoverRequest = z.infer<typeof HandoverRequest>;

export const Network = z.object({
  id: Id,
  clientId: Id,
  /** R4: which checklist applies. */
  initiator: z.enum(['gp', 'homecare']),
  createdBy: Id,
  createdByOrg: Id,
  createdAt: Instant,
  /** R3: read-only once the consent is withdrawn. */
  status: z.enum(['open', 'readOnly']),
  /** Organisations taking part; deny by default to everyone else. */
  orgIds: z.array(Id),
  steps: z.partialRecord(StepKey, StepDone),
  patientCard: PatientCard.optional(),
  portal: PortalInvitation.optional(),
  handover: HandoverRequest.optional(),
});
export type Network = z.infer<typeof Network>;
