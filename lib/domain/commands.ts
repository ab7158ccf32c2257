import { z } from 'zod';
import { Id, Line, MESSAGE_MAX } from './base';
import { Bsn, Carer, ConsentGiver, ConsentMethod } from './care';
import { Email, ProfessionalRole } from './organisation';

/** The input of every command, as a user or another system sends it. Validated before anything is read. */
export const commands = {
  createClient: z.object({ name: Line(), birthDate: z.iso.date(), bsn: Bsn.optional(), carer: Carer.optional() }),
  publishConsentText: z.object({ text: z.string().trim().min(20).max(20_000) }),
  recordConsent: z.object({ clientId: Id, textId: Id, givenBy: ConsentGiver, method: ConsentMethod }),
  withdrawConsent: z.object({ clientId: Id }),
  createNetwork: z.object({ clientId: Id }),
  linkPatientCard: z.object({ networkId: Id, system: Line(60), patientRef: Line(60) }),
  inviteToPortal: z.object({ networkId: Id, email: z.email().max(254).optional() }),
  markPortalActivated: z.object({ networkId: Id }),
  addResident: z.object({ conversationId: Id }),
  startConversation: z.object({
    networkId: Id,
    subject: Line(140),
    inboxIds: z.array(Id).max(10).default([]),
    professionalIds: z.array(Id).max(20).default([]),
    messageId: Id,
    text: z.string().trim().min(1).max(MESSAGE_MAX),
  }),
  addParticipant: z.union([
    z.object({ conversationId: Id, inboxId: Id }),
    z.object({ conversationId: Id, professionalId: Id }),
  ]),
  postMessage: z.object({ conversationId: Id, messageId: Id, text: z.string().trim().min(1).max(MESSAGE_MAX) }),
  archive: z.object({ conversationId: Id, via: z.union([Id, z.literal('')]), archived: z.boolean().default(true) }),
  requestHandover: z.object({ networkId: Id, conversationId: Id, inboxId: Id }),
  createAccount: z.object({
    name: Line(),
    email: Email,
    role: ProfessionalRole,
    isCareProfessional: z.boolean(),
    isAccountManager: z.boolean().default(false),
    teamIds: z.array(Id).max(20).default([]),
  }),
  deactivateAccount: z.object({ professionalId: Id }),
  setContactPerson: z.object({ teamId: Id, professionalId: Id }),
  createSharedInbox: z.object({
    teamId: Id,
    name: Line(80),
    guidelines: z.string().trim().max(2000).default(''),
    memberIds: z.array(Id).max(200).default([]),
    primary: z.boolean().default(false),
  }),
  updateSharedInbox: z.object({
    inboxId: Id,
    name: Line(80).optional(),
    guidelines: z.string().trim().max(2000).optional(),
    memberIds: z.array(Id).max(200).optional(),
  }),
  // Reads that touch client data are commands too: they are audited (R15).
  readClient: z.object({ clientId: Id }),
  readNetwork: z.object({ networkId: Id }),
  readConversation: z.object({
    conversationId: Id,
    emergencyReason: z.string().trim().min(10).max(500).optional(),
  }),
  accessHistory: z.object({ clientId: Id, from: z.iso.date(), to: z.iso.date() }),
  suggestRecipients: z.object({ networkId: Id, orgId: Id }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]>;
export type Command<K extends CommandName> = z.output<Commands[K]>;
