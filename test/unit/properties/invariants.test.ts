/**
 * The invariant checks of the property tests can fail: each is shown a
 * hand-made step that breaks it (and the unbroken step, which passes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../lib/contract/result';
import { openRegion, prepareGpStart, type Records, type Region } from '../../fixtures/domain-region';
import {
  auditedOnce, consentFirst, inboxSnapshot, messagesAreKept, newMessageUnarchives, readOnlyStaysClosed, refusedChangesNothing,
  type Invariant, type StepFacts,
} from './invariants';
import type { Call } from './steps';

let region: Region;
let records: Records;
beforeAll(async () => {
  region = await openRegion();
  await prepareGpStart(region);
  records = await region.records();
});
afterAll(() => region.dispose());

const copy = (): Records => structuredClone(records);
const NOW = '2030-01-01T00:00:00.000Z';
const facts = (call: Call, result: Result<unknown>, before: Records, after: Records): StepFacts => ({ call, result, before, after, now: NOW });
const readClient: Call = { as: 'p-jansen', op: 'readClient', input: { clientId: 'c-pietersen' } };
const audited = (r: Records, over: object = {}) => {
  r.audit.push({ ...r.audit[0]!, id: `a-${r.audit.length}`, at: NOW, userId: 'p-jansen', responsibleUserId: 'p-jansen', ...over });
  return r;
};

describe('the invariants of the property tests', () => {
  const broken: [string, Invariant, () => StepFacts][] = [
    ['a refused command that wrote something', refusedChangesNothing, () => facts(readClient, { ok: false, code: 'not-found' }, records, audited(copy()))],
    ['R1: a network without an active consent', consentFirst, () => {
      const after = copy();
      after.networks.push({ ...after.networks[0]!, id: 'net-x', clientId: 'c-bouzid' });
      return facts(readClient, { ok: true, value: null }, records, after);
    }],
    ['R8: a participant via an inbox she is not a member of', inboxSnapshot, () => {
      const after = copy();
      const c = after.conversations[0]!;
      c.inboxes.push({ inboxId: 'inbox-pohs', addedBy: 'p-jansen', addedAt: NOW });
      c.participants.push({ kind: 'professional', id: 'p-visser', viaInboxId: 'inbox-pohs', addedBy: 'p-jansen', addedAt: NOW });
      c.participants.push({ kind: 'professional', id: 'p-smit', viaInboxId: 'inbox-pohs', addedBy: 'p-jansen', addedAt: NOW });
      return facts(readClient, { ok: true, value: null }, records, after);
    }],
    ['R8: an inbox added without its members', inboxSnapshot, () => {
      const after = copy();
      after.conversations[0]!.inboxes.push({ inboxId: 'inbox-pohs', addedBy: 'p-jansen', addedAt: NOW });
      return facts(readClient, { ok: true, value: null }, records, after);
    }],
    ['R8: a later inbox member who became participant without being added', inboxSnapshot, () => {
      const after = copy();
      after.conversations[0]!.participants.push({ kind: 'professional', id: 'p-deboer', viaInboxId: 'inbox-assistentes', addedBy: 'p-jansen', addedAt: NOW });
      return facts(readClient, { ok: true, value: null }, records, after);
    }],
    ['R3: a message in a read-only network', readOnlyStaysClosed, () => {
      const before = copy();
      before.networks[0]!.status = 'readOnly';
      const after = structuredClone(before);
      after.messages.push({ ...after.messages[0]!, id: 'm-x' });
      return facts(readClient, { ok: true, value: null }, before, after);
    }],
    ['R3: a read-only network opened again', readOnlyStaysClosed, () => {
      const before = copy();
      before.networks[0]!.status = 'readOnly';
      return facts(readClient, { ok: true, value: null }, before, copy());
    }],
    ['R10: a row left in the archive after a new message', newMessageUnarchives, () => {
      const after = copy();
      after.messages.push({ ...after.messages[0]!, id: 'm-x' });
      after.inboxItems[0]!.archived = 1;
      return facts(readClient, { ok: true, value: null }, records, after);
    }],
    ['R7: a message moved to another conversation', messagesAreKept, () => {
      const after = copy();
      after.messages[0]!.conversationId = 'conv-other';
      return facts(readClient, { ok: true, value: null }, records, after);
    }],
    ['R15: a read without audit record', auditedOnce, () => facts(readClient, { ok: true, value: null }, records, copy())],
    ['R15: a read with two audit records', auditedOnce, () => facts(readClient, { ok: true, value: null }, records, audited(audited(copy())))],
    ['R15: an audit record in another user\'s name', auditedOnce, () => facts(readClient, { ok: true, value: null }, records, audited(copy(), { userId: 'p-devries' }))],
    ['R15: an audit record with message text', auditedOnce, () => facts(readClient, { ok: true, value: null }, records, audited(copy(), { reason: records.messages[0]!.text }))],
    ['R15: an audit record changed afterwards', auditedOnce, () => {
      const after = audited(copy());
      after.audit[0]!.userId = 'p-devries';
      return facts(readClient, { ok: true, value: null }, records, after);
    }],
  ];

  it.each(broken)('%s is caught', (_, invariant, step) => {
    expect(() => invariant(step())).toThrow();
  });

  it.each(broken)('%s: a step without it passes', (_, invariant) => {
    const ok = facts(readClient, { ok: true, value: null }, records, audited(copy()));
    expect(() => invariant(ok)).not.toThrow();
  });
});
