import type { Network } from './care';
import type { Conversation } from './conversation';
import type { Organisation, Professional, Team } from './organisation';

/**
 * What a person may do, as predicates over plain records: the decisions use
 * them, and the screens use the same ones to offer only what will be
 * accepted. Kept free of zod, so the side panel can load them.
 */

export const isParticipant = (c: Pick<Conversation, 'participants'>, personId: string) =>
  c.participants.some((p) => p.id === personId);

export const isGpPractice = (org: Pick<Organisation, 'kind'>) => org.kind === 'gp';

/** R13: only care professionals read and write message contents. */
export const readsContents = (p: Pick<Professional, 'isCareProfessional'>) => p.isCareProfessional;

/** R3: a network is open until the client's consent is withdrawn. */
export const isOpen = (n: Pick<Network, 'status'>) => n.status === 'open';

/** R3, R13: starting a conversation in a network the organisation takes part in. */
export const mayStartConversation = (me: Professional, network: Pick<Network, 'status'>) => isOpen(network) && readsContents(me);

/** R3, R9, R13: writing in a conversation, and adding people to it. */
export const mayWriteIn = (me: Professional, conversation: Pick<Conversation, 'participants'>, network: Pick<Network, 'status'>) =>
  isParticipant(conversation, me.id) && mayStartConversation(me, network);

/** "Naar dossier": who reads the messages may copy them to the record (R8, R13: not under the emergency step). */
export const mayExportConversation = (me: Professional, conversation: Pick<Conversation, 'participants'>) =>
  readsContents(me) && isParticipant(conversation, me.id);

/** R5, R6: the GP practice links the patient card, invites the resident and records the activation. */
export const mayActForPractice = (org: Pick<Organisation, 'kind'>, network: Pick<Network, 'status'>) =>
  isOpen(network) && isGpPractice(org);

/** R6: the GP practice adds the resident to a conversation, once the resident activated the portal. */
export const mayAddResident = (
  me: Professional, org: Pick<Organisation, 'kind'>, conversation: Pick<Conversation, 'participants' | 'clientId'>,
  network: Pick<Network, 'status' | 'portal'>,
) => mayWriteIn(me, conversation, network) && isGpPractice(org) && !!network.portal?.activatedAt
  && !isParticipant(conversation, conversation.clientId);

/** R18: home care (or the neighbourhood team) that started the network asks the practice, once. */
export const mayRequestHandover = (me: Professional, org: Pick<Organisation, 'kind'>, network: Pick<Network, 'status' | 'initiator' | 'handover'>) =>
  isOpen(network) && readsContents(me) && !isGpPractice(org) && network.initiator === 'homecare' && !network.handover;

/** R14, R16: the account manager, or the team's contact person, decides its shared inboxes. */
export const managesTeam = (me: Professional, team: Pick<Team, 'orgId' | 'contactPersonId'>) =>
  team.orgId === me.orgId && (me.isAccountManager || team.contactPersonId === me.id);

/** R15: who may list an organisation's administrative changes: its account manager, and the regional administrator. */
export const readsAdminHistory = (me: Professional, orgId: string) =>
  me.isRegionalAdmin || (me.isAccountManager && me.orgId === orgId);

/** Who sees management: account managers, regional administrators and teams' contact persons. */
export const managesSomething = (me: Professional, teams: readonly Pick<Team, 'orgId' | 'contactPersonId'>[]) =>
  me.isAccountManager || me.isRegionalAdmin || teams.some((t) => managesTeam(me, t));
