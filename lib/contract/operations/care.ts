import { z } from 'zod';
import { AuditEvent, Client, commands, Consent, ConsentText, Conversation, Network, periodBounds } from '../../domain';
import { sha256Hex } from '../../util/sha256';
import { operation } from '../operation';
import { follow, record, rows } from '../plan';

const consentsOf = (clientId: string) => rows('consents', 'byClient', { equals: [clientId] });
const networksOf = (clientId: string) => rows('networks', 'byClient', { equals: [clientId] });
const currentText = () => rows('consentTexts', 'byVersion', { equals: [], reverse: true, limit: 1 });
/** The inbox rows of a network's open handover request (R18), which its completion updates. */
const handoverItems = (network: Network | undefined) =>
  rows('inboxItems', 'byConversation', network?.handover && { equals: [network.handover.conversationId] });

/** Clients, their consent (R1–R3) and their care network (R4–R6, R18). */
export const careOperations = {
  createClient: operation({
    kind: 'command', access: 'organisation', replay: 'clients', announces: true,
    summary: 'Register a client of my organisation.',
    input: commands.createClient,
    output: Client,
    reads: (a) => ({ sameBsn: rows('clients', 'byBsn', a.bsn ? { equals: [a.bsn], limit: 20 } : undefined) }),
    example: () => ({ name: 'Matrix Cliënt', birthDate: '1950-01-01' }),
  }).decidedBy('createClient'),
  publishConsentText: operation({
    kind: 'command', access: 'regionalAdmins', replay: 'consentTexts',
    summary: "Publish a new version of the region's standard consent text (R2); it applies to new consents only.",
    input: commands.publishConsentText,
    output: ConsentText,
    prepare: async (a) => ({ hash: await sha256Hex(a.text) }),
    reads: () => ({ texts: currentText() }),
    example: () => ({ text: 'Een nieuwe versie van de toestemmingstekst voor de regio.' }),
  }).decidedBy('publishConsentText'),
  recordConsent: operation({
    kind: 'command', access: 'clientOrganisations', replay: 'consents', announces: true,
    summary: "Record the client's consent with the current standard text (R1, R2).",
    input: commands.recordConsent,
    output: Consent,
    reads: (a) => ({ client: record('clients', a.clientId), texts: currentText() }),
    example: (fx) => ({ clientId: fx.clientId, textId: 'consent-text-v1', givenBy: { kind: 'client' }, method: 'verbal' }),
  }).decidedBy('recordConsent'),
  withdrawConsent: operation({
    kind: 'command', access: 'clientOrganisations', replay: 'answer', announces: true,
    summary: "Withdraw the client's consent in one action; their networks become read-only (R3).",
    input: commands.withdrawConsent,
    output: z.object({ withdrawn: z.number().int() }),
    reads: (a) => ({ client: record('clients', a.clientId), consents: consentsOf(a.clientId), networks: networksOf(a.clientId) }),
    example: (fx) => ({ clientId: fx.clientId }),
  }).decidedBy('withdrawConsent'),
  createNetwork: operation({
    kind: 'command', access: 'clientOrganisations', replay: 'networks', announces: true,
    summary: "Create the client's care network; needs an active consent (R1); its checklist follows the start (R4).",
    input: commands.createNetwork,
    output: Network,
    reads: (a) => ({ client: record('clients', a.clientId), consents: consentsOf(a.clientId), networks: networksOf(a.clientId) }),
    then: (_a, _me, { consents }) => {
      const latest = consents.filter((c) => c.status === 'active').at(-1);
      return { recorder: record('professionals', latest?.recordedBy), recorderOrg: record('organisations', latest?.recordedByOrg) };
    },
    example: (fx) => ({ clientId: fx.spareClientId }),
  }).decidedBy('createNetwork'),
  linkPatientCard: operation({
    kind: 'command', access: 'clientOrganisations', replay: 'networks', announces: true,
    summary: "Link the GP system's patient reference to the network (R5: GP practices only).",
    input: commands.linkPatientCard,
    output: Network,
    reads: (a) => ({ network: record('networks', a.networkId) }),
    then: (_a, _me, { network }) => ({ handoverItems: handoverItems(network) }),
    example: (fx) => ({ networkId: fx.networkId, system: 'HIS', patientRef: '4711' }),
  }).decidedBy('linkPatientCard'),
  inviteToPortal: operation({
    kind: 'command', access: 'clientOrganisations', replay: 'networks', announces: true,
    summary: 'Invite the resident to the patient portal (R6: the GP practice).',
    input: commands.inviteToPortal,
    output: Network,
    reads: (a) => ({ network: record('networks', a.networkId) }),
    then: (_a, _me, { network }) => ({ handoverItems: handoverItems(network) }),
    example: (fx) => ({ networkId: fx.networkId }),
  }).decidedBy('inviteToPortal'),
  markPortalActivated: operation({
    kind: 'command', access: 'clientOrganisations', replay: 'networks',
    summary: "Record that the resident activated the portal (R6).",
    input: commands.markPortalActivated,
    output: Network,
    reads: (a) => ({ network: record('networks', a.networkId) }),
    example: (fx) => ({ networkId: fx.networkId }),
  }).decidedBy('markPortalActivated'),
  requestHandover: operation({
    kind: 'command', access: 'participants', replay: 'networks', announces: true,
    summary: "Ask the GP practice's shared inbox to link the patient card and invite the resident (R18).",
    input: commands.requestHandover,
    output: Network,
    reads: (a) => ({
      network: record('networks', a.networkId),
      conversation: record('conversations', a.conversationId),
      inbox: record('inboxes', a.inboxId),
      inboxOrg: follow('organisations', { store: 'inboxes', id: a.inboxId, field: 'orgId' }),
      items: rows('inboxItems', 'byConversation', { equals: [a.conversationId] }),
    }),
    example: (fx) => ({ networkId: fx.networkId, conversationId: fx.conversationId, inboxId: 'inbox-assistentes' }),
  }).decidedBy('requestHandover'),
  readClient: operation({
    kind: 'read', access: 'clientOrganisations', locks: () => [],
    summary: "A client's overview: consents and networks (an audited read, R15).",
    input: commands.readClient,
    output: z.object({ client: Client, consents: z.array(Consent), networks: z.array(Network) }),
    reads: (a) => ({ client: record('clients', a.clientId), consents: consentsOf(a.clientId), networks: networksOf(a.clientId) }),
    example: (fx) => ({ clientId: fx.clientId }),
  }).decidedBy('readClient'),
  readNetwork: operation({
    kind: 'read', access: 'clientOrganisations', locks: () => [],
    summary: 'A network with its checklist and the conversations I take part in (an audited read, R15).',
    input: commands.readNetwork,
    output: z.object({ network: Network, client: Client, conversations: z.array(Conversation) }),
    reads: (a) => ({
      network: record('networks', a.networkId),
      client: follow('clients', { store: 'networks', id: a.networkId, field: 'clientId' }),
      conversations: rows('conversations', 'byNetwork', { equals: [a.networkId], reverse: true, limit: 200 }),
    }),
    example: (fx) => ({ networkId: fx.networkId }),
  }).decidedBy('readNetwork'),
  accessHistory: operation({
    kind: 'query', access: 'clientOrganisations',
    summary: "Who read or changed the client's data over a period of whole days (R15).",
    input: commands.accessHistory,
    output: z.array(AuditEvent),
    reads: (a) => {
      const { lower, upper } = periodBounds(a.from, a.to);
      return {
        client: record('clients', a.clientId),
        events: rows('audit', 'byClient', { equals: [a.clientId], lower: [lower], upper: [upper, '\uffff'], inclusive: true, reverse: true, limit: 1000 }),
      };
    },
    example: (fx) => ({ clientId: fx.clientId, from: '2020-01-01', to: '2100-12-31' }),
  }).decidedBy('accessHistory'),
};
