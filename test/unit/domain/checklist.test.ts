import { describe, expect, it } from 'vitest';
import { checklist, CHECKLISTS, nextStep, type StepKey } from '../../../lib/domain';
import { aNetwork, EARLIER, NOW, people } from '../../fixtures/domain';

const done = (at = NOW) => ({ by: people.assistant.id, byName: people.assistant.name, orgName: 'Praktijk', at });

describe('R4 checklists', () => {
  it('R4: the GP start lists consent, network, patient card, first conversation, portal invitation, activation, resident added', () => {
    expect(CHECKLISTS.gp).toEqual(['consent', 'network', 'patientCard', 'firstConversation', 'portalInvited', 'portalActivated', 'residentAdded']);
  });

  it('R4: the home-care start ends its own part with the handover request, then the practice does card, portal and resident', () => {
    expect(CHECKLISTS.homecare).toEqual([
      'consent', 'network', 'firstConversation', 'handoverRequested', 'patientCard', 'portalInvited', 'portalActivated', 'residentAdded',
    ]);
  });

  it.each([
    { initiator: 'gp', done: [] as StepKey[], next: 'consent', count: 0, total: 7 },
    { initiator: 'gp', done: ['consent', 'network'] as StepKey[], next: 'patientCard', count: 2, total: 7 },
    { initiator: 'gp', done: ['consent', 'network', 'firstConversation'] as StepKey[], next: 'patientCard', count: 3, total: 7 },
    { initiator: 'homecare', done: ['consent', 'network', 'firstConversation'] as StepKey[], next: 'handoverRequested', count: 3, total: 8 },
    { initiator: 'homecare', done: ['consent', 'network', 'firstConversation', 'handoverRequested', 'patientCard'] as StepKey[], next: 'portalInvited', count: 5, total: 8 },
    { initiator: 'gp', done: CHECKLISTS.gp, next: null, count: 7, total: 7 },
    { initiator: 'homecare', done: CHECKLISTS.homecare, next: null, count: 8, total: 8 },
  ] as const)('R4: a $initiator network with $count steps done shows $count/$total and waits for $next', (c) => {
    const network = aNetwork({ initiator: c.initiator, steps: Object.fromEntries(c.done.map((k) => [k, done()])) });
    const list = checklist(network);
    expect(list.steps.map((s) => s.key)).toEqual(CHECKLISTS[c.initiator]);
    expect([list.done, list.total]).toEqual([c.count, c.total]);
    expect(nextStep(network)).toBe(c.next);
  });

  it('R4: each step shows who did it and when', () => {
    const network = aNetwork({ steps: { consent: done(EARLIER), network: done(NOW) } });
    expect(checklist(network).steps.slice(0, 3)).toEqual([
      { key: 'consent', done: done(EARLIER) }, { key: 'network', done: done(NOW) }, { key: 'patientCard', done: undefined },
    ]);
  });

  it('R4: a step that is not on the network\'s checklist does not count', () => {
    const network = aNetwork({ initiator: 'gp', steps: { handoverRequested: done() } });
    expect(checklist(network).done).toBe(0);
  });
});
