import type { Client, ConsentText, Organisation, Professional, Put, SharedInbox, Team } from '../domain';
import { put } from '../domain';
import { sha256Hex } from '../util/sha256';
import type { Store } from './store';

/**
 * The demo region used by training mode and by `npm start`: a GP practice,
 * a home-care provider with a district team, a neighbourhood team, the
 * regional administration, and a few clients. All data is made up.
 */
export const DEMO = {
  gp: 'org-hap-lombok',
  homecare: 'org-zorgzaam',
  neighbourhood: 'org-buurtteam',
  region: 'org-regio',
} as const;

export const CONSENT_TEXT_V1 = [
  'Toestemming digitale netwerkzorg.',
  'Ik geef toestemming dat mijn huisarts, mijn wijkverpleging en het buurtteam via een beveiligde omgeving',
  'informatie over mijn zorg met elkaar delen en daarover berichten uitwisselen, voor zover dat nodig is voor',
  'mijn zorg. Ik weet dat ik deze toestemming op elk moment kan intrekken. Daarna worden geen nieuwe berichten',
  'meer uitgewisseld; wat al gedeeld is, blijft bewaard zoals de wet voorschrijft.',
].join(' ');

type Person = Omit<Professional, 'createdAt' | 'isRegionalAdmin' | 'active'> & { isRegionalAdmin?: boolean };

const organisations: Organisation[] = [
  { id: DEMO.gp, name: 'Huisartsenpraktijk Lombok', kind: 'gp', emailDomains: ['lombokhuisartsen.nl'] },
  { id: DEMO.homecare, name: 'Thuiszorg Zorgzaam', kind: 'homecare', emailDomains: ['zorgzaam.nl'] },
  { id: DEMO.neighbourhood, name: 'Buurtteam Kanaleneiland', kind: 'neighbourhood', emailDomains: ['buurtteamsutrecht.nl'] },
  { id: DEMO.region, name: 'Netwerkzorg Regio Utrecht', kind: 'other', emailDomains: ['netwerkzorg-regio.nl'] },
];

const teams: Team[] = [
  { id: 'team-lombok', orgId: DEMO.gp, name: 'Praktijkteam Lombok', contactPersonId: 'p-jansen' },
  { id: 'team-kanaleneiland', orgId: DEMO.homecare, name: 'Kanaleneiland', contactPersonId: 'p-yilmaz' },
  { id: 'team-rivierenwijk', orgId: DEMO.homecare, name: 'Rivierenwijk', contactPersonId: 'p-dekker' },
  { id: 'team-buurt', orgId: DEMO.neighbourhood, name: 'Buurtteam Kanaleneiland', contactPersonId: 'p-ahmadi' },
  { id: 'team-regio', orgId: DEMO.region, name: 'Regiobureau', contactPersonId: 'p-hoekstra' },
];

const care = { isCareProfessional: true, isAccountManager: false };
const people: Person[] = [
  { id: 'p-devries', orgId: DEMO.gp, teamIds: ['team-lombok'], name: 'Anne de Vries', email: 'a.devries@lombokhuisartsen.nl', role: 'gp', ...care },
  { id: 'p-jansen', orgId: DEMO.gp, teamIds: ['team-lombok'], name: 'Sanne Jansen', email: 's.jansen@lombokhuisartsen.nl', role: 'assistant', ...care },
  { id: 'p-elamrani', orgId: DEMO.gp, teamIds: ['team-lombok'], name: 'Samira El Amrani', email: 's.elamrani@lombokhuisartsen.nl', role: 'assistant', ...care },
  { id: 'p-deboer', orgId: DEMO.gp, teamIds: ['team-lombok'], name: 'Eva de Boer', email: 'e.deboer@lombokhuisartsen.nl', role: 'assistant', ...care },
  { id: 'p-visser', orgId: DEMO.gp, teamIds: ['team-lombok'], name: 'Mark Visser', email: 'm.visser@lombokhuisartsen.nl', role: 'pohS', ...care },
  { id: 'p-smit', orgId: DEMO.gp, teamIds: ['team-lombok'], name: 'Lotte Smit', email: 'l.smit@lombokhuisartsen.nl', role: 'pohGgz', ...care },
  { id: 'p-mulder', orgId: DEMO.gp, teamIds: ['team-lombok'], name: 'Peter Mulder', email: 'p.mulder@lombokhuisartsen.nl', role: 'manager', isCareProfessional: false, isAccountManager: true },
  { id: 'p-yilmaz', orgId: DEMO.homecare, teamIds: ['team-kanaleneiland'], name: 'Yusuf Yilmaz', email: 'y.yilmaz@zorgzaam.nl', role: 'nurse', ...care },
  { id: 'p-degraaf', orgId: DEMO.homecare, teamIds: ['team-kanaleneiland'], name: 'Maria de Graaf', email: 'm.degraaf@zorgzaam.nl', role: 'nurse', ...care },
  { id: 'p-dekker', orgId: DEMO.homecare, teamIds: ['team-rivierenwijk'], name: 'Joost Dekker', email: 'j.dekker@zorgzaam.nl', role: 'caregiver', ...care },
  { id: 'p-bos', orgId: DEMO.homecare, teamIds: [], name: 'Henk Bos', email: 'h.bos@zorgzaam.nl', role: 'manager', isCareProfessional: false, isAccountManager: true },
  { id: 'p-ahmadi', orgId: DEMO.neighbourhood, teamIds: ['team-buurt'], name: 'Nadia Ahmadi', email: 'n.ahmadi@buurtteamsutrecht.nl', role: 'socialWorker', isCareProfessional: true, isAccountManager: true },
  { id: 'p-hoekstra', orgId: DEMO.region, teamIds: ['team-regio'], name: 'Ingrid Hoekstra', email: 'i.hoekstra@netwerkzorg-regio.nl', role: 'manager', isCareProfessional: false, isAccountManager: true, isRegionalAdmin: true },
];

const inboxes: SharedInbox[] = [
  {
    id: 'inbox-assistentes', orgId: DEMO.gp, teamId: 'team-lombok', name: 'Doktersassistentes', primary: true,
    guidelines: 'Voor alle vragen aan de praktijk, dagelijks bekeken. Wij zetten uw bericht door naar de juiste collega.',
    memberIds: ['p-jansen', 'p-elamrani'],
  },
  { id: 'inbox-pohs', orgId: DEMO.gp, teamId: 'team-lombok', name: 'POH-S', primary: false, guidelines: 'Diabetes, COPD, hart- en vaatzorg.', memberIds: ['p-visser'] },
  { id: 'inbox-pohggz', orgId: DEMO.gp, teamId: 'team-lombok', name: 'POH-GGZ', primary: false, guidelines: 'Psychische klachten en welzijn.', memberIds: ['p-smit'] },
  {
    id: 'inbox-kanaleneiland', orgId: DEMO.homecare, teamId: 'team-kanaleneiland', name: 'Wijkverpleging Kanaleneiland', primary: true,
    guidelines: 'Voor vragen over cliënten in zorg bij team Kanaleneiland.', memberIds: ['p-yilmaz', 'p-degraaf'],
  },
  { id: 'inbox-buurtteam', orgId: DEMO.neighbourhood, teamId: 'team-buurt', name: 'Buurtteam', primary: true, guidelines: 'Wonen, geldzaken, eenzaamheid en mantelzorg.', memberIds: ['p-ahmadi'] },
];

const clients = (at: string): Client[] => [
  { id: 'c-pietersen', name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333', orgIds: [DEMO.gp, DEMO.homecare], createdAt: at },
  {
    id: 'c-hendriks', name: 'Maria Hendriks', birthDate: '1938-11-02', bsn: '123456782',
    carer: { name: 'Kees Hendriks', relation: 'zoon' }, orgIds: [DEMO.gp, DEMO.homecare], createdAt: at,
  },
  { id: 'c-bouzid', name: 'Ahmed Bouzid', birthDate: '1950-06-20', bsn: '234567806', orgIds: [DEMO.gp, DEMO.neighbourhood], createdAt: at },
];

/** Every record of the demo region, ready to store. */
export async function demoRegion(at: string): Promise<Put[]> {
  const text: ConsentText = {
    id: 'consent-text-v1', version: 1, text: CONSENT_TEXT_V1, hash: await sha256Hex(CONSENT_TEXT_V1),
    publishedBy: 'p-hoekstra', publishedAt: at,
  };
  return [
    ...organisations.map((o) => put('organisations', o)),
    ...teams.map((t) => put('teams', t)),
    ...people.map((p) => put('professionals', { isRegionalAdmin: false, ...p, active: true, createdAt: at })),
    ...inboxes.map((i) => put('inboxes', i)),
    ...clients(at).map((c) => put('clients', c)),
    put('consentTexts', text),
  ];
}

/** Loads the demo region into an empty store; a store that has it already is left alone. */
export async function seedDemoRegion(store: Store, at = new Date().toISOString()): Promise<boolean> {
  // Looked for in a read first: every start of the background opens the store, and a write transaction over
  // every store would hold up the reads the panel waits for (the write below checks again, for a race).
  if (await store.transaction('read', (tx) => tx.get('organisations', DEMO.gp))) return false;
  const puts = await demoRegion(at);
  return store.transaction('write', async (tx) => {
    if (await tx.get('organisations', DEMO.gp)) return false;
    for (const p of puts) await tx.put(p);
    return true;
  });
}

export const DEMO_PEOPLE: readonly { id: string; name: string; orgId: string }[] = people.map(({ id, name, orgId }) => ({ id, name, orgId }));
