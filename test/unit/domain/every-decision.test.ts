import { describe, expect, it } from 'vitest';
import { decide, decideAs } from '../../../lib/domain';
import { allowedCalls, DECIDE_HELPERS, MESSAGE_TEXT } from '../../fixtures/domain-calls';
import { actorOf, auditsOf, deactivated, expectAccepted, expectRefused, makeEnv, NOW } from '../../fixtures/domain';

describe('every decision', () => {
  it('the table of allowed calls names every decision in lib/domain', () => {
    const decisions = Object.keys(decide).filter((k) => !DECIDE_HELPERS.includes(k)).sort();
    expect(allowedCalls.map((c) => c.name).sort()).toEqual(decisions);
  });

  it.each(allowedCalls)('$name: the allowed call is accepted', ({ actor, run }) => {
    expectAccepted(run(actor, makeEnv()));
  });

  it.each(allowedCalls)('R12: $name, taken through decideAs, refuses a deactivated account (account-inactive)', ({ actor, run }) => {
    const inactive = actorOf(deactivated(actor.professional));
    expectRefused(decideAs(inactive, () => run(inactive, makeEnv())), 'account-inactive');
  });

  it.each(allowedCalls)('R12: $name is checked in one place: the decision itself does not repeat the check', ({ actor, run }) => {
    // Through decideAs, which every operation's decision goes through (lib/service/service.ts), the check holds;
    // the decision alone accepts, so there is no second copy of the rule to drift.
    const inactive = actorOf(deactivated(actor.professional));
    expect(run(inactive, makeEnv()).ok).toBe(true);
  });
});

describe('R15 audit records of every decision', () => {
  it.each(allowedCalls)('R15: $name writes exactly the audit records $audits', ({ actor, run, audits }) => {
    const { puts } = expectAccepted(run(actor, makeEnv()));
    expect(auditsOf(puts).map((a) => a.action)).toEqual(audits);
  });

  it.each(allowedCalls.filter((c) => c.audits.length > 0))(
    'R15: $name fills every field of its audit records from the actor, the client and the clock',
    ({ actor, run }) => {
      const { puts } = expectAccepted(run(actorOf(actor.professional, 'widget'), makeEnv()));
      for (const a of auditsOf(puts)) {
        expect(a).toMatchObject({
          at: NOW, outcome: 'success', userId: actor.professional.id, responsibleUserId: actor.professional.id,
          role: actor.professional.role, orgId: actor.org.id, source: 'widget', emergency: false,
        });
        if (['account', 'team', 'inbox'].includes(a.objectType)) expect(a.clientId).toBeUndefined();
        else expect(a.clientId).toMatch(/\S/);
        expect(a.objectId).toMatch(/\S/);
        expect(a.reason).toBeUndefined();
      }
    },
  );

  it.each(allowedCalls.filter((c) => c.audits.length > 0))('R15: $name gives each audit record its own id', ({ actor, run }) => {
    const { puts } = expectAccepted(run(actor, makeEnv()));
    const ids = puts.map((p) => p.value.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allowedCalls)('R15: $name never puts message text into an audit record', ({ actor, run }) => {
    const { puts } = expectAccepted(run(actor, makeEnv()));
    for (const a of auditsOf(puts)) expect(JSON.stringify(a)).not.toContain(MESSAGE_TEXT.slice(0, 20));
  });

  it('R15: the message-text check can fail: the message text is in the writes of postMessage, only not in its audit', () => {
    const call = allowedCalls.find((c) => c.name === 'postMessage')!;
    const { puts } = expectAccepted(call.run(call.actor, makeEnv()));
    expect(JSON.stringify(puts)).toContain(MESSAGE_TEXT);
  });
});
