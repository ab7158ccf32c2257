/**
 * Property tests: random sequences of commands by random actors, run
 * through the real service on LocalBackend (fake-indexeddb), with every
 * record read before and after each command. Two thirds of the sequences
 * start from a prepared GP or home-care start so they reach conversations,
 * archives and handovers quickly; the others from the bare demo region.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../lib/contract/result';
import { openRegion, prepareGpStart, prepareHomecareStart } from '../../fixtures/domain-region';
import {
  auditedOnce, consentFirst, inboxSnapshot, messagesAreKept, newMessageUnarchives, readOnlyStaysClosed, refusedChangesNothing,
  teamKeepsActiveContact, type Invariant,
} from './invariants';
import { resolve, stepArb, WEIGHTS, type Step } from './steps';

const RUNS = 30;
const sequences = fc.record({ prepared: fc.constantFrom('none', 'gp', 'homecare'), steps: fc.array(stepArb, { minLength: 5, maxLength: 25, size: 'max' }) });

/** Runs one sequence in a fresh region, handing every step's facts to `check`. */
async function runSequence({ prepared, steps }: { prepared: 'none' | 'gp' | 'homecare'; steps: Step[] }, check: Invariant) {
  // A clock that moves a second per call, so "at that moment" is well defined; ids count up.
  let t = Date.UTC(2025, 2, 3, 9);
  let now = '';
  let id = 0;
  const region = await openRegion({
    now: () => {
      t += 1000;
      now = new Date(t).toISOString();
      return new Date(t);
    },
    newId: () => `id-${++id}`,
  });
  try {
    if (prepared === 'gp') await prepareGpStart(region);
    if (prepared === 'homecare') await prepareHomecareStart(region);
    let before = await region.records();
    for (const [seq, step] of steps.entries()) {
      const call = resolve(step, before, seq);
      const result = await region.call(call.as, call.op, call.input as never);
      const after = await region.records();
      check({ call, result: result as Result<unknown>, before, after, now });
      before = after;
    }
  } finally {
    region.dispose();
  }
}

const holdsAfterEveryCommand = (invariant: Invariant) =>
  fc.assert(fc.asyncProperty(sequences, (s) => runSequence(s, invariant)), { numRuns: RUNS });

describe('random command sequences on LocalBackend', () => {
  it('the sequences reach every command\'s allowed path and many refusals (else the properties below say little)', async () => {
    const accepted = new Set<string>();
    const refused = new Set<string>();
    for (const s of fc.sample(sequences, { seed: 20250303, numRuns: RUNS })) {
      await runSequence(s, ({ call, result }) => void (result.ok ? accepted.add(call.op) : refused.add(result.code)));
    }
    expect([...accepted].sort()).toEqual(Object.keys(WEIGHTS).sort());
    for (const code of ['not-found', 'consent-required', 'network-read-only', 'account-inactive', 'contents-restricted', 'gp-only', 'contact-person-first']) {
      expect(refused).toContain(code);
    }
  });

  it('a refused command changes nothing in any store', () => holdsAfterEveryCommand(refusedChangesNothing));
  it('R1: no network is ever created without an active consent of its client at that moment', () => holdsAfterEveryCommand(consentFirst));
  it('R14: every team keeps one active contact person from its own members', () => holdsAfterEveryCommand(teamKeepsActiveContact));
  it('R8: participants via a shared inbox are exactly its active members at the moment it was added', () => holdsAfterEveryCommand(inboxSnapshot));
  it('R3: no message or participant enters a conversation of a read-only network', () => holdsAfterEveryCommand(readOnlyStaysClosed));
  it('R10: a conversation archived in a list is back in it once it gets a newer message', () => holdsAfterEveryCommand(newMessageUnarchives));
  it('R7: stored messages are never changed, moved or removed', () => holdsAfterEveryCommand(messagesAreKept));
  it('R15: every successful read or change of client data writes exactly its audit records, never message text', () => holdsAfterEveryCommand(auditedOnce));
});
