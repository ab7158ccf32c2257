/**
 * Who may call an operation, and what everyone else gets. Each operation
 * names one; OpenAPI prints it, and the authorisation matrix
 * (test/server/authz-matrix.test.ts) expects each kind of caller's answer
 * from it. Callers without a session, or with a deactivated account (R12),
 * are refused everywhere, so no class mentions them.
 */
export const ACCESS = {
  everyone: 'Every signed-in account.',
  organisation: "Every signed-in account, for its own organisation's data.",
  listMembers: "The owner of the list, or the shared inbox's members (R8); others not-found.",
  clientOrganisations: "Organisations taking part in the client's care; others not-found.",
  careInNetwork: 'Care professionals of an organisation in the network (R13); other organisations not-found.',
  participants: 'Participants of the conversation (R8); everyone else not-found.',
  participantsInList: 'Participants holding the conversation in that list: their own, or the shared inbox they joined it through (R8, R10); others not-found.',
  readers: 'Participants (R8); an account manager without a care role only through the emergency step (R13); others not-found.',
  careReaders: 'Participants with a care role (R8, R13): an account manager without one is refused, with no emergency step; others not-found.',
  organisationManagers: "Account managers and teams' contact persons, for their own organisation (R12, R14).",
  accountManagers: "The organisation's account manager (R12); others of the organisation are refused, other organisations not-found.",
  ownDomainManagers: "An organisation's account manager, on its own registered e-mail domains (R11, R12).",
  teamManagers: "The account manager or the team's contact person (R14, R16); other organisations not-found.",
  regionalAdmins: 'Regional administrators only (R2).',
} as const;

export type Access = keyof typeof ACCESS;
