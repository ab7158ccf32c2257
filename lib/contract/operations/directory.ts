import { z } from 'zod';
import { commands, Client, ConsentText, InboxItem, ListCursor, Organisation, Professional, SharedInbox, Team } from '../../domain';
import { operation } from '../operation';
import { all, counts, pages, record, rows } from '../plan';
import type { IndexQuery } from '../stores';

/** What other organisations may know of a professional: no e-mail, no rights. */
export const PublicProfessional = Professional.pick({
  id: true, orgId: true, teamIds: true, name: true, role: true, isCareProfessional: true, active: true,
});
export type PublicProfessional = z.infer<typeof PublicProfessional>;


/** One page of a list, newest activity first, one more than the page to know whether another follows. */
export const listPageQuery = (ownerId: string, via: string, archived: boolean, limit: number, before?: ListCursor): IndexQuery => ({
  equals: [ownerId, via, archived ? 1 : 0],
  ...(before ? { upper: [before.lastActivity, before.id] } : {}),
  reverse: true,
  limit: limit + 1,
});

/** Who I am, and the region's directory: the queries every screen starts from. */
export const directoryOperations = {
  session: operation({
    kind: 'query', access: 'everyone',
    summary: 'Who am I: the signed-in professional, their organisation, teams and shared inboxes.',
    input: commands.session,
    output: z.object({ professional: Professional, org: Organisation, teams: z.array(Team), inboxes: z.array(SharedInbox) }),
    reads: (_a, me) => ({ orgTeams: rows('teams', 'byOrg', { equals: [me.orgId] }), orgInboxes: rows('inboxes', 'byOrg', { equals: [me.orgId] }) }),
    example: () => ({}),
  }).decidedBy('session'),
  directory: operation({
    kind: 'query', access: 'everyone',
    summary: 'The region: organisations, teams, shared inboxes with their guidelines (R16), active professionals.',
    input: commands.directory,
    output: z.object({
      organisations: z.array(Organisation), teams: z.array(Team), inboxes: z.array(SharedInbox), professionals: z.array(PublicProfessional),
    }),
    reads: () => ({ organisations: all('organisations'), teams: all('teams'), inboxes: all('inboxes'), professionals: all('professionals') }),
    example: () => ({}),
  }).decidedBy('directory'),
  listAccounts: operation({
    kind: 'query', access: 'organisationManagers',
    summary: "The organisation's accounts, for its account manager and teams' contact persons.",
    input: commands.listAccounts,
    output: z.array(Professional),
    reads: (_a, me) => ({ teams: rows('teams', 'byOrg', { equals: [me.orgId] }), people: rows('professionals', 'byOrg', { equals: [me.orgId] }) }),
    example: () => ({}),
  }).decidedBy('listAccounts'),
  listInbox: operation({
    kind: 'query', access: 'listMembers',
    summary: "One page of a list: my own (`via` '') or a shared inbox I am a member of, newest first (R8, R10).",
    input: commands.listInbox,
    output: z.object({ items: z.array(InboxItem), next: ListCursor.nullable() }),
    reads: (a, me) => ({
      inbox: record('inboxes', a.via || undefined),
      items: rows('inboxItems', 'byList', listPageQuery(me.id, a.via, a.archived, a.limit, a.before)),
    }),
    example: () => ({ via: '' }),
  }).decidedBy('listInbox'),
  unreadCounts: operation({
    kind: 'query', access: 'everyone',
    summary: 'Unread conversations per list (own list: key \'\'); with `newest`, also the newest rows of each list, for the badge and notifications in one request.',
    input: commands.unreadCounts,
    output: z.object({ counts: z.record(z.string(), z.number().int()), newest: z.array(InboxItem) }),
    reads: (_a, me) => ({ orgInboxes: rows('inboxes', 'byOrg', { equals: [me.orgId] }) }),
    then: (a, me, { orgInboxes }) => {
      const lists = ['', ...orgInboxes.filter((i) => i.memberIds.includes(me.id)).map((i) => i.id)];
      const by = (q: (via: string) => IndexQuery) => Object.fromEntries(lists.map((via) => [via, q(via)]));
      return {
        unread: counts('inboxItems', 'byUnread', by((via) => ({ equals: [me.id, via, 0, 1] }))),
        newest: pages('inboxItems', 'byList', a.newest ? by((via) => ({ equals: [me.id, via, 0], reverse: true, limit: a.newest })) : {}),
      };
    },
    example: () => ({}),
  }).decidedBy('unreadCounts'),
  listClients: operation({
    kind: 'query', access: 'organisation',
    summary: 'Clients my organisation may see (for names in lists).',
    input: commands.listClients,
    output: z.array(Client),
    reads: (a, me) => ({ clients: rows('clients', 'byOrg', { equals: [me.orgId], limit: a.limit }) }),
    example: () => ({}),
  }).decidedBy('listClients'),
  findClientByBsn: operation({
    kind: 'read', access: 'clientOrganisations', locks: () => [], rateLimit: 'bsnLookups',
    summary: 'The client of the record on screen, by BSN, without listing every client (an audited read, found or not, R15; at most 60 a minute per account).',
    input: commands.findClientByBsn,
    output: Client,
    // createClient keeps a BSN to one client; the bound only guards against data from before that rule.
    reads: (a) => ({ withBsn: rows('clients', 'byBsn', { equals: [a.bsn], limit: 20 }) }),
    // Jan Pietersen's BSN in the demo region: a client of the practice and home care, not of the neighbourhood team.
    example: () => ({ bsn: '111222333' }),
  }).decidedBy('findClientByBsn'),
  currentConsentText: operation({
    kind: 'query', access: 'everyone',
    summary: "The region's current standard consent text (R2).",
    input: commands.currentConsentText,
    output: ConsentText.nullable(),
    reads: () => ({ texts: rows('consentTexts', 'byVersion', { equals: [], reverse: true, limit: 1 }) }),
    example: () => ({}),
  }).decidedBy('currentConsentText'),
};
