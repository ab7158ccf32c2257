import { z } from 'zod';
import { Id, Instant, Line } from './base';

export const OrganisationKind = z.enum(['gp', 'homecare', 'neighbourhood', 'other']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const Domain = z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'domain');

export const Organisation = z.object({
  id: Id,
  name: Line(),
  kind: OrganisationKind,
  /** R11: the e-mail domains this organisation registered. */
  emailDomains: z.array(Domain).min(1),
});
export type Organisation = z.infer<typeof Organisation>;

export const Team = z.object({
  id: Id,
  orgId: Id,
  name: Line(),
  /** R14: exactly one contact person, a member of the team. */
  contactPersonId: Id,
});
export type Team = z.infer<typeof Team>;

export const ProfessionalRole = z.enum([
  'gp', 'pohS', 'pohGgz', 'assistant', 'nurse', 'caregiver', 'socialWorker', 'manager', 'other',
]);
export type ProfessionalRole = z.infer<typeof ProfessionalRole>;

export const Email = z.email().max(254).transform((e) => e.toLowerCase());

export const Professional = z.object({
  id: Id,
  orgId: Id,
  teamIds: z.array(Id),
  name: Line(),
  email: Email,
  role: ProfessionalRole,
  /** R13: only care professionals read message contents. */
  isCareProfessional: z.boolean(),
  /** R12: may add and deactivate the organisation's accounts. */
  isAccountManager: z.boolean(),
  /** R2: may publish a new version of the region's consent text. */
  isRegionalAdmin: z.boolean().default(false),
  active: z.boolean(),
  deactivatedAt: Instant.optional(),
  createdAt: Instant,
});
export type Professional = z.infer<typeof Professional>;

export const SharedInbox = z.object({
  id: Id,
  orgId: Id,
  teamId: Id,
  name: Line(),
  /** R16: when partners should write here instead of to a person. */
  guidelines: z.string().trim().max(2000),
  memberIds: z.array(Id),
  /** R17: the inbox proposed when writing to this organisation for the first time. */
  primary: z.boolean(),
});
export type SharedInbox = z.infer<typeof SharedInbox>;
