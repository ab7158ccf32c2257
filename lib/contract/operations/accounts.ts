import { z } from 'zod';
import { ADMIN_HISTORY_SCAN, AuditEvent, commands, periodBounds, Professional, SharedInbox, Team } from '../../domain';
import { operation } from '../operation';
import { follow, record, records, rows } from '../plan';

/** Accounts (R11, R12), teams' contact persons (R14) and shared inboxes (R16). */
export const accountOperations = {
  adminHistory: operation({
    kind: 'query', access: 'accountManagers',
    summary: "An organisation's administrative changes over a period of whole days (accounts, teams, shared inboxes, sign-in policy, second factors), and its people's refused attempts on client data (R15). For its account manager and the regional administrator.",
    input: commands.adminHistory,
    output: z.object({ events: z.array(AuditEvent), complete: z.boolean() }),
    reads: (a) => {
      const { lower, upper } = periodBounds(a.from, a.to);
      return {
        org: record('organisations', a.orgId),
        events: rows('audit', 'byOrg', { equals: [a.orgId], lower: [lower], upper: [upper, '\uffff'], inclusive: true, reverse: true, limit: ADMIN_HISTORY_SCAN }),
      };
    },
    example: () => ({ orgId: 'org-hap-lombok', from: '2020-01-01', to: '2100-12-31' }),
  }).decidedBy('adminHistory'),
  createAccount: operation({
    kind: 'command', access: 'ownDomainManagers', replay: 'professionals', announces: true,
    summary: "Add a professional's account, on one of the organisation's registered e-mail domains (R11, R12).",
    input: commands.createAccount,
    output: Professional,
    reads: (a) => ({ sameEmail: rows('professionals', 'byEmail', { equals: [a.email], limit: 1 }), teams: records('teams', a.teamIds) }),
    example: (fx) => ({ name: 'Nieuwe Collega', email: `n-${fx.unique.slice(0, 8)}@lombokhuisartsen.nl`, role: 'assistant', isCareProfessional: true }),
  }).decidedBy('createAccount'),
  deactivateAccount: operation({
    kind: 'command', access: 'accountManagers', replay: 'professionals', announces: true,
    summary: 'Deactivate an account: signed out everywhere, out of its shared inboxes; its messages keep its name (R12).',
    input: commands.deactivateAccount,
    output: Professional,
    // Someone of another organisation is refused whatever these hold: the actor's own organisation's suffice.
    reads: (a, me) => ({
      target: record('professionals', a.professionalId),
      inboxes: rows('inboxes', 'byOrg', { equals: [me.orgId] }),
      teams: rows('teams', 'byOrg', { equals: [me.orgId] }),
    }),
    example: () => ({ professionalId: 'p-visser' }),
  }).decidedBy('deactivateAccount'),
  setContactPerson: operation({
    kind: 'command', access: 'accountManagers', replay: 'teams', announces: true,
    summary: "Name a team's one contact person (R14).",
    input: commands.setContactPerson,
    output: Team,
    reads: (a) => ({ team: record('teams', a.teamId), person: record('professionals', a.professionalId) }),
    example: () => ({ teamId: 'team-lombok', professionalId: 'p-jansen' }),
  }).decidedBy('setContactPerson'),
  createSharedInbox: operation({
    kind: 'command', access: 'teamManagers', replay: 'inboxes', announces: true,
    summary: 'Create a shared inbox of a team, with its guidelines and members (R16).',
    input: commands.createSharedInbox,
    output: SharedInbox,
    reads: (a) => ({ team: record('teams', a.teamId), people: records('professionals', a.memberIds) }),
    example: (fx) => ({ teamId: 'team-lombok', name: `Extra ${fx.unique.slice(0, 4)}` }),
  }).decidedBy('createSharedInbox'),
  updateSharedInbox: operation({
    kind: 'command', access: 'teamManagers', replay: 'inboxes', announces: true,
    summary: "Change a shared inbox's name, guidelines or members; a new member is not added to earlier conversations (R8).",
    input: commands.updateSharedInbox,
    output: SharedInbox,
    reads: (a) => ({
      inbox: record('inboxes', a.inboxId),
      team: follow('teams', { store: 'inboxes', id: a.inboxId, field: 'teamId' }),
      people: records('professionals', a.memberIds ?? []),
    }),
    example: () => ({ inboxId: 'inbox-pohs', name: 'POH-S' }),
  }).decidedBy('updateSharedInbox'),
};
