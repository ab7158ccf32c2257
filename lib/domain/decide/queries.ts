import type { Client, ConsentText } from '../care';
import type { Command } from '../commands';
import type { InboxItem } from '../conversation';
import { managesTeam } from '../capabilities';
import type { Organisation, Professional, SharedInbox, Team } from '../organisation';
import { accept, refuse, type Actor, type Decision, type Env } from '../kernel';

/**
 * The queries: what a person may see of the region and of their own lists.
 * They change nothing and write no audit record.
 */

const memberOf = (me: string) => (i: SharedInbox) => i.memberIds.includes(me);

export function session(
  actor: Actor, _env: Env, _cmd: Command<'session'>, ctx: { orgTeams: Team[]; orgInboxes: SharedInbox[] },
): Decision<{ professional: Professional; org: Organisation; teams: Team[]; inboxes: SharedInbox[] }> {
  const me = actor.professional;
  return accept({
    professional: me, org: actor.org,
    teams: ctx.orgTeams.filter((t) => me.teamIds.includes(t.id)),
    inboxes: ctx.orgInboxes.filter(memberOf(me.id)),
  }, []);
}

type PublicProfessional = Pick<Professional, 'id' | 'orgId' | 'teamIds' | 'name' | 'role' | 'isCareProfessional' | 'active'>;
const publicProfessional = (p: Professional): PublicProfessional => ({
  id: p.id, orgId: p.orgId, teamIds: p.teamIds, name: p.name, role: p.role, isCareProfessional: p.isCareProfessional, active: p.active,
});

/** R16: every organisation's shared inboxes with their guidelines; of people only what partners may know. */
export function directory(
  _actor: Actor, _env: Env, _cmd: Command<'directory'>,
  ctx: { organisations: Organisation[]; teams: Team[]; inboxes: SharedInbox[]; professionals: Professional[] },
) {
  return accept({
    organisations: ctx.organisations, teams: ctx.teams, inboxes: ctx.inboxes,
    professionals: ctx.professionals.filter((p) => p.active).map(publicProfessional),
  }, []);
}

/** R12, R14: the organisation's accounts, for those who manage it or one of its teams. */
export function listAccounts(actor: Actor, _env: Env, _cmd: Command<'listAccounts'>, ctx: { teams: Team[]; people: Professional[] }): Decision<Professional[]> {
  const me = actor.professional;
  if (!ctx.teams.some((t) => managesTeam(me, t)) && !me.isAccountManager) return refuse('team-manager-only');
  return accept(ctx.people.filter((p) => p.orgId === actor.org.id), []);
}

interface ListPage { items: InboxItem[]; next: { lastActivity: string; id: string } | null }

/** R8: a shared inbox's list is its members' only; one's own list is one's own. */
export function listInbox(
  actor: Actor, _env: Env, cmd: Command<'listInbox'>, ctx: { inbox?: SharedInbox; items: InboxItem[] },
): Decision<ListPage> {
  const me = actor.professional.id;
  if (cmd.via !== '' && (!ctx.inbox || !memberOf(me)(ctx.inbox))) return refuse('not-found');
  const page = ctx.items.slice(0, cmd.limit);
  const last = page[page.length - 1];
  return accept({ items: page, next: ctx.items.length > cmd.limit && last ? { lastActivity: last.lastActivity, id: last.id } : null }, []);
}

/** The unread counts of one's lists, and optionally each list's newest rows: what the badge and notifications need. */
export function unreadCounts(
  _actor: Actor, _env: Env, _cmd: Command<'unreadCounts'>, ctx: { unread: Record<string, number>; newest: Record<string, InboxItem[]> },
): Decision<{ counts: Record<string, number>; newest: InboxItem[] }> {
  return accept({ counts: ctx.unread, newest: Object.values(ctx.newest).flat() }, []);
}

export function listClients(actor: Actor, _env: Env, _cmd: Command<'listClients'>, ctx: { clients: Client[] }): Decision<Client[]> {
  return accept(ctx.clients.filter((c) => c.orgIds.includes(actor.org.id)), []);
}

export function currentConsentText(_actor: Actor, _env: Env, _cmd: Command<'currentConsentText'>, ctx: { texts: ConsentText[] }) {
  return accept(ctx.texts[0] ?? null, []);
}
