import { afterAll, beforeAll, expect } from 'vitest';
import type { OpInput, OpName, OpOutput } from '../../../lib/contract/operations';
import type { Backend } from '../../../lib/contract/port';
import type { Result } from '../../../lib/contract/result';
import { exceptRefusalRecords } from '../../fixtures/snapshot';
import type { Client, Conversation, Network, RefusalCode } from '../../../lib/domain';
import type { ContractHarness, ContractRegion, HarnessOptions } from '../harness';

/** The demo people of lib/service/demo-region.ts the suite acts as. */
export type DemoPerson =
  | 'p-jansen' | 'p-elamrani' | 'p-deboer' | 'p-devries' | 'p-visser' | 'p-smit' | 'p-mulder'
  | 'p-yilmaz' | 'p-degraaf' | 'p-dekker' | 'p-bos' | 'p-ahmadi' | 'p-hoekstra';

/** One demo person acting through the port. */
export interface Person {
  readonly id: DemoPerson;
  readonly backend: Backend;
  call<K extends OpName>(op: K, input: OpInput<K>): Promise<Result<OpOutput<K>>>;
  /** The call must succeed; a refusal fails the test with its code. */
  must<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
  /** The call must be refused with `code` and leave everything stored as it was (but the audit record of a refusal, R15). */
  refused<K extends OpName>(op: K, input: OpInput<K>, code: RefusalCode): Promise<void>;
}

export interface Region {
  as(id: DemoPerson): Promise<Person>;
  /** Several people at once: `const [jansen, yilmaz] = await region.all('p-jansen', 'p-yilmaz')`. */
  all<const T extends readonly DemoPerson[]>(...ids: T): Promise<{ -readonly [I in keyof T]: Person }>;
  snapshot(): Promise<string>;
}

/**
 * One demo region for the enclosing describe block. Tests in a block share it,
 * so each test works on its own client (see `newClient`) unless the block is
 * about region-wide state, which then gets a block of its own.
 */
export function useRegion(harness: ContractHarness, options: HarnessOptions = {}): Region {
  let region: ContractRegion | undefined;
  const people = new Map<DemoPerson, Promise<Person>>();
  beforeAll(async () => {
    region = await harness.setup(options);
  });
  afterAll(async () => {
    people.clear();
    await region?.dispose();
  });
  const open = (): ContractRegion => {
    if (!region) throw new Error('useRegion: the region is set up in beforeAll');
    return region;
  };
  const snapshot = () => open().snapshot();
  const as = (id: DemoPerson) => {
    let person = people.get(id);
    if (!person) {
      person = open().as(id).then((backend) => personOf(id, backend, snapshot));
      people.set(id, person);
    }
    return person;
  };
  return {
    snapshot,
    as,
    all: (...ids) => Promise.all(ids.map(as)) as never,
  };
}

function personOf(id: DemoPerson, backend: Backend, snapshot: () => Promise<string>): Person {
  return {
    id,
    backend,
    call: (op, input) => backend.call(op, input),
    async must(op, input) {
      const r = await backend.call(op, input);
      if (!r.ok) throw new Error(`${id} ${op} was refused: ${r.code}${r.detail ? ` (${r.detail})` : ''}`);
      return r.value;
    },
    async refused(op, input, code) {
      const before = await snapshot();
      const r = await backend.call(op, input);
      expect(r.ok ? 'accepted' : r.code, `${id} ${op}`).toBe(code);
      // Compared as a boolean: a failing diff of two whole stores says nothing useful.
      expect(exceptRefusalRecords(await snapshot()) === exceptRefusalRecords(before), `${id} ${op} refused with ${code} but changed what is stored`).toBe(true);
    },
  };
}

/** A fresh id the sender's device would make (messages carry one, R15 idempotency). */
export const uid = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

/** A date `days` from today (UTC), as accessHistory takes it. */
export const day = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A period of whole days around now, so records written in this test fall inside it. */
export const aroundNow = () => ({ from: day(-1), to: day(1) });

/** Waits until the clock has moved on, so the next write gets a later instant than the last one. */
export async function nextInstant(): Promise<void> {
  const start = Date.now();
  while (Date.now() <= start) await new Promise((r) => setTimeout(r, 1));
}

/** A client of the actor's organisation of its own, so tests sharing a region do not meet. */
export async function newClient(p: Person, name = 'Cliënt Test'): Promise<Client> {
  return p.must('createClient', { name, birthDate: '1944-05-17' });
}

/** R1, R2: consent with the current standard text, then the network. */
export async function consentAndNetwork(p: Person, clientId: string): Promise<Network> {
  const text = await p.must('currentConsentText', {});
  if (!text) throw new Error('the demo region has no consent text');
  await p.must('recordConsent', { clientId, textId: text.id, givenBy: { kind: 'client' }, method: 'verbal' });
  return p.must('createNetwork', { clientId });
}

/** A new client with consent and a network, started by `p`. */
export async function networkOf(p: Person, name?: string): Promise<Network> {
  const client = await newClient(p, name);
  return consentAndNetwork(p, client.id);
}

export interface Recipients { inboxIds?: string[]; professionalIds?: string[] }

export async function start(p: Person, networkId: string, to: Recipients, text = 'Eerste bericht'): Promise<Conversation> {
  return p.must('startConversation', { networkId, subject: 'Samenwerking', messageId: uid('m'), text, ...to });
}

/** Items of a list, all pages, as one array. */
export async function wholeList(p: Person, via: string, archived = false) {
  return (await p.must('listInbox', { via, archived, limit: 100 })).items;
}

export async function listed(p: Person, via: string, conversationId: string, archived = false) {
  return (await wholeList(p, via, archived)).find((i) => i.conversationId === conversationId);
}

/** Whether `p` can read the conversation: the answer's code, or 'ok'. */
export async function readOutcome(p: Person, conversationId: string): Promise<string> {
  const r = await p.call('readConversation', { conversationId });
  return r.ok ? 'ok' : r.code;
}
