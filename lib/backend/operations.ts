import { z } from 'zod';
import {
  AuditEvent, Bsn, Client, commands, Consent, ConsentText, Conversation, Id, InboxItem, InboxItemId, Instant, Message, Network,
  Organisation, Professional, SharedInbox, Team,
} from '../domain';

/** What other organisations may know of a professional: no e-mail, no rights. */
export const PublicProfessional = Professional.pick({
  id: true, orgId: true, teamIds: true, name: true, role: true, isCareProfessional: true, active: true,
});
export type PublicProfessional = z.infer<typeof PublicProfessional>;

const Cursor = z.object({ lastActivity: Instant, id: InboxItemId });
export type Cursor = z.infer<typeof Cursor>;

const empty = z.object({}).strict();

/**
 * Every operation of the Backend port: its input (validated at every
 * boundary) and its answer (parsed again by the HTTP client). The HTTP API,
 * its OpenAPI document and the contract tests are all generated from this map.
 */
export const operations = {
  // Queries: who am I, what is there.
  session: { input: empty, output: z.object({ professional: Professional, org: Organisation, teams: z.array(Team), inboxes: z.array(SharedInbox) }) },
  directory: {
    input: empty,
    output: z.object({
      organisations: z.array(Organisation), teams: z.array(Team), inboxes: z.array(SharedInbox),
      professionals: z.array(PublicProfessional),
    }),
  },
  listAccounts: { input: empty, output: z.array(Professional) },
  listInbox: {
    input: z.strictObject({
      via: z.union([Id, z.literal('')]),
      archived: z.boolean().default(false),
      before: Cursor.optional(),
      limit: z.number().int().min(1).max(100).default(25),
    }),
    output: z.object({ items: z.array(InboxItem), next: Cursor.nullable() }),
  },
  unreadCounts: { input: empty, output: z.record(z.string(), z.number().int()) },
  listClients: { input: z.strictObject({ limit: z.number().int().min(1).max(500).default(200) }), output: z.array(Client) },
  /** The record on screen's client, by BSN, without listing every client. */
  findClientByBsn: { input: z.strictObject({ bsn: Bsn }), output: Client },
  currentConsentText: { input: empty, output: ConsentText.nullable() },
  // Commands and audited reads (lib/domain/commands.ts).
  createClient: { input: commands.createClient, output: Client },
  publishConsentText: { input: commands.publishConsentText, output: ConsentText },
  recordConsent: { input: commands.recordConsent, output: Consent },
  withdrawConsent: { input: commands.withdrawConsent, output: z.object({ withdrawn: z.number().int() }) },
  createNetwork: { input: commands.createNetwork, output: Network },
  linkPatientCard: { input: commands.linkPatientCard, output: Network },
  inviteToPortal: { input: commands.inviteToPortal, output: Network },
  markPortalActivated: { input: commands.markPortalActivated, output: Network },
  addResident: { input: commands.addResident, output: Conversation },
  startConversation: { input: commands.startConversation, output: Conversation },
  addParticipant: { input: commands.addParticipant, output: Conversation },
  postMessage: { input: commands.postMessage, output: Message },
  archive: { input: commands.archive, output: z.object({ rows: z.number().int() }) },
  requestHandover: { input: commands.requestHandover, output: Network },
  createAccount: { input: commands.createAccount, output: Professional },
  deactivateAccount: { input: commands.deactivateAccount, output: Professional },
  setContactPerson: { input: commands.setContactPerson, output: Team },
  createSharedInbox: { input: commands.createSharedInbox, output: SharedInbox },
  updateSharedInbox: { input: commands.updateSharedInbox, output: SharedInbox },
  readClient: {
    input: commands.readClient,
    output: z.object({ client: Client, consents: z.array(Consent), networks: z.array(Network) }),
  },
  readNetwork: {
    input: commands.readNetwork,
    output: z.object({ network: Network, client: Client, conversations: z.array(Conversation) }),
  },
  readConversation: {
    input: commands.readConversation,
    output: z.object({ conversation: Conversation, readOnly: z.boolean(), messages: z.array(Message), earlier: z.boolean(), emergency: z.boolean() }),
  },
  accessHistory: { input: commands.accessHistory, output: z.array(AuditEvent) },
  suggestRecipients: {
    input: commands.suggestRecipients,
    output: z.object({ proposedInboxId: Id.nullable(), inboxes: z.array(SharedInbox) }),
  },
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
export type OpArgs<K extends OpName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Operations[K]['output']>;

/** Operations that change nothing and write no audit record: safe to retry, no idempotency key needed. */
export const QUERIES = ['session', 'directory', 'listAccounts', 'listInbox', 'unreadCounts', 'listClients', 'findClientByBsn', 'currentConsentText'] as const satisfies readonly OpName[];
export const isQuery = (op: OpName) => (QUERIES as readonly string[]).includes(op);
