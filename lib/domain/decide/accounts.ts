import type { Command } from '../commands';
import { isFreeMail, isOrganisationalEmail } from '../email';
import type { Professional, SharedInbox, Team } from '../organisation';
import { isActiveMember, mayJoinSharedInbox } from '../membership';
import { managesTeam } from '../capabilities';
import { accept, adminAudit, put, refuse, type Actor, type Decision, type Env, type Put, type Refusal } from '../kernel';

function accountManager(actor: Actor, orgId?: string): Refusal | null {
  if (orgId !== undefined && orgId !== actor.org.id) return refuse('not-found');
  return actor.professional.isAccountManager ? null : refuse('account-manager-only');
}

/** R11, R12: the account manager adds accounts, on the organisation's own e-mail domains only. */
export function createAccount(
  actor: Actor, env: Env, cmd: Command<'createAccount'>,
  ctx: { sameEmail: Professional[]; teams: Team[] },
): Decision<Professional> {
  const refused = accountManager(actor);
  if (refused) return refused;
  if (isFreeMail(cmd.email)) return refuse('email-private');
  if (!isOrganisationalEmail(cmd.email, actor.org.emailDomains)) return refuse('email-not-organisational');
  if (ctx.sameEmail.length) return refuse('email-taken');
  const ownTeams = new Set(ctx.teams.filter((t) => t.orgId === actor.org.id).map((t) => t.id));
  if (cmd.teamIds.some((id) => !ownTeams.has(id))) return refuse('not-found', 'team');
  const person: Professional = {
    id: env.newId(), orgId: actor.org.id, teamIds: [...new Set(cmd.teamIds)], name: cmd.name, email: cmd.email,
    role: cmd.role, isCareProfessional: cmd.isCareProfessional, isAccountManager: cmd.isAccountManager,
    isRegionalAdmin: false, active: true, createdAt: env.now,
  };
  return accept(person, [
    put('professionals', person),
    adminAudit(actor, env, { event: 'create', action: 'createAccount', objectType: 'account', objectId: person.id }),
  ], [{ kind: 'accountCreated', professionalId: person.id, orgId: person.orgId, name: person.name, email: person.email, orgName: actor.org.name }]);
}

/**
 * R12: a deactivated account leaves its shared inboxes at once; its messages keep its name.
 * R14: a team's contact person stays until the account manager names another one, so that every
 * team always has exactly one active contact person.
 */
export function deactivateAccount(
  actor: Actor, env: Env, _cmd: Command<'deactivateAccount'>,
  ctx: { target?: Professional; inboxes: SharedInbox[]; teams: Team[] },
): Decision<Professional> {
  const refused = accountManager(actor, ctx.target?.orgId ?? '');
  if (refused) return refused;
  const target = ctx.target!;
  if (target.id === actor.professional.id) return refuse('cannot-deactivate-self');
  const contactOf = ctx.teams.find((t) => t.orgId === target.orgId && t.contactPersonId === target.id);
  if (contactOf && target.active) return refuse('contact-person-first', contactOf.name);
  const next: Professional = { ...target, active: false, deactivatedAt: target.deactivatedAt ?? env.now };
  const puts: Put[] = [put('professionals', next)];
  for (const inbox of ctx.inboxes.filter((i) => i.orgId === target.orgId && i.memberIds.includes(target.id))) {
    puts.push(put('inboxes', { ...inbox, memberIds: inbox.memberIds.filter((id) => id !== target.id) }));
  }
  puts.push(adminAudit(actor, env, { event: 'update', action: 'deactivateAccount', objectType: 'account', objectId: target.id }));
  return accept(next, puts, [{ kind: 'signedOutEverywhere', professionalId: target.id }]);
}

/** R14: each team has exactly one contact person, an active member, chosen by the account manager. */
export function setContactPerson(
  actor: Actor, env: Env, _cmd: Command<'setContactPerson'>,
  ctx: { team?: Team; person?: Professional },
): Decision<Team> {
  const refused = accountManager(actor, ctx.team?.orgId ?? '');
  if (refused) return refused;
  const team = ctx.team!;
  if (!ctx.person) return refuse('not-found', 'professional');
  if (!isActiveMember(team, ctx.person)) return refuse('contact-person-not-member');
  const next: Team = { ...team, contactPersonId: ctx.person!.id };
  return accept(next, [put('teams', next), adminAudit(actor, env, { event: 'update', action: 'setContactPerson', objectType: 'team', objectId: team.id })]);
}

/** R16: the account manager or the team's contact person decides a shared inbox and its members. */
function teamManager(actor: Actor, team: Team | undefined): Refusal | null {
  if (!team || team.orgId !== actor.org.id) return refuse('not-found');
  return managesTeam(actor.professional, team) ? null : refuse('team-manager-only');
}

/** `people` holds the members that exist; an id missing from it is unknown, not merely outside the team. */
function checkMembers(team: Team, memberIds: string[], people: Professional[]): Refusal | null {
  const byId = new Map(people.map((p) => [p.id, p]));
  if (memberIds.some((id) => !byId.has(id))) return refuse('not-found', 'professional');
  if (!memberIds.every((id) => isActiveMember(team, byId.get(id)))) return refuse('inbox-member-not-in-team');
  return memberIds.every((id) => mayJoinSharedInbox(team, byId.get(id))) ? null : refuse('inbox-member-not-care');
}

export function createSharedInbox(
  actor: Actor, env: Env, cmd: Command<'createSharedInbox'>,
  ctx: { team?: Team; people: Professional[] },
): Decision<SharedInbox> {
  const refused = teamManager(actor, ctx.team) ?? checkMembers(ctx.team!, cmd.memberIds, ctx.people);
  if (refused) return refused;
  const inbox: SharedInbox = {
    id: env.newId(), orgId: ctx.team!.orgId, teamId: ctx.team!.id, name: cmd.name,
    guidelines: cmd.guidelines, memberIds: [...new Set(cmd.memberIds)], primary: cmd.primary,
  };
  return accept(inbox, [put('inboxes', inbox), adminAudit(actor, env, { event: 'create', action: 'createSharedInbox', objectType: 'inbox', objectId: inbox.id })]);
}

/** R8: a member added here is not added to earlier conversations. */
export function updateSharedInbox(
  actor: Actor, env: Env, cmd: Command<'updateSharedInbox'>,
  ctx: { inbox?: SharedInbox; team?: Team; people: Professional[] },
): Decision<SharedInbox> {
  if (!ctx.inbox) return refuse('not-found');
  const memberIds = cmd.memberIds ? [...new Set(cmd.memberIds)] : ctx.inbox.memberIds;
  const refused = teamManager(actor, ctx.team) ?? checkMembers(ctx.team!, cmd.memberIds ?? [], ctx.people);
  if (refused) return refused;
  const next: SharedInbox = {
    ...ctx.inbox,
    name: cmd.name ?? ctx.inbox.name,
    guidelines: cmd.guidelines ?? ctx.inbox.guidelines,
    memberIds,
  };
  return accept(next, [put('inboxes', next), adminAudit(actor, env, { event: 'update', action: 'updateSharedInbox', objectType: 'inbox', objectId: next.id })]);
}
