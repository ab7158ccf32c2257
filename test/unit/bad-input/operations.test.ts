/**
 * Bad input for every operation of the Backend port, through the real
 * service on IndexedDB: shape errors are `invalid-input`, ids of nothing
 * stored are `not-found` (or the documented refusal), and a refused call
 * leaves every store exactly as it was. The cases are generated from one
 * valid input per operation; the last test of each block shows that the
 * valid input is accepted in the same region, so each refusal is due to
 * what was changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../../fixtures/files';
import type { z } from 'zod';
import { operations, type OpName } from '../../../lib/contract/operations';
import type { RefusalCode } from '../../../lib/domain';
import { openRegion, prepareGpStart, type GpStart, type Region } from '../../fixtures/domain-region';
import { exceptRefusalRecords } from '../../fixtures/snapshot';

interface OpSpec {
  /** Who calls: a demo person who may do this. */
  as?: string;
  base: (s: GpStart) => Record<string, unknown>;
  /** Fields that name stored records, and the refusal when they name nothing. */
  refs?: Record<string, RefusalCode>;
  /** Values of one field that break its own rules (length, format, enum). */
  invalid?: [field: string, value: unknown, why: string][];
  /** What the caller did first, so that the valid input is accepted; the ids it returns replace the GP start's. */
  prepare?: (r: Region, s: GpStart, as: string) => Promise<GpStart | unknown>;
}

const long = (n: number) => 'x'.repeat(n);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);
const MANAGER = 'p-mulder';

const specs: { [K in OpName]: OpSpec } = {
  session: { base: () => ({}) },
  directory: { base: () => ({}) },
  listAccounts: { as: MANAGER, base: () => ({}) },
  unreadCounts: { base: () => ({}) },
  currentConsentText: { base: () => ({}) },
  listInbox: {
    base: () => ({ via: 'inbox-assistentes', archived: false, limit: 10 }),
    refs: { via: 'not-found' },
    invalid: [
      ['limit', 0, 'a page of nothing'], ['limit', 101, 'a page over 100'], ['limit', 2.5, 'a fraction'],
      ['before', { lastActivity: 'gisteren', id: 'a|b|c' }, 'a cursor without an instant'],
      ['before', { lastActivity: '2025-01-01T00:00:00.000Z', id: 'met spatie' }, 'a cursor with a malformed id'],
    ],
  },
  listClients: { base: () => ({ limit: 10 }), invalid: [['limit', 0, 'zero'], ['limit', 501, 'over 500']] },
  findClientByBsn: {
    base: () => ({ bsn: '111222333' }),
    invalid: [['bsn', '123456789', 'a BSN that fails the 11-test'], ['bsn', 111222333, 'a number'], ['bsn', '', 'an empty BSN']],
  },
  createClient: {
    base: () => ({ name: 'Piet Nieuw', birthDate: '1950-01-01', bsn: '999999990', carer: { name: 'Ria Nieuw', relation: 'dochter' } }),
    invalid: [
      ['bsn', '123456789', 'a BSN that fails the 11-test'], ['bsn', '12345678', 'a BSN of eight digits'],
      ['bsn', '99999999O', 'a BSN with a letter O'], ['bsn', '000000000', 'the all-zero BSN'],
      ['name', long(201), 'a name over 200 characters'], ['name', '   ', 'a blank name'],
      ['birthDate', '1950-13-01', 'month 13'], ['birthDate', '01-01-1950', 'a Dutch date order'],
      ['carer', { name: 'Ria' }, 'a carer without relation'],
    ],
  },
  publishConsentText: {
    as: 'p-hoekstra',
    base: () => ({ text: 'Nieuwe standaardtekst voor toestemming, versie twee.' }),
    invalid: [['text', long(20_001), 'a text over 20,000 characters'], ['text', 'Te kort.', 'a text under 20 characters']],
  },
  recordConsent: {
    base: () => ({ clientId: 'c-bouzid', textId: 'consent-text-v1', givenBy: { kind: 'carer', name: 'Fatima Bouzid', relation: 'dochter' }, method: 'verbal' }),
    // An unknown text id is simply not the current text.
    refs: { clientId: 'not-found', textId: 'consent-text-outdated' },
    invalid: [
      ['method', 'email', 'an unknown method'], ['givenBy', { kind: 'buurman' }, 'an unknown giver'],
      ['givenBy', { kind: 'carer', name: 'Fatima Bouzid' }, 'a carer without relation'],
    ],
  },
  withdrawConsent: { base: () => ({ clientId: 'c-hendriks' }), refs: { clientId: 'not-found' } },
  createNetwork: { base: () => ({ clientId: 'c-hendriks' }), refs: { clientId: 'not-found' } },
  linkPatientCard: {
    base: (s) => ({ networkId: s.networkId, system: 'Medicom', patientRef: 'P-4711' }),
    refs: { networkId: 'not-found' },
    invalid: [['system', long(61), 'a system name over 60'], ['patientRef', long(61), 'a reference over 60'], ['patientRef', '', 'an empty reference']],
  },
  inviteToPortal: {
    base: (s) => ({ networkId: s.networkId, email: 'jan.pietersen@example.nl' }),
    refs: { networkId: 'not-found' },
    invalid: [
      ['email', 'geen-adres', 'an address without @'], ['email', 'jan@', 'an address without domain'], ['email', 'jan pietersen@example.nl', 'a space'],
      ['email', `${long(250)}@example.nl`, 'an address over 254 characters'],
    ],
  },
  markPortalActivated: { base: (s) => ({ networkId: s.networkId }), refs: { networkId: 'not-found' } },
  addResident: { base: (s) => ({ conversationId: s.conversationId }), refs: { conversationId: 'not-found' } },
  startConversation: {
    base: (s) => ({ networkId: s.networkId, subject: 'Medicatie', inboxIds: ['inbox-pohs'], professionalIds: ['p-devries'], messageId: 'm-nieuw', text: 'Graag overleg over de medicatie.' }),
    refs: { networkId: 'not-found', inboxIds: 'not-found', professionalIds: 'not-found' },
    invalid: [
      ['subject', long(141), 'a subject over 140'], ['subject', '  ', 'a blank subject'], ['text', long(10_001), 'a text over 10,000'],
      ['text', ' \n ', 'a blank text'], ['inboxIds', ids(11), 'more than 10 inboxes'], ['professionalIds', ids(21), 'more than 20 people'],
    ],
  },
  addParticipant: {
    base: (s) => ({ conversationId: s.conversationId, inboxId: 'inbox-buurtteam' }),
    refs: { conversationId: 'not-found', inboxId: 'not-found' },
    invalid: [['professionalId', 'p-devries', 'both an inbox and a person']],
  },
  postMessage: {
    base: (s) => ({ conversationId: s.conversationId, messageId: 'm-2', text: 'Morgen kom ik langs.' }),
    refs: { conversationId: 'not-found' },
    invalid: [
      ['text', long(10_001), 'a text over 10,000'], ['text', '', 'an empty text without files'],
      ['attachmentIds', ids(21), 'over 20 file ids'], ['attachmentIds', ['met spatie'], 'a malformed file id'],
    ],
  },
  readAttachment: {
    base: () => ({ attachmentId: ATTACHMENT_PLACEHOLDER }),
    refs: { attachmentId: 'not-found' },
    invalid: [['variant', 'origineel', 'an unknown variant'], ['emergencyReason', 'nood', 'a reason under 10']],
    // R20: a document the GP practice sent in the conversation (a PDF: Node has no canvas to clean a photo with).
    prepare: async (r, s, as) => {
      r.backend.actAs(as);
      const file = await r.backend.files.upload(pdf(), { idempotencyKey: 'bad-input-pdf' });
      if (!file.ok) throw new Error(file.code);
      await r.must(as, 'postMessage', { conversationId: s.conversationId, messageId: 'm-pdf', text: 'Het overzicht', attachmentIds: [file.value.id] });
      return { ...s, attachmentId: file.value.id };
    },
  },
  archive: {
    base: (s) => ({ conversationId: s.conversationId, via: 'inbox-assistentes', archived: true }),
    refs: { conversationId: 'not-found', via: 'not-found' },
  },
  requestHandover: {
    as: 'p-yilmaz',
    base: (s) => ({ networkId: s.networkId, conversationId: s.conversationId, inboxId: 'inbox-assistentes' }),
    refs: { networkId: 'not-found', conversationId: 'not-found', inboxId: 'not-found' },
    // R18: the request comes from the home-care start: its network, started by home care with the practice's inbox.
    async prepare(r) {
      const network = await r.must('p-yilmaz', 'createNetwork', { clientId: 'c-hendriks' });
      const conversation = await r.must('p-yilmaz', 'startConversation', {
        networkId: network.id, subject: 'Overdracht', inboxIds: ['inbox-assistentes'], messageId: 'm-overdracht', text: 'Graag patiëntenkaart koppelen.',
      });
      return { networkId: network.id, conversationId: conversation.id };
    },
  },
  createAccount: {
    as: MANAGER,
    base: () => ({ name: 'Nieuwe Collega', email: 'n.collega@lombokhuisartsen.nl', role: 'assistant', isCareProfessional: true, isAccountManager: false, teamIds: ['team-lombok'] }),
    refs: { teamIds: 'not-found' },
    invalid: [
      ['email', 'n.collega', 'an address without @'], ['email', 'n.collega@', 'an address without domain'],
      ['email', `${long(250)}@lombokhuisartsen.nl`, 'an address over 254 characters'], ['role', 'chef', 'an unknown role'],
      ['name', long(201), 'a name over 200'], ['teamIds', ids(21), 'more than 20 teams'],
    ],
  },
  deactivateAccount: { as: MANAGER, base: () => ({ professionalId: 'p-deboer' }), refs: { professionalId: 'not-found' } },
  setContactPerson: {
    as: MANAGER, base: () => ({ teamId: 'team-lombok', professionalId: 'p-devries' }),
    refs: { teamId: 'not-found', professionalId: 'not-found' },
  },
  createSharedInbox: {
    as: MANAGER,
    base: () => ({ teamId: 'team-lombok', name: 'Huisartsen', guidelines: 'Voor overleg met de huisarts.', memberIds: ['p-devries'], primary: false }),
    refs: { teamId: 'not-found', memberIds: 'not-found' },
    invalid: [['name', long(81), 'a name over 80'], ['guidelines', long(2001), 'guidelines over 2000'], ['memberIds', ids(201), 'more than 200 members']],
  },
  updateSharedInbox: {
    as: MANAGER,
    base: () => ({ inboxId: 'inbox-pohs', name: 'POH Somatiek', memberIds: ['p-visser', 'p-devries'] }),
    refs: { inboxId: 'not-found', memberIds: 'not-found' },
    invalid: [['name', long(81), 'a name over 80'], ['guidelines', long(2001), 'guidelines over 2000']],
  },
  readClient: { base: () => ({ clientId: 'c-pietersen' }), refs: { clientId: 'not-found' } },
  readNetwork: { base: (s) => ({ networkId: s.networkId }), refs: { networkId: 'not-found' } },
  readConversation: {
    base: (s) => ({ conversationId: s.conversationId }),
    refs: { conversationId: 'not-found' },
    invalid: [['emergencyReason', long(501), 'a reason over 500'], ['emergencyReason', 'nood', 'a reason under 10']],
  },
  exportConversation: {
    base: (s) => ({ conversationId: s.conversationId, scope: 'sinceLastExport' }),
    refs: { conversationId: 'not-found' },
    invalid: [['scope', 'since', 'a scope that is not one of the two'], ['scope', '', 'no scope']],
  },
  accessHistory: {
    base: () => ({ clientId: 'c-pietersen', from: '2020-01-01', to: '2099-12-31' }),
    refs: { clientId: 'not-found' },
    invalid: [['from', 'gisteren', 'a word for a date'], ['to', '2025-02-30', 'a day that does not exist']],
  },
  adminHistory: {
    as: MANAGER,
    base: () => ({ orgId: 'org-hap-lombok', from: '2020-01-01', to: '2099-12-31' }),
    refs: { orgId: 'not-found' },
    invalid: [['from', '1-1-2025', 'a Dutch way of writing a date'], ['to', '2025-13-01', 'a month that does not exist']],
  },
  suggestRecipients: { base: (s) => ({ networkId: s.networkId, orgId: 'org-buurtteam' }), refs: { networkId: 'not-found' } },
  markRead: { base: (s) => ({ conversationId: s.conversationId }), refs: { conversationId: 'not-found' } },
  conversationUpdates: {
    base: (s) => ({ conversationId: s.conversationId, after: { createdAt: '2020-01-01T00:00:00.000Z', id: 'm-0' } }),
    refs: { conversationId: 'not-found' },
    invalid: [['after', { createdAt: 'gisteren', id: 'm-0' }, 'a cursor without an instant'], ['after', { createdAt: '2020-01-01T00:00:00.000Z' }, 'a cursor without an id']],
    // R15: a refresh is of a conversation this session opened.
    prepare: (r, s, as) => r.must(as, 'readConversation', { conversationId: s.conversationId }),
  },
};

interface Case { why: string; input: unknown; code: RefusalCode }

/** A value of another type than the valid one. */
function wrongTypes(v: unknown): unknown[] {
  if (typeof v === 'string') return [42, null, [v]];
  if (typeof v === 'number') return [String(v), true];
  if (typeof v === 'boolean') return [String(v), 1];
  if (Array.isArray(v)) return [String(v[0] ?? 'x'), [42]];
  return ['x', []];
}

function isRequired(schema: z.ZodType, field: string): boolean {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  // addParticipant is a union of two shapes that each need every field of the valid input.
  if (!shape) return true;
  return !shape[field]!.safeParse(undefined).success;
}

function casesFor(op: OpName, spec: OpSpec, base: Record<string, unknown>): Case[] {
  const invalid = (why: string, input: unknown): Case => ({ why, input, code: 'invalid-input' });
  const out: Case[] = [
    invalid('an unknown extra field', { ...base, extra: 'rommel' }),
    invalid('null instead of an object', null),
    invalid('a string instead of an object', 'tekst'),
    invalid('an array instead of an object', [base]),
  ];
  for (const [field, value] of Object.entries(base)) {
    const { [field]: _, ...without } = base;
    if (isRequired(operations[op].input, field)) out.push(invalid(`no ${field}`, without));
    for (const wrong of wrongTypes(value)) out.push(invalid(`${field} as ${JSON.stringify(wrong)}`, { ...base, [field]: wrong }));
  }
  for (const [field, code] of Object.entries(spec.refs ?? {})) {
    const many = Array.isArray(base[field]);
    const as = (id: string) => (many ? [id] : id);
    out.push(invalid(`${field} with a space`, { ...base, [field]: as('met spatie') }));
    out.push(invalid(`${field} over 64 characters`, { ...base, [field]: as(long(65)) }));
    out.push({ why: `${field} naming nothing stored`, input: { ...base, [field]: as('onbekend-42') }, code });
  }
  for (const [field, value, why] of spec.invalid ?? []) out.push(invalid(why, { ...base, [field]: value }));
  return out;
}

/** Stand-ins for the ids the region gets when it is prepared; replaced just before each call. */
const PLACEHOLDER: GpStart = { networkId: 'network-of-c-pietersen', conversationId: 'conversation-of-c-pietersen' };
const ATTACHMENT_PLACEHOLDER = 'attachment-of-c-pietersen';
function withIds(input: unknown, s: GpStart & { attachmentId?: string }): unknown {
  const json = JSON.stringify(input);
  return json === undefined ? input : JSON.parse(json.replaceAll(PLACEHOLDER.networkId, s.networkId).replaceAll(PLACEHOLDER.conversationId, s.conversationId)
    .replaceAll(ATTACHMENT_PLACEHOLDER, s.attachmentId ?? ATTACHMENT_PLACEHOLDER));
}

describe.each(Object.entries(specs) as [OpName, OpSpec][])('%s with bad input', (op, spec) => {
  const as = spec.as ?? 'p-jansen';
  const base = spec.base(PLACEHOLDER);
  const cases = casesFor(op, spec, base);
  let region: Region;
  let start: GpStart;
  beforeAll(async () => {
    region = await openRegion();
    start = await prepareGpStart(region);
    const prepared = await spec.prepare?.(region, start, as);
    if (prepared && typeof prepared === 'object' && 'networkId' in prepared) start = prepared as GpStart;
  });
  afterAll(() => region.dispose());

  it.each(cases)('$why is refused ($code) and changes nothing', async ({ input, code }) => {
    const before = await region.snapshot();
    const result = await region.call(as, op, withIds(input, start) as never);
    expect(result.ok ? 'accepted' : result.code).toBe(code);
    expect(exceptRefusalRecords(await region.snapshot())).toBe(exceptRefusalRecords(before));
  });

  it('accepts the valid input in the same region, so each refusal above is due to the bad part', async () => {
    const result = await region.call(as, op, withIds(base, start) as never);
    expect(result.ok ? 'accepted' : result.code).toBe('accepted');
  });
});

describe('listInbox paging', () => {
  let region: Region;
  beforeAll(async () => {
    region = await openRegion();
    await prepareGpStart(region);
    const network = (await region.must('p-jansen', 'readClient', { clientId: 'c-pietersen' })).networks[0]!;
    await region.must('p-jansen', 'startConversation', { networkId: network.id, subject: 'Tweede', inboxIds: ['inbox-assistentes'], messageId: 'm-twee', text: 'Nog een vraag.' });
  });
  afterAll(() => region.dispose());

  it('the cursor a page returns is accepted as `before` and gives the next page', async () => {
    const first = await region.must('p-elamrani', 'listInbox', { via: 'inbox-assistentes', limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = await region.must('p-elamrani', 'listInbox', { via: 'inbox-assistentes', limit: 1, before: first.next! });
    expect(second.items.map((i) => i.conversationId)).not.toEqual(first.items.map((i) => i.conversationId));
    expect(second.items).toHaveLength(1);
    expect(second.next).toBeNull();
  });
});
