import { describe, expect, it } from 'vitest';
import { decide, FREE_MAIL_DOMAINS, type Actor, type Professional, type SharedInbox, type Team } from '../../../lib/domain';
import {
  actorOf, allInboxes, auditsOf, allTeams, cmd, expectAccepted, expectRefused, inbox, makeEnv, NOW, org, people, putsTo, team,
} from '../../fixtures/domain';

const gpManager = actorOf(people.gpManager);
const homecareManager = actorOf(people.homecareManager);

describe('R11 no private e-mail addresses', () => {
  const create = (email: string, actor: Actor = gpManager, over: Partial<Parameters<typeof decide.createAccount>[3]> = {}, teamIds = [team.practice.id]) =>
    decide.createAccount(actor, makeEnv(), cmd('createAccount', { name: 'Nieuwe Collega', email, role: 'assistant', isCareProfessional: true, teamIds }), {
      sameEmail: [], teams: [team.practice, team.district], ...over,
    });

  it.each(['n.collega@delinde.nl', 'N.Collega@DeLinde.nl', 'n.collega@wijk.delinde.nl'])(
    'R11: an account on the organisation\'s own domain or a subdomain of it is created: %s',
    (email) => {
      const { value, puts } = expectAccepted(create(email));
      expect(value).toEqual({
        id: 'id-1', orgId: org.gp.id, teamIds: [team.practice.id], name: 'Nieuwe Collega', email: email.toLowerCase(), role: 'assistant',
        isCareProfessional: true, isAccountManager: false, isRegionalAdmin: false, active: true, createdAt: NOW,
      } satisfies Professional);
      expect(putsTo(puts, 'professionals')).toEqual([value]);
    },
  );

  it.each(FREE_MAIL_DOMAINS.map((d) => [`n.collega@${d}`]))('R11: %s is refused with the private-address message (email-private)', (email) => {
    expectRefused(create(email), 'email-private');
  });

  it('R11: free mail is refused even when the organisation registered that domain (email-private)', () => {
    expectRefused(create('n.collega@gmail.com', { ...gpManager, org: { ...org.gp, emailDomains: ['delinde.nl', 'gmail.com'] } }), 'email-private');
  });

  it('R11: a subdomain of a free-mail domain is private too (email-private)', () => {
    expectRefused(create('n.collega@mail.ziggo.nl'), 'email-private');
  });

  it.each(['n.collega@rivierzorg.nl', 'n.collega@delinde.com', 'n.collega@notdelinde.nl', 'n.collega@delinde.nl.example.com'])(
    'R11: %s is not on a domain the organisation registered (email-not-organisational)',
    (email) => expectRefused(create(email), 'email-not-organisational'),
  );

  it('R11: an address that already has an account is refused (email-taken)', () => {
    expectRefused(create('s.bakker@delinde.nl', gpManager, { sameEmail: [people.assistant] }), 'email-taken');
  });

  it.each([
    { why: 'a team of another organisation', teamIds: [team.district.id] },
    { why: 'an unknown team', teamIds: ['team-onbekend'] },
  ])('R12: an account in $why is refused (not-found)', ({ teamIds }) => {
    expectRefused(create('n.collega@delinde.nl', gpManager, {}, teamIds), 'not-found');
  });

  it.each([people.assistant, people.gp])('R12: $id is not an account manager and cannot add accounts (account-manager-only)', (p) => {
    expectRefused(create('n.collega@delinde.nl', actorOf(p)), 'account-manager-only');
  });
});

describe('R12 account manager deactivates accounts', () => {
  const deactivate = (target: Professional | undefined, actor: Actor = gpManager) =>
    decide.deactivateAccount(actor, makeEnv(), cmd('deactivateAccount', { professionalId: target?.id ?? 'p-x' }), { target, inboxes: allInboxes, teams: allTeams });

  it('R12: a deactivated account is inactive from now on and leaves every shared inbox it was in', () => {
    const { value, puts } = expectAccepted(deactivate(people.assistant2));
    expect(value).toEqual({ ...people.assistant2, active: false, deactivatedAt: NOW });
    expect(putsTo(puts, 'professionals')).toEqual([value]);
    expect(putsTo(puts, 'inboxes')).toEqual([{ ...inbox.assistants, memberIds: [people.assistant.id] }]);
    // Conversations keep it as participant and messages keep its name: nothing else is written, but R15's administrative record.
    expect([...new Set(puts.map((p) => p.store))].sort()).toEqual(['audit', 'inboxes', 'professionals']);
    expect(auditsOf(puts)).toMatchObject([{ action: 'deactivateAccount', objectType: 'account', objectId: people.assistant2.id }]);
    expect(auditsOf(puts)[0]!.clientId).toBeUndefined();
  });

  it('R12: deactivating an account again keeps the first deactivation time', () => {
    const { value } = expectAccepted(deactivate(people.former));
    expect(value.deactivatedAt).toBe(people.former.deactivatedAt);
  });

  it.each([
    { why: 'one\'s own account', target: people.gpManager, actor: gpManager, code: 'cannot-deactivate-self' },
    { why: 'an account by someone who is not account manager', target: people.assistant2, actor: actorOf(people.assistant), code: 'account-manager-only' },
    { why: 'an account of another organisation', target: people.nurse, actor: gpManager, code: 'not-found' },
    { why: 'an unknown account', target: undefined, actor: gpManager, code: 'not-found' },
  ] as const)('R12: deactivating $why is refused ($code)', ({ target, actor, code }) => {
    expectRefused(deactivate(target, actor), code);
  });
});

describe('R14 a team keeps its contact person', () => {
  const deactivate = (target: Professional, teams: Team[]) =>
    decide.deactivateAccount(gpManager, makeEnv(), cmd('deactivateAccount', { professionalId: target.id }), { target, inboxes: allInboxes, teams });

  it('R14: the team\'s contact person cannot be deactivated before another one is named (contact-person-first)', () => {
    expect(team.practice.contactPersonId).toBe(people.assistant.id);
    const d = deactivate(people.assistant, allTeams);
    expectRefused(d, 'contact-person-first');
    expect(!d.ok && d.detail).toBe(team.practice.name);
  });

  it('R14: once another member is contact person, the former one can be deactivated', () => {
    expectAccepted(deactivate(people.assistant, [{ ...team.practice, contactPersonId: people.gp.id }]));
  });
});

describe('R14 contact person', () => {
  const set = (t: Team | undefined, person: Professional | undefined, actor: Actor = gpManager) =>
    decide.setContactPerson(actor, makeEnv(), cmd('setContactPerson', { teamId: t?.id ?? 'team-x', professionalId: person?.id ?? 'p-x' }), { team: t, person });

  it('R14: the account manager makes an active member the team\'s one contact person', () => {
    const { value, puts } = expectAccepted(set(team.practice, people.gp));
    expect(value).toEqual({ ...team.practice, contactPersonId: people.gp.id });
    expect(putsTo(puts, 'teams')).toEqual([value]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'update', action: 'setContactPerson', objectType: 'team', objectId: team.practice.id }]);
  });

  it.each([
    { why: 'a member of another team', person: { ...people.gp, teamIds: [] } },
    { why: 'a deactivated member', person: people.former },
    { why: 'someone of another organisation', person: { ...people.nurse, teamIds: [team.practice.id] } },
  ])('R14: $why cannot be contact person (contact-person-not-member)', ({ person }) => {
    expectRefused(set(team.practice, person), 'contact-person-not-member');
  });

  it.each([
    { why: 'a team of another organisation', t: team.district, person: people.nurse, actor: gpManager, code: 'not-found' },
    { why: 'an unknown team', t: undefined, person: people.gp, actor: gpManager, code: 'not-found' },
    { why: 'an unknown person', t: team.practice, person: undefined, actor: gpManager, code: 'not-found' },
    { why: 'by the current contact person, who is no account manager', t: team.practice, person: people.gp, actor: actorOf(people.assistant), code: 'account-manager-only' },
  ] as const)('R14: choosing a contact person for $why is refused ($code)', ({ t, person, actor, code }) => {
    expectRefused(set(t, person, actor), code);
  });
});

describe('R16 shared inboxes', () => {
  // `null`: no such team or inbox (undefined would take the default).
  const create = (actor: Actor, memberIds: string[], people_: Professional[], t: Team | null = team.practice) =>
    decide.createSharedInbox(actor, makeEnv(), cmd('createSharedInbox', { teamId: t?.id ?? 'team-x', name: 'Huisartsen', guidelines: 'Spoed via de telefoon.', memberIds }), {
      team: t ?? undefined, people: people_,
    });
  const update = (actor: Actor, memberIds: string[] | undefined, people_: Professional[], target: SharedInbox | null = inbox.poh) =>
    decide.updateSharedInbox(actor, makeEnv(), cmd('updateSharedInbox', { inboxId: target?.id ?? 'inbox-x', memberIds }), {
      inbox: target ?? undefined, team: target ? team.practice : undefined, people: people_,
    });

  it.each([
    { who: 'the account manager', actor: gpManager },
    { who: 'the team\'s contact person', actor: actorOf(people.assistant) },
  ])('R16: $who creates a shared inbox with guidelines and chosen team members', ({ actor }) => {
    const { value, puts } = expectAccepted(create(actor, [people.gp.id, people.gp.id, people.poh.id], [people.gp, people.poh]));
    expect(value).toEqual({
      id: 'id-1', orgId: org.gp.id, teamId: team.practice.id, name: 'Huisartsen', guidelines: 'Spoed via de telefoon.',
      memberIds: [people.gp.id, people.poh.id], primary: false,
    } satisfies SharedInbox);
    expect(putsTo(puts, 'inboxes')).toEqual([value]);
    expect(auditsOf(puts)).toMatchObject([{ event: 'create', action: 'createSharedInbox', objectType: 'inbox', objectId: value.id }]);
  });

  it('R16: a team can have several shared inboxes; the team chooses the members of each', () => {
    const { value } = expectAccepted(update(actorOf(people.assistant), [people.poh.id, people.gp.id], [people.poh, people.gp]));
    expect(value).toEqual({ ...inbox.poh, memberIds: [people.poh.id, people.gp.id] });
  });

  it('R16: changing name or guidelines keeps the members', () => {
    const { value } = expectAccepted(decide.updateSharedInbox(gpManager, makeEnv(), cmd('updateSharedInbox', { inboxId: inbox.poh.id, name: 'POH Somatiek', guidelines: 'Nieuw' }), {
      inbox: inbox.poh, team: team.practice, people: [],
    }));
    expect(value).toEqual({ ...inbox.poh, name: 'POH Somatiek', guidelines: 'Nieuw' });
  });

  it('R8: a member added to an inbox is not added to earlier conversations: only the inbox (and R15\'s record) is written', () => {
    const { puts } = expectAccepted(update(gpManager, [people.poh.id, people.gp.id], [people.poh, people.gp]));
    expect(puts.map((p) => p.store)).toEqual(['inboxes', 'audit']);
  });

  it.each([
    { why: 'someone of another team', ids: [people.caregiver.id], found: [people.caregiver] },
    { why: 'a deactivated member', ids: [people.former.id], found: [people.former] },
  ])('R16: an inbox with $why as member is refused (inbox-member-not-in-team)', ({ ids, found }) => {
    expectRefused(create(gpManager, ids, found), 'inbox-member-not-in-team');
    expectRefused(update(gpManager, ids, found), 'inbox-member-not-in-team');
  });

  it('R13, R16: an account manager without a care role cannot be a shared inbox member (inbox-member-not-care)', () => {
    const manager = people.gpManager;
    expect(manager.isCareProfessional).toBe(false);
    expect(manager.teamIds).toContain(team.practice.id);
    expectRefused(create(gpManager, [people.gp.id, manager.id], [people.gp, manager]), 'inbox-member-not-care');
    expectRefused(update(gpManager, [people.poh.id, manager.id], [people.poh, manager]), 'inbox-member-not-care');
  });

  it('R16: an inbox with an unknown member is refused (not-found)', () => {
    expectRefused(create(gpManager, ['p-onbekend'], []), 'not-found');
    expectRefused(update(gpManager, ['p-onbekend'], []), 'not-found');
  });

  it.each([
    { who: 'the GP, a team member who is neither account manager nor contact person', actor: actorOf(people.gp) },
    { who: 'the practice nurse, a member of the inbox itself', actor: actorOf(people.poh) },
  ])('R16: $who cannot decide a shared inbox (team-manager-only)', ({ actor }) => {
    expectRefused(create(actor, [], []), 'team-manager-only');
    expectRefused(update(actor, [], []), 'team-manager-only');
  });

  it.each([
    { why: 'a team of another organisation', run: () => create(homecareManager, [], [], team.practice) },
    { why: 'an unknown team', run: () => create(gpManager, [], [], null) },
    { why: 'an inbox of another organisation', run: () => update(homecareManager, [], []) },
    { why: 'an unknown inbox', run: () => update(gpManager, [], [], null) },
  ])('R16: $why is refused (not-found)', ({ run }) => {
    expectRefused(run(), 'not-found');
  });
});
