import fc from 'fast-check';
import { AUTH_ROUTES, SSO_ROUTES } from '../../../lib/contract/wire';
import { operations, type OpName } from '../../../lib/contract/operations';
import { SEARCHES } from '../../../server/fhir/capability';
import { SYSTEMS } from '../../../server/fhir/resources';
import { FHIR_BASE, TOKEN_PATH } from '../../../server/fhir/smart';

/** Whether an operation only reads: an audited read writes its audit record. */
const isQuery = (op: OpName) => operations[op].kind === 'query';

/**
 * Requests for the fuzz test (test/server/fuzz.test.ts): every route of the
 * server, random methods, paths, headers and bodies. Whatever a generated
 * request sends with a valid token to a route that writes is refused by
 * construction (a guaranteed defect, or ids of nothing stored), so a 2xx
 * from a writing route means the server accepted what it must not.
 */

export const OPS = Object.keys(operations) as OpName[];
export const AUTH = Object.keys(AUTH_ROUTES) as (keyof typeof AUTH_ROUTES)[];

/** Auth routes whose valid input is `{}` (or an empty body): with a valid token they would succeed and write. */
export const AUTH_EMPTY_INPUT_WRITES: readonly string[] = ['sign-out', 'event-ticket', 'mail-settings'];
/** Auth routes that change nothing when they succeed. */
/**
 * Auth routes whose 2xx changes no record: a reset request for an address without an account answers
 * as one with an account would (that is its point) and counts only in the throttle; the mail status is a read.
 */
const AUTH_READ_ONLY: readonly string[] = ['request-password-reset', 'mail-status'];

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What the request is aimed at, for messages. */
  route: string;
  /** A 2xx answer to this request would have written something. */
  writes: boolean;
}

/** Tokens the test signed in with before fuzzing. */
export interface Tokens {
  /** A care professional (GP assistant). */
  care: string;
  /** An account manager who is not a care professional. */
  manager: string;
  /** The regional administrator. */
  admin: string;
  /** A system's record API token (SMART Backend Services), when the test asked one. */
  system?: string;
}

const PRINTABLE = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
export const printable = (maxLength = 40) => fc.string({ unit: PRINTABLE, maxLength });
const idLike = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/).map((s) => `fz-${s}`);
const uuid = fc.uuid();

/**
 * One valid input per operation (ids of the demo region), the base the mutations start from: the
 * definition's own example, or one that reaches further into the input (every optional field).
 */
const DEMO_FIXTURE = { clientId: 'c-pietersen', networkId: 'net-fuzz', conversationId: 'conv-fuzz', spareClientId: 'c-hendriks', unique: 'fuzz-0001', attachmentId: 'att-fuzz' };
export const opExample = (op: OpName): Record<string, unknown> =>
  (FULLER_EXAMPLES[op] ?? operations[op].example(DEMO_FIXTURE)) as Record<string, unknown>;
const FULLER_EXAMPLES: Partial<{ [K in OpName]: Record<string, unknown> }> = {
  listInbox: { via: 'inbox-assistentes', archived: false, limit: 10, before: { lastActivity: '2025-01-01T00:00:00.000Z', id: 'p-jansen|-|conv-1' } },
  listClients: { limit: 10 },
  findClientByBsn: { bsn: '111222333' },
  createClient: { name: 'Piet Nieuw', birthDate: '1950-01-01', bsn: '999999990', carer: { name: 'Ria Nieuw', relation: 'dochter' } },
  publishConsentText: { text: 'Nieuwe standaardtekst voor toestemming, versie twee.' },
  recordConsent: { clientId: 'c-bouzid', textId: 'consent-text-v1', givenBy: { kind: 'carer', name: 'Fatima Bouzid', relation: 'dochter' }, method: 'verbal' },
  withdrawConsent: { clientId: 'c-hendriks' },
  createNetwork: { clientId: 'c-hendriks' },
  linkPatientCard: { networkId: 'net-1', system: 'Medicom', patientRef: 'P-4711' },
  inviteToPortal: { networkId: 'net-1', email: 'jan.pietersen@example.nl' },
  markPortalActivated: { networkId: 'net-1' },
  addResident: { conversationId: 'conv-1' },
  startConversation: { networkId: 'net-1', subject: 'Wondzorg', inboxIds: ['inbox-assistentes'], professionalIds: ['p-yilmaz'], messageId: 'msg-1', text: 'Hallo' },
  addParticipant: { conversationId: 'conv-1', inboxId: 'inbox-pohs' },
  postMessage: { conversationId: 'conv-1', messageId: 'msg-2', text: 'Graag uw reactie.' },
  archive: { conversationId: 'conv-1', via: 'inbox-assistentes', archived: true },
  requestHandover: { networkId: 'net-1', conversationId: 'conv-1', inboxId: 'inbox-assistentes' },
  createAccount: { name: 'Nieuwe Collega', email: 'n.collega@lombokhuisartsen.nl', role: 'assistant', isCareProfessional: true, isAccountManager: false, teamIds: ['team-lombok'] },
  deactivateAccount: { professionalId: 'p-deboer' },
  setContactPerson: { teamId: 'team-lombok', professionalId: 'p-elamrani' },
  createSharedInbox: { teamId: 'team-lombok', name: 'Spoed', guidelines: 'Alleen spoed.', memberIds: ['p-jansen'], primary: false },
  updateSharedInbox: { inboxId: 'inbox-pohs', name: 'POH-S en DM', guidelines: 'Diabetes.', memberIds: ['p-visser'] },
  readClient: { clientId: 'c-pietersen' },
  readNetwork: { networkId: 'net-1' },
  readConversation: { conversationId: 'conv-1', emergencyReason: 'Spoedeisende situatie, huisarts afwezig.' },
  accessHistory: { clientId: 'c-pietersen', from: '2025-01-01', to: '2025-12-31' },
  suggestRecipients: { networkId: 'net-1', orgId: 'org-zorgzaam' },
};

export const AUTH_EXAMPLES: Record<string, Record<string, unknown>> = {
  'sign-in': { email: 's.jansen@lombokhuisartsen.nl', password: 'geen-goed-wachtwoord' },
  'sign-out': {},
  'set-password': { token: 'x'.repeat(43), password: 'een-lang-genoeg-wachtwoord' },
  'resend-invitation': { professionalId: 'p-deboer' },
  // An address without an account: its 200 changes only the reset throttle (see AUTH_READ_ONLY).
  'request-password-reset': { email: 'niemand@lombokhuisartsen.nl' },
  'reset-password': { token: 'y'.repeat(43), password: 'een-lang-genoeg-wachtwoord' },
  'change-password': { currentPassword: 'niet-het-goede-wachtwoord', password: 'een-lang-genoeg-wachtwoord' },
  'mail-settings': { lists: { 'inbox-onbekend': false } },
  'mail-status': {},
  'totp/enrol': { password: 'niet-het-goede-wachtwoord' },
  'totp/confirm': { code: '123456' },
  'org-settings': { requireTotp: true },
  'event-ticket': {},
  'totp/reset': { professionalId: 'p-deboer' },
  // A code of no sign-in through a provider: refused, whoever sends it.
  'oidc/exchange': { nz_code: 'x'.repeat(43) },
};

/** Fields that name stored records: a valid shape with fresh ids names nothing and is refused (not-found or a right). */
const ID_FIELDS: Partial<Record<OpName, string[]>> = {
  recordConsent: ['clientId'], withdrawConsent: ['clientId'], createNetwork: ['clientId'], linkPatientCard: ['networkId'],
  inviteToPortal: ['networkId'], markPortalActivated: ['networkId'], addResident: ['conversationId'],
  startConversation: ['networkId'], addParticipant: ['conversationId'], postMessage: ['conversationId'], archive: ['conversationId'],
  requestHandover: ['networkId', 'conversationId'], deactivateAccount: ['professionalId'], setContactPerson: ['teamId'],
  createSharedInbox: ['teamId'], updateSharedInbox: ['inboxId'], readClient: ['clientId'], readNetwork: ['networkId'],
  readConversation: ['conversationId'], accessHistory: ['clientId'], suggestRecipients: ['networkId'],
  listInbox: ['via'],
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A JSON value of another type than `v` (so a schema that wants v's type refuses it). */
function otherType(v: unknown): fc.Arbitrary<Json> {
  const all: [string, fc.Arbitrary<Json>][] = [
    ['string', fc.string({ maxLength: 20 })],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>, { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>, { maxKeys: 3 })],
  ];
  const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  return fc.oneof(...all.filter(([k]) => k !== kind).map(([, a]) => a));
}

/** Paths to every value inside `v` (the root is []). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), value);
  return copy;
}

/**
 * A valid example made invalid for certain. First a few random changes
 * anywhere (which may or may not matter), then, last and at the top level
 * where every input schema is strict, one defect that always matters: a key
 * the schema does not know, a field of another JSON type than it should
 * have, a string longer than any field allows (30,000 characters), a
 * string with U+0000 or a lone surrogate in it, or a body that is not an
 * object at all.
 */
export function brokenInput(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const where = paths(example).filter((p) => p.length > 0);
  const fields = Object.keys(example);
  const noise = where.length
    ? fc.array(fc.tuple(fc.constantFrom(...where), fc.jsonValue({ maxDepth: 1 })), { maxLength: 2 })
    : fc.constant([] as [(string | number)[], unknown][]);
  const defects: fc.Arbitrary<(v: Record<string, unknown>) => unknown>[] = [
    fc.tuple(fc.stringMatching(/^[a-zA-Z_$][\w$]{0,12}$/), fc.jsonValue({ maxDepth: 2 }))
      .filter(([k]) => !Object.hasOwn(example, k))
      .map(([k, x]) => (v) => ({ ...v, [k]: x })),
    otherType({}).map((x) => () => x),
  ];
  if (fields.length) {
    defects.push(
      fc.constantFrom(...fields).chain((f) => otherType(example[f]).map((x) => (v: Record<string, unknown>) => ({ ...v, [f]: x }))),
      fc.constantFrom(...fields).map((f) => (v: Record<string, unknown>) => ({ ...v, [f]: 'x'.repeat(30_000) })),
    );
  }
  // Unstorable text (security row 10): U+0000 or a lone surrogate in a string field, the rest valid.
  const textFields = fields.filter((f) => typeof example[f] === 'string');
  if (textFields.length) {
    defects.push(fc.tuple(fc.constantFrom(...textFields), fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\u0000b'))
      .map(([f, bad]) => (v: Record<string, unknown>) => ({ ...v, [f]: `${String(example[f])}${bad}` })));
  }
  return fc.tuple(noise, fc.oneof(...defects)).map(([changes, defect]) => {
    let v: unknown = example;
    for (const [p, x] of changes) {
      let parent: unknown = v;
      for (const k of p.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[k];
      if (parent && typeof parent === 'object') v = setAt(v, p, x);
    }
    return defect(v as Record<string, unknown>);
  });
}

/** A valid shape whose ids name nothing stored. */
export function validShapeFreshIds(op: OpName): fc.Arbitrary<Record<string, unknown>> | undefined {
  const fields = ID_FIELDS[op];
  if (!fields) return undefined;
  return fc.array(idLike, { minLength: fields.length, maxLength: fields.length })
    .map((ids) => ({ ...opExample(op), ...Object.fromEntries(fields.map((f, i) => [f, ids[i]])) }));
}

const jsonText = (v: unknown) => JSON.stringify(v);

/** A body: nothing, blank, text, bytes, any JSON, or deeply nested JSON. */
export const randomBody: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t', 'null', 'true', '0', '""', '[]', '{', '}', '{"a":', '\u0000', '\ufeff{}', 'undefined', 'NaN', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}') },
  { weight: 3, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(jsonText) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).chain((n) => fc.constantFrom('[', '{"a":').map((open) => open.repeat(n))) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
);

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'text/html', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x', 'application/octet-stream', 'application/xml', 'application/json; charset=latin1', '*/*', '',
];

export function headersArb(tokens: Tokens): fc.Arbitrary<{ headers: Record<string, string>; validToken: boolean }> {
  const auth = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.constantFrom(tokens.care, tokens.manager, tokens.admin, ...(tokens.system ? [tokens.system] : [])).map((t) => `Bearer ${t}`) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        printable(80).map((s) => `Bearer ${s}`),
        fc.stringMatching(/^[A-Za-z0-9_-]{20,200}$/).map((s) => `Bearer ${s}`),
        fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic dXNlcjpwYXNz', `Bearer ${tokens.care} `, `Bearer ${tokens.care}x`, `bearer ${tokens.care}`,
          `Bearer  ${tokens.care}`, `Token ${tokens.care}`, `Bearer ${tokens.care.slice(0, -1)}`, `Bearer ${'A'.repeat(201)}`),
        printable(120),
      ),
    },
  );
  const extra = fc.dictionary(
    fc.oneof(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/).map((s) => `X-Fz-${s}`),
      fc.constantFrom('Accept', 'Accept-Encoding', 'Accept-Language', 'Cookie', 'Range', 'If-None-Match', 'X-Forwarded-For', 'Forwarded',
        'X-Real-IP', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'X-HTTP-Method-Override', 'Referer', 'User-Agent'),
    ),
    printable(60),
    { maxKeys: 4 },
  );
  return fc.record({
    auth,
    contentType: fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), printable(40)), { nil: undefined }),
    key: fc.option(fc.oneof(uuid, printable(30), fc.constantFrom('', 'short', 'x'.repeat(129), 'with space key', 'ünïcödé-key')), { nil: undefined }),
    source: fc.option(fc.oneof(fc.constantFrom('sidepanel', 'widget', 'server', 'SIDEPANEL'), printable(20)), { nil: undefined }),
    origin: fc.option(fc.oneof(fc.constantFrom('null', `chrome-extension://${'a'.repeat(32)}`, 'https://evil.example', 'moz-extension://x'), printable(40)), { nil: undefined }),
    extra,
  }).map(({ auth: a, contentType, key, source, origin, extra: more }) => {
    const headers: Record<string, string> = { ...more };
    if (a !== undefined) headers.Authorization = a;
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    if (key !== undefined) headers['Idempotency-Key'] = key;
    if (source !== undefined) headers['X-Netwerkzorg-Source'] = source;
    if (origin !== undefined) headers.Origin = origin;
    // fetch trims header values (as browsers do), so a token with spaces around it arrives valid.
    const validToken = a !== undefined && [tokens.care, tokens.manager, tokens.admin].some((t) => a.trim() === `Bearer ${t}`);
    return { headers, validToken };
  });
}

// --- the record API (FHIR R4, server/fhir) -------------------------------------------------------------

export const FHIR_TYPES = Object.keys(SEARCHES);
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const base64url = (s: string) => Buffer.from(s).toString('base64url');

/** What the fuzz test added before fuzzing the record API: ids of its records, `_cursor`s of real next links, client assertions. */
export interface FhirSeeds {
  ids: string[];
  cursors: string[];
  /** Signed client assertions the token endpoint refuses for certain (another audience or key, expired, valid too long, no jti). */
  refused: string[];
  /** A client assertion the token endpoint would take: only ever sent broken. */
  good?: string;
}
const NO_SEEDS: FhirSeeds = { ids: [], cursors: [], refused: [] };

/** The demo region's ids a record system would name. */
const DEMO_IDS = ['c-pietersen', 'c-hendriks', 'c-bouzid', 'org-hap-lombok', 'org-zorgzaam', 'org-buurtteam', 'p-jansen', 'p-devries', 'inbox-assistentes', 'consent-text-v1'];
const BSNS = ['111222333', '123456782', '234567806'];

const fhirIdArb = (seeds: FhirSeeds) => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DEMO_IDS, ...seeds.ids) },
  { weight: 2, arbitrary: idLike },
  { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(65), 'a b', '..', '%2e%2e', '__proto__', 'constructor', 'c-pietersen/_history/1', 'c-pietersen|x') },
  { weight: 1, arbitrary: printable(70) },
);

/** A reference parameter's value: mostly `{type}/{id}`, then bare ids, other types, absolute URLs and junk. */
const referenceArb = (type: string, seeds: FhirSeeds) => fc.oneof(
  { weight: 4, arbitrary: fhirIdArb(seeds).map((id) => `${type}/${id}`) },
  { weight: 1, arbitrary: fhirIdArb(seeds) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('Patient', 'Organization', 'Group', 'patient', ''), fhirIdArb(seeds)).map(([t, id]) => `${t}/${id}`) },
  { weight: 1, arbitrary: fc.constantFrom(`${type}/`, `http://elders.example/fhir/${type}/c-pietersen`, `${type}/\u0000`, `${type}/c-pietersen\u0000`, `${type}/\ud800`) },
);

const instantArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('2026-13-45', '2026-02-30T00:00:00Z', '2026-01-01T25:61:61Z', '2026-01-01T::Z', '2026-01-01T00:00:00', '2026-01-01T00:00:00+99:99',
      '0000-00-00', '9999-12-31T23:59:59.999999999Z', '2026-01-01T1Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '1e3', ''),
  },
  { weight: 1, arbitrary: printable(30) },
);
/** A date parameter: a prefix (the ones it takes, others, none) and an instant, a day or junk. */
const dateArb = (prefixes: string[]) => fc.tuple(fc.constantFrom(...prefixes, 'gt', 'lt', 'eq', 'ne', 'sa', 'ap', '', 'GE'), instantArb).map(([p, v]) => p + v);

const countArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('0', '-1', '1', '2', '50', '100', '101', '1e2', '1.5', ' 5', '0x10', 'Infinity', 'NaN', '', '99999999999999999999999', `1${'0'.repeat(400)}`, 'abc', '+5', '٥'),
);

/** `_cursor`: junk, base64url of anything, keysets of every shape, and the real ones the test collected, whole or broken. */
const cursorArb = (seeds: FhirSeeds) => {
  // A keyset's id as stored (U+0000 and lone surrogates are what PostgreSQL cannot take), then anything.
  const keyId = fc.oneof(idLike, fc.constantFrom('', '\u0000', 'a\u0000b', '\ud800', '\udfff', '\uffff', 'x'.repeat(64), 'x'.repeat(65)), printable(70), fc.string({ maxLength: 10 }));
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: printable(60) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString('base64url')) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => base64url(JSON.stringify(v))) },
    { weight: 4, arbitrary: fc.tuple(fc.oneof(instantArb, fc.constant('2026-01-01T00:00:00.000Z')), keyId).map((k) => base64url(JSON.stringify(k))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('=', 'bm9wZQ', base64url('[null,null]'), base64url('["2026-01-01T00:00:00.000Z",1]'), base64url('{"0":"2026-01-01T00:00:00.000Z","1":"x"}'), 'A'.repeat(10_000)),
    },
  ];
  if (seeds.cursors.length) {
    const real = fc.constantFrom(...seeds.cursors);
    options.push({ weight: 2, arbitrary: real }, { weight: 1, arbitrary: fc.tuple(real, fc.nat(), printable(3)).map(([c, i, s]) => `${c.slice(0, i % c.length)}${s}${c.slice((i % c.length) + 1)}`) });
  }
  return fc.oneof(...options);
};

/** A value for a search parameter, by its name. */
function fhirValueArb(name: string, seeds: FhirSeeds): fc.Arbitrary<string> {
  switch (name) {
    case 'identifier':
      return fc.oneof(
        fc.oneof(fc.constantFrom(...BSNS), fc.stringMatching(/^\d{0,12}$/), printable(20)).map((b) => `${SYSTEMS.bsn}|${b}`),
        fc.constantFrom(`${SYSTEMS.bsn}|`, '|111222333', '111222333', `${SYSTEMS.bsn}|111222333|x`, `${SYSTEMS.bsn.toUpperCase()}|111222333`),
        printable(60),
      );
    case 'subject': case 'patient': case 'entity': return referenceArb('Patient', seeds);
    case 'owner': case 'organization': return referenceArb('Organization', seeds);
    case 'status': return fc.oneof(fc.constantFrom('requested', 'completed', 'open', 'cancelled', '', 'REQUESTED', 'requested,completed'), printable(20));
    case 'date': return dateArb(['ge', 'le']);
    case '_lastUpdated': return dateArb(['gt', 'ge']);
    case '_count': return countArb;
    case '_cursor': return cursorArb(seeds);
    default: return printable(40);
  }
}

/** A search each type answers with results (when the reader may see them). */
const VALID_SEARCH: Record<string, [string, string][]> = {
  Patient: [['identifier', `${SYSTEMS.bsn}|111222333`]], Consent: [['patient', 'Patient/c-pietersen']], CareTeam: [['patient', 'Patient/c-pietersen']],
  Communication: [['subject', 'Patient/c-pietersen']], Task: [['owner', 'Organization/org-hap-lombok']], AuditEvent: [['entity', 'Patient/c-pietersen']],
  Organization: [], PractitionerRole: [['organization', 'Organization/org-hap-lombok']],
};
const OTHER_PARAMS = ['_id', '_include', '_format', '_sort', '_summary', 'text', '__proto__', 'constructor', 'subject:missing', 'date ', '', '_COUNT', 'identifier', 'date'];

/** Types with paged searches come up more often: their keysets and date ranges reach SQL. */
const SEARCHED_TYPE = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Communication', 'AuditEvent') },
  { weight: 1, arbitrary: fc.constantFrom(...FHIR_TYPES) },
);

/**
 * A search: usually the type's own search with one of its parameters (or a foreign one) given a random
 * or malformed value, so that value is what gets judged; sometimes more random (and repeated) parameters
 * or a raw query.
 */
function fhirSearchArb(seeds: FhirSeeds): fc.Arbitrary<string> {
  return SEARCHED_TYPE.chain((type) => {
    const own = [...SEARCHES[type]!.map((p) => p.name), '_count', '_cursor'];
    const param = fc.oneof(
      { weight: 2, arbitrary: fc.constant('_cursor') }, { weight: 4, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_PARAMS) },
    ).chain((name) => fhirValueArb(name, seeds).map((v): [string, string] => [name, v]));
    const raw = fc.constantFrom('%ZZ', '&&', '=', '_count', '_count=', '%00=1', 'subject=%E0%A4%A', '_count=1&_count=2', 'a=b=c', `_cursor=${'%'.repeat(3)}`);
    return fc.tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      param,
      fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(param, { maxLength: 3 }) }),
      fc.option(raw, { freq: 8 }),
    ).map(([valid, focus, more, extra]) => {
      const q = new URLSearchParams([...(valid ? VALID_SEARCH[type]! : []), focus, ...more]).toString();
      return `${FHIR_BASE}/${type}?${[q, extra].filter(Boolean).join('&')}`;
    });
  });
}

/** Any path of the record API: metadata, reads of every type (and of types it does not have), searches, near misses. */
export function fhirPathArb(seeds: FhirSeeds = NO_SEEDS): fc.Arbitrary<string> {
  const typeArb = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...FHIR_TYPES) },
    { weight: 1, arbitrary: fc.constantFrom('Observation', 'patient', 'PATIENT', '__proto__', 'constructor', 'hasOwnProperty', 'metadata', 'auth', 'Bundle', '%00', '%E0%A4%A') },
  );
  return fc.oneof(
    { weight: 6, arbitrary: fhirSearchArb(seeds) },
    { weight: 4, arbitrary: fc.tuple(typeArb, fhirIdArb(seeds)).map(([t, id]) => `${FHIR_BASE}/${t}/${encodeURIComponent(id)}`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(`${FHIR_BASE}/metadata`, `${FHIR_BASE}/metadata?_format=xml`, `${FHIR_BASE}/.well-known/smart-configuration`, FHIR_BASE, `${FHIR_BASE}/`,
        `${FHIR_BASE}/Patient/c-pietersen/_history`, `${FHIR_BASE}/Patient/c-pietersen/x/y`, '/fhir/R4/metadata', '/fhir/r5/metadata', '/fhir', `${FHIR_BASE}/auth`,
        `${FHIR_BASE}/%00`, `${FHIR_BASE}/Patient/%E0%A4%A`, `${FHIR_BASE}/Patient/%ZZ`, `${FHIR_BASE}/Patient/..%2F..%2Fapi%2Fv1%2Fhealth`, `${FHIR_BASE}//Patient`),
    },
  );
}

/** The FHIR route a path is aimed at, for messages. */
const fhirRoute = (path: string) => path.split('?')[0]!;

/** Mostly someone who sees Jan Pietersen's record (the care professional, the system), so the parameters get as far as the reads. */
const fhirAuthArb = (tokens: Tokens) => fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.constantFrom(tokens.care, ...(tokens.system ? [tokens.system] : [])).map((t) => `Bearer ${t}`) },
  { weight: 2, arbitrary: fc.constantFrom(tokens.manager, tokens.admin).map((t) => `Bearer ${t}`) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      printable(80).map((s) => `Bearer ${s}`),
      fc.constantFrom('Bearer', 'Basic ZnotaGlzOng=', `Bearer ${(tokens.system ?? tokens.care).slice(0, -1)}`, `Bearer ${tokens.system ?? tokens.care}x`, `bearer ${tokens.system ?? tokens.care}`),
    ),
  },
);

/** A read or search of the record API with a person's or a system's token (or none, or a broken one), random parameters, odd headers. */
export function fhirRequestArb(tokens: Tokens, seeds: FhirSeeds): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(
    fc.oneof({ weight: 9, arbitrary: fc.constant('GET') }, { weight: 1, arbitrary: fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS') }),
    fhirPathArb(seeds),
    fhirAuthArb(tokens),
    fc.option(fc.constantFrom('application/fhir+json', 'application/json', 'application/fhir+xml', '*/*', 'text/html', ''), { nil: undefined }),
    headersArb(tokens).map((h) => h.headers),
  ).map(([method, path, auth, accept, more]) => {
    const headers: Record<string, string> = { ...more };
    delete headers.Authorization;
    if (auth !== undefined) headers.Authorization = auth;
    if (accept !== undefined) headers.Accept = accept;
    return described({ method, path, headers, route: fhirRoute(path), writes: false }, tokens);
  });
}

/** A client assertion for the token endpoint that it must refuse: junk, JWT-shaped junk, refused signed ones, the good one broken. */
function assertionArb(seeds: FhirSeeds): fc.Arbitrary<string> {
  const segment = fc.jsonValue({ maxDepth: 2 }).map((v) => base64url(JSON.stringify(v)));
  const header = fc.oneof(
    fc.constantFrom({ alg: 'none' }, { alg: 'HS256' }, { alg: 'ES384', kid: 'fz-his-1', typ: 'JWT' }, { alg: 'ES384', crit: ['b64'], b64: false }, { alg: 'RS384' },
      { alg: 'ES384', jku: 'https://elders.example/jwks' }, { alg: 'ES384', jwk: { kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' } }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  ).map((h) => base64url(JSON.stringify(h)));
  const claims = fc.record({
    iss: fc.oneof(fc.constantFrom('fz-his', 'fz-unknown', '__proto__', 'hasOwnProperty', 'constructor'), fc.jsonValue({ maxDepth: 1 })),
    sub: fc.oneof(fc.constant('fz-his'), fc.jsonValue({ maxDepth: 1 })),
    aud: fc.oneof(fc.constant(`http://127.0.0.1${TOKEN_PATH}`), fc.jsonValue({ maxDepth: 1 })),
    exp: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, -1, 2 ** 53), fc.string({ maxLength: 10 })),
    jti: fc.oneof(fc.uuid(), fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('', '\u0000', 'x'.repeat(1000))),
  }, { requiredKeys: [] }).map((c) => base64url(JSON.stringify(c)));
  const options: fc.Arbitrary<string>[] = [
    printable(100),
    fc.constantFrom('', '.', '..', 'a.b.c', 'eyJ.eyJ.', 'x'.repeat(8193), `${'A'.repeat(4000)}.${'A'.repeat(4000)}.AA`),
    fc.tuple(header, fc.oneof(claims, segment), fc.oneof(fc.constant(''), fc.uint8Array({ maxLength: 96 }).map((b) => Buffer.from(b).toString('base64url')))).map((p) => p.join('.')),
  ];
  if (seeds.refused.length) options.push(fc.constantFrom(...seeds.refused));
  if (seeds.good) options.push(broken(seeds.good));
  return fc.oneof(...options);
}

/**
 * A signed assertion changed so its signature no longer holds: a signature character, a claim (with one
 * added, so the claims differ for certain), the header, a cut, a segment more or less.
 */
function broken(jwt: string): fc.Arbitrary<string> {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  return fc.oneof(
    fc.nat({ max: s.length - 1 }).map((i) => `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`),
    fc.tuple(fc.constantFrom('iss', 'sub', 'aud', 'exp', 'jti', 'scope'), fc.jsonValue({ maxDepth: 1 }))
      .map(([k, v]) => `${h}.${base64url(JSON.stringify({ ...claims, [k]: v, fz: 1 }))}.${s}`),
    fc.constantFrom({ alg: 'none' }, { alg: 'ES384', kid: 'fz-his-1', typ: 'JWT' }, { alg: 'ES256', kid: 'fz-his-1' }, { alg: 'HS384', kid: 'fz-his-1' })
      .chain((head) => fc.constantFrom(s, '').map((sig) => `${base64url(JSON.stringify(head))}.${p}.${sig}`)),
    fc.nat({ max: jwt.length - 1 }).map((n) => jwt.slice(0, n)),
    fc.constantFrom(`${jwt}.`, `${jwt}.x`, `${h}.${p}`, `${h}..${s}`, `.${p}.${s}`, `${p}.${h}.${s}`, jwt.toUpperCase()),
  );
}

/** The token endpoint's fields: mostly the right grant and assertion type (so the assertion is looked at), sometimes not, repeated, or absent. */
function tokenFieldsArb(seeds: FhirSeeds): fc.Arbitrary<[string, string][]> {
  const field = (name: string, right: string, wrong: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 12, arbitrary: fc.constant([[name, right]]) }, { weight: 1, arbitrary: wrong.map((v) => [[name, v]]) }, { weight: 1, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: wrong.map((v) => [[name, right], [name, v]]) }) as fc.Arbitrary<[string, string][]>;
  return fc.tuple(
    field('grant_type', 'client_credentials', fc.oneof(fc.constantFrom('authorization_code', 'password', 'refresh_token', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'CLIENT_CREDENTIALS', 'client_credentials ', ''), printable(30))),
    field('client_assertion_type', ASSERTION_TYPE, fc.oneof(fc.constantFrom(ASSERTION_TYPE.toUpperCase(), `${ASSERTION_TYPE} `, 'jwt', ''), printable(40))),
    assertionArb(seeds).map((a) => [['client_assertion', a]] as [string, string][]),
    fc.option(fc.oneof(fc.constantFrom('system/*.rs', 'system/Patient.rs system/Communication.rs', 'system/*.cruds', 'patient/*.read', 'openid', '', 'system/'), printable(60)), { nil: undefined }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom('client_id', 'client_secret', 'aud', '__proto__'), fc.stringMatching(/^[a-z_]{1,10}$/)), printable(30)), { maxLength: 2 }),
  ).chain(([grant, type, assertion, scope, extra]) => {
    const fields = [...grant, ...type, ...assertion, ...(scope !== undefined ? [['scope', scope] as [string, string]] : []), ...extra];
    return fc.shuffledSubarray(fields, { minLength: fields.length });
  });
}

/** Fields as multipart/form-data, by hand (a part may be a file: then it is no text field). */
const multipart = (fields: [string, string][], asFile: boolean) =>
  `${fields.map(([k, v], i) => `------fz\r\nContent-Disposition: form-data; name="${k}"${asFile && i === 0 ? '; filename="a.jwt"' : ''}\r\n\r\n${v}\r\n`).join('')}------fz--\r\n`;

/** `POST` to the SMART token endpoint: its fields as a form, as multipart, as JSON, or a random body, with a fitting or wrong Content-Type. */
export function tokenRequestArb(tokens: Tokens, seeds: FhirSeeds): fc.Arbitrary<FuzzRequest> {
  const FORM = 'application/x-www-form-urlencoded';
  const how = fc.oneof({ weight: 4, arbitrary: fc.constant('form') }, { weight: 2, arbitrary: fc.constant('multipart') }, { weight: 1, arbitrary: fc.constantFrom('multipart-file', 'json') });
  const fitting = fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  const encoded = fc.tuple(tokenFieldsArb(seeds), how, fitting).map(([fields, how, fitting]) => {
    const body = how === 'form' ? new URLSearchParams(fields).toString()
      : how === 'json' ? JSON.stringify(Object.fromEntries(fields))
      : multipart(fields, how === 'multipart-file');
    const type = how === 'form' ? FORM : how === 'json' ? 'application/json' : 'multipart/form-data; boundary=----fz';
    return { body: body as string | Uint8Array | undefined, type: fitting ? type : (how === 'form' ? 'text/plain' : FORM) as string | undefined };
  });
  return fc.tuple(
    fc.oneof({ weight: 9, arbitrary: encoded }, { weight: 1, arbitrary: fc.tuple(randomBody, fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES, FORM), printable(40)), { nil: undefined })).map(([body, type]) => ({ body, type })) }),
    fc.oneof({ weight: 9, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'PATCH') }),
    fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fhirAuthArb(tokens) }),
  ).map(([{ body, type }, method, auth]) => {
    const headers: Record<string, string> = {};
    if (type !== undefined) headers['Content-Type'] = type;
    if (auth !== undefined) headers.Authorization = auth;
    return described({ method, path: TOKEN_PATH, headers, body: method === 'GET' ? undefined : body, route: TOKEN_PATH, writes: method === 'POST' }, tokens);
  });
}

// Methods Node's HTTP parser knows; it refuses others (400, then closes the socket, which races a client
// still sending): those are sent on a raw socket in the fuzz test, where the answer can be read.
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'SEARCH'];

/** Every route the server has, and paths near them that it does not. */
const pathArb: fc.Arbitrary<{ path: string; route: string }> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...OPS).map((op) => ({ path: `/api/v1/ops/${op}`, route: `ops/${op}` })) },
  { weight: 4, arbitrary: fc.constantFrom(...AUTH).map((r) => ({ path: `/api/v1/auth/${r}`, route: `auth/${r}` })) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('/api/v1/events', '/api/v1/docs', '/api/v1/openapi.json', '/api/v1/health', '/activate', '/', '/api/v1/auth/org-settings',
      '/reset-password', '/forgot-password', '/open', '/api/v1/auth/mail-settings', '/api/v1/auth/mail-status', '/api/v1/mail/unsubscribe',
      '/api/v1/mail/unsubscribe?t=eyJhIjoxfQ.AAAAAAAAAAAAAAAAAAAAAA', '/api/v1/attachments', '/api/v1/attachments/att-fuzz',
      '/api/v1/attachments/att-fuzz/thumbnail', '/api/v1/attachments/%00', '/api/v1/attachments/../ops/session',
      // Sign-in through an organisation's provider: its start (allowed and refused returns), callback and back-channel logout.
      `/api/v1/auth/oidc/org-hap-lombok/start?return=${encodeURIComponent('https://cbdochepajajcahpomnhehgjmgccdjih.chromiumapp.org/sso')}`,
      '/api/v1/auth/oidc/org-hap-lombok/start?return=https%3A%2F%2Fevil.example%2F', '/api/v1/auth/oidc/%00/start', '/api/v1/auth/oidc/__proto__/start?return=x',
      '/api/v1/auth/oidc/callback', '/api/v1/auth/oidc/callback?state=x&code=y', '/api/v1/auth/oidc/callback?error=access_denied&state=%ZZ',
      SSO_ROUTES['backchannel-logout'].path, '/embed/signed-in', '/embed/signed-in?nz_code=%00', '/embed/signed-in.js',
      SSO_ROUTES['frontchannel-logout'].path, `${SSO_ROUTES['frontchannel-logout'].path}?sid=%00`, `${SSO_ROUTES['frontchannel-logout'].path}?iss=%ZZ&sid=${'x'.repeat(300)}`)
      .map((p) => ({ path: p, route: p })),
  },
  { weight: 3, arbitrary: fc.oneof(fhirPathArb(), fc.constant(TOKEN_PATH)).map((p) => ({ path: p, route: fhirRoute(p) })) },
  { weight: 1, arbitrary: printable(30).map((t) => ({ path: `/api/v1/events?ticket=${encodeURIComponent(t)}`, route: '/api/v1/events?ticket' })) },
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.constantFrom('/api/v1/ops/__proto__', '/api/v1/ops/constructor', '/api/v1/ops/toString', '/api/v1/ops/hasOwnProperty', '/api/v1/ops/',
        '/api/v1/ops', '/api/v1/ops/session/extra', '/api/v1/ops/%ZZ', '/api/v1/ops/%00', '/api/v1/ops/%E0%A4%A', '/api/v1/ops/session%2F..%2F',
        '/api/v1/ops/SESSION', '/api/v1/auth/', '/api/v1/auth/totp', '/api/v1/auth/sign-in/', '/api/v2/ops/session', '/api', '/api/',
        '//api//v1//ops//session', '/api/v1/ops/session?x=%ZZ', '/api/v1/ops/session#frag', '/.env', '/node_modules/', '/server/main.ts',
        `/api/v1/ops/${'a'.repeat(2000)}`, '/api/v1/events/x', '/activate/x', '/api/v1/docs/../openapi.json'),
      printable(60).map((s) => `/${s.replace(/[#?]/g, '')}`),
      fc.array(fc.stringMatching(/^[A-Za-z0-9._~%-]{0,12}$/), { maxLength: 5 }).map((seg) => `/api/v1/${seg.join('/')}`),
    ).map((p) => ({ path: p, route: 'unknown' })),
  },
);

const bodyFor = (route: string, validToken: boolean): fc.Arbitrary<string | Uint8Array | undefined> => {
  const op = route.startsWith('ops/') ? (route.slice(4) as OpName) : undefined;
  const auth = route.startsWith('auth/') ? route.slice(5) : undefined;
  const example = op ? opExample(op) : auth ? AUTH_EXAMPLES[auth] : undefined;
  const options: fc.Arbitrary<string | Uint8Array | undefined>[] = [randomBody];
  if (example) {
    options.push(brokenInput(example).map(jsonText));
    if (!validToken || (op && isQuery(op))) options.push(fc.constant(jsonText(example)));
  }
  const fresh = op && validShapeFreshIds(op);
  if (fresh) options.push(fresh.map(jsonText));
  return fc.oneof(...options);
};

/** Whether a 2xx to this request would have changed something. */
export function writes(method: string, route: string): boolean {
  if (method !== 'POST') return false;
  // R20: an upload a random body passed would be stored (it never does: no random bytes are a photo or a PDF).
  if (route === '/api/v1/attachments') return true;
  // A token asked with a client assertion: it spends the assertion's jti and stores the token.
  if (route === TOKEN_PATH) return true;
  // A logout token that passed would end sessions.
  if (route === SSO_ROUTES['backchannel-logout'].path) return true;
  if (route.startsWith('ops/')) return !isQuery(route.slice(4) as OpName);
  if (route.startsWith('auth/')) return !AUTH_READ_ONLY.includes(route.slice(5));
  return false;
}

/** With a valid token, an empty object is accepted by these routes (and they write): give them something else. */
function refusable(route: string, validToken: boolean, body: string | Uint8Array | undefined): string | Uint8Array | undefined {
  if (!validToken || !AUTH_EMPTY_INPUT_WRITES.includes(route.slice(5))) return body;
  // The server reads the body as UTF-8 text (a byte-order mark dropped), as fetch's decoder does.
  const text = (body instanceof Uint8Array ? new TextDecoder().decode(body) : new TextDecoder().decode(new TextEncoder().encode(body ?? ''))).replace(/^\ufeff/, '');
  if (!text.trim()) return '{"fuzz":1}';
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return '{"fuzz":1}';
  } catch {
    /* not JSON: refused */
  }
  return body;
}

/** One line for a failure message: the request with its tokens replaced by who they belong to, and its body cut short. */
export function describeRequest(r: FuzzRequest, tokens: Tokens): string {
  const hide = (s: string) => {
    const named = s.split(tokens.care).join('<care-token>').split(tokens.manager).join('<manager-token>').split(tokens.admin).join('<admin-token>');
    return tokens.system ? named.split(tokens.system).join('<system-token>') : named;
  };
  const body = r.body === undefined ? '(none)'
    : typeof r.body === 'string' ? JSON.stringify(r.body.slice(0, 200)) + (r.body.length > 200 ? `… (${r.body.length} chars)` : '')
    : `${r.body.length} bytes`;
  return `${r.method} ${r.path.slice(0, 200)} headers ${hide(JSON.stringify(r.headers))} body ${body}`;
}

/** Makes fast-check print a counterexample as describeRequest does (a deep body would fill the screen). */
export function described(r: FuzzRequest, tokens: Tokens): FuzzRequest {
  return Object.assign(r, { [fc.toStringMethod](this: FuzzRequest) { return describeRequest(this, tokens); } });
}

/** Any request to any route. */
export function requestArb(tokens: Tokens): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(
    fc.oneof({ weight: 6, arbitrary: fc.constant('POST') }, { weight: 4, arbitrary: fc.constantFrom(...METHODS) }),
    pathArb,
    headersArb(tokens),
  ).chain(([method, { path, route }, { headers, validToken }]) =>
    bodyFor(route, validToken).map((body): FuzzRequest => {
      const noBody = method === 'GET' || method === 'HEAD';
      return described({
        method, path, headers, route,
        body: noBody ? undefined : refusable(route, validToken, body),
        writes: writes(method, route),
      }, tokens);
    }));
}

/** A valid token and a random, broken or fresh-id input for one operation: always refused unless the operation is a query. */
export function opRequestArb(tokens: Tokens): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(
    fc.constantFrom(...OPS),
    fc.constantFrom(tokens.care, tokens.manager, tokens.admin),
    fc.oneof({ weight: 9, arbitrary: uuid }, { weight: 1, arbitrary: printable(140) }),
    fc.option(fc.constantFrom('sidepanel', 'widget', 'server', 'elsewhere'), { nil: undefined }),
  ).chain(([op, token, key, source]) => {
    const fresh = validShapeFreshIds(op);
    const bodies: fc.Arbitrary<string>[] = [
      brokenInput(opExample(op)).map(jsonText),
      fc.jsonValue({ maxDepth: 3 }).map(jsonText).filter((t) => isQuery(op) || !/^\{\}$/.test(t)),
    ];
    if (fresh) bodies.push(fresh.map(jsonText));
    if (isQuery(op)) bodies.push(fc.constant(jsonText(opExample(op))));
    return fc.oneof(...bodies).map((body): FuzzRequest => described({
      method: 'POST',
      path: `/api/v1/ops/${op}`,
      headers: {
        'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key,
        ...(source ? { 'X-Netwerkzorg-Source': source } : {}),
      },
      body,
      route: `ops/${op}`,
      writes: !isQuery(op),
    }, tokens));
  });
}

/**
 * What must never be in an answer: a stack trace, a source location, an
 * error's name and message, SQL or driver errors, paths of this machine.
 * `strict` adds patterns that are fine in the static pages (which mention
 * neither) but must not appear in a refusal.
 */
export function leak(text: string, strict: boolean): string | undefined {
  const patterns: RegExp[] = [
    /\bat [^\s()]+ \([^)]*:\d+(:\d+)?\)/, /\bat (file|node):/, /\bat \/[^\s]+:\d+/, /\.(ts|tsx|mts|js|mjs|cjs):\d+/,
    /\b[A-Z]\w*Error\b/, /Error:/, /node_modules/, /\/work\//, /\/tmp\//, /\/home\//,
    /SQLSTATE|syntax error at|duplicate key|violates [\w ]*constraint/i,
    /Maximum call stack|Unexpected token|Unexpected end of JSON|is not valid JSON|Cannot read propert|undefined is not/i,
  ];
  // The API's own documentation says "does not exist" and names its database; a refusal must do neither.
  if (strict) patterns.push(/ at /, /pglite|node-postgres|postgres/i, /\bstack\b/i, /\binternal\b(?!")/i, /relation "|column "|does not exist/i);
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return `${p} matched ${JSON.stringify(text.slice(Math.max(0, m.index - 60), m.index + 80))}`;
  }
  return undefined;
}
