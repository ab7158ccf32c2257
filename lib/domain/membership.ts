import type { Professional, Team } from './organisation';

/** R14, R16: an active professional of the team's own organisation who is in the team. */
export const isActiveMember = (team: Team, p: Professional | undefined): p is Professional =>
  !!p && p.active && p.orgId === team.orgId && p.teamIds.includes(team.id);

/**
 * R16 with R13: who may belong to a team's shared inbox. A member reads what
 * is written to the inbox, so only care professionals: an account manager
 * without a care role stays out of message contents (and subjects) that way.
 * Kept free of zod so that screens can offer exactly the allowed people.
 */
export const mayJoinSharedInbox = (team: Team, p: Professional | undefined): boolean =>
  isActiveMember(team, p) && p.isCareProfessional;
