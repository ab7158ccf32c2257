/**
 * A large training store for the side panel benchmark: clients with consent
 * and a network, conversations started by home care (to the GP practice's
 * shared inbox or to one assistant), their messages and everybody's list rows.
 *
 * `generate` is pure and self-contained (no imports, no outer names): the
 * benchmark sends its source into the panel page and runs it there, so the
 * records are made where they are written; Node runs the same function to
 * check a sample against the domain's zod schemas.
 */

export interface SeedPlan {
  conversations: number;
  messages: number;
  /** Each client has one consent and one network; conversations are spread over the networks. */
  clients: number;
  /** The newest conversation's last message is just before this instant (ISO). */
  now: string;
  /** SHA-256 of the stored consent text, copied onto each consent. */
  textHash: string;
}

/** Who is who in the demo region (lib/service/demo-region.ts). */
export const SEED_PEOPLE = {
  /** The panel's default training person: a GP assistant, member of the shared inbox. */
  me: 'p-jansen',
  colleague: 'p-elamrani',
  gp: 'p-devries',
  nurse: 'p-yilmaz',
  inbox: 'inbox-assistentes',
  gpOrg: 'org-hap-lombok',
  homecareOrg: 'org-zorgzaam',
} as const;

export interface SeedSlice {
  clients: object[];
  consents: object[];
  networks: object[];
  conversations: object[];
  messages: object[];
  inboxItems: object[];
}

/**
 * Records for clients [c0, c1) (with their consents and networks) and for
 * conversations [v0, v1) (with their messages and list rows).
 *
 * Messages per conversation vary from 1 to 2·avg−1 in pairs that sum to
 * 2·avg, so the total is exact. Conversation `i` is newer than `i − 1`.
 * The acting person's rows: 40 % in their own list (written to them
 * directly), 60 % through the shared inbox; every tenth archived, every
 * third unread.
 */
export function generate(plan: SeedPlan, c0: number, c1: number, v0: number, v1: number): SeedSlice {
  const P = {
    me: { id: 'p-jansen', name: 'Sanne Jansen', role: 'assistant', org: 'Huisartsenpraktijk Lombok' },
    colleague: { id: 'p-elamrani', name: 'Samira El Amrani', role: 'assistant', org: 'Huisartsenpraktijk Lombok' },
    gp: { id: 'p-devries', name: 'Anne de Vries', role: 'gp', org: 'Huisartsenpraktijk Lombok' },
    nurse: { id: 'p-yilmaz', name: 'Yusuf Yilmaz', role: 'nurse', org: 'Thuiszorg Zorgzaam' },
  };
  const inbox = 'inbox-assistentes';
  const gpOrg = 'org-hap-lombok';
  const homecareOrg = 'org-zorgzaam';
  const N = plan.conversations;
  const avg = plan.messages / N;
  if (!Number.isInteger(avg) || N % 2 !== 0) throw new Error('messages must be a multiple of conversations, conversations even');
  const nowMs = Date.parse(plan.now);
  const yearMs = 365 * 24 * 3600 * 1000;
  const step = Math.floor(yearMs / N);
  const iso = (ms: number) => new Date(ms).toISOString();
  const pad = (n: number) => String(n).padStart(6, '0');
  const clientStart = nowMs - yearMs - 30 * 24 * 3600 * 1000;
  const subjects = ['Medicatiewijziging', 'Wondzorg', 'Valincident', 'Ontslag uit ziekenhuis', 'Overleg zorgplan', 'Bloeddruk', 'Voeding en gewicht', 'Mantelzorg'];
  const texts = [
    'Graag even overleg over de medicatie van deze week.',
    'De wond geneest goed, verband is vandaag verschoond. Volgende controle donderdag.',
    'Mevrouw gaf aan dat ze duizelig was bij het opstaan. Kunt u meekijken?',
    'Dank voor de terugkoppeling, ik plan een huisbezoek in.',
    'Bloeddruk vanochtend 145/90, gisteren 150/95.',
  ];
  const out: SeedSlice = { clients: [], consents: [], networks: [], conversations: [], messages: [], inboxItems: [] };

  for (let c = c0; c < c1; c++) {
    const clientId = `bench-c-${pad(c)}`;
    const at = iso(clientStart + c * 60_000);
    out.clients.push({
      id: clientId, name: `Cliënt ${pad(c)}`, birthDate: `19${30 + (c % 60)}-0${1 + (c % 9)}-1${c % 10}`,
      orgIds: [gpOrg, homecareOrg], createdAt: at,
    });
    out.consents.push({
      id: `bench-consent-${pad(c)}`, clientId, givenBy: { kind: 'client' }, method: 'verbal',
      recordedBy: P.gp.id, recordedByOrg: gpOrg, recordedAt: at,
      textId: 'consent-text-v1', textVersion: 1, textHash: plan.textHash, status: 'active',
    });
    const done = (p: { id: string; name: string; org: string }) => ({ by: p.id, byName: p.name, orgName: p.org, at });
    out.networks.push({
      id: `bench-n-${pad(c)}`, clientId, initiator: 'gp', createdBy: P.gp.id, createdByOrg: gpOrg, createdAt: at,
      status: 'open', orgIds: [gpOrg, homecareOrg],
      steps: { consent: done(P.gp), network: done(P.gp), firstConversation: done(P.nurse) },
    });
  }

  for (let v = v0; v < v1; v++) {
    const id = `bench-v-${pad(v)}`;
    const client = v % plan.clients;
    const networkId = `bench-n-${pad(client)}`;
    const clientId = `bench-c-${pad(client)}`;
    const pair = Math.floor(v / 2);
    const d = pair % avg;
    const count = v % 2 === 0 ? avg + d : avg - d;
    const first = v % 2 === 0 ? v * avg : (v - 1) * avg + avg + d;
    const created = nowMs - (N - v) * step - 3600_000;
    const shared = v % 5 >= 2;
    const authors = shared ? [P.nurse, P.me, P.colleague] : [P.nurse, P.me];
    const subject = `${subjects[v % subjects.length]} ${pad(v)}`;
    let last = created;
    for (let j = 0; j < count; j++) {
      const a = authors[j % authors.length]!;
      last = created + j * 60_000;
      out.messages.push({
        id: `bench-m-${pad(first + j)}`, conversationId: id, authorId: a.id, authorKind: 'professional',
        authorName: a.name, authorRole: a.role, authorOrgName: a.org,
        text: `${texts[(v + j) % texts.length]} (${j + 1}/${count})`, createdAt: iso(last),
      });
    }
    const createdAt = iso(created);
    const lastActivity = iso(last);
    const by = P.nurse.id;
    out.conversations.push({
      id, networkId, clientId, subject, createdBy: by, createdAt, lastActivity,
      participants: shared
        ? [
            { kind: 'professional', id: by, addedBy: by, addedAt: createdAt },
            { kind: 'professional', id: P.me.id, viaInboxId: inbox, addedBy: by, addedAt: createdAt },
            { kind: 'professional', id: P.colleague.id, viaInboxId: inbox, addedBy: by, addedAt: createdAt },
          ]
        : [
            { kind: 'professional', id: by, addedBy: by, addedAt: createdAt },
            { kind: 'professional', id: P.me.id, addedBy: by, addedAt: createdAt },
          ],
      inboxes: shared ? [{ inboxId: inbox, addedBy: by, addedAt: createdAt }] : [],
    });
    const archived = v % 10 === 9 ? 1 : 0;
    const row = (owner: string, via: string, unread: number, arch: number) => ({
      id: `${owner}|${via || '-'}|${id}`, ownerId: owner, via, conversationId: id, networkId, clientId, subject,
      lastActivity, archived: arch, unread, openTask: false,
    });
    out.inboxItems.push(row(by, '', 0, 0));
    out.inboxItems.push(row(P.me.id, shared ? inbox : '', v % 3 === 0 ? 1 : 0, archived));
    if (shared) out.inboxItems.push(row(P.colleague.id, inbox, v % 2, archived));
  }
  return out;
}

/**
 * The page-side writer, as source text for `page.evaluate`: opens the
 * training database (already created and seeded with the demo region by the
 * panel), then writes the plan in a few large transactions. Resolves to the
 * number of records written per store.
 */
export function writerSource(dbName: string, plan: Omit<SeedPlan, 'textHash'>, batch = 2_000): string {
  return `(async () => {
    const generate = ${generate.toString()};
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(${JSON.stringify(dbName)});
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const hash = await new Promise((resolve, reject) => {
      const r = db.transaction('consentTexts').objectStore('consentTexts').get('consent-text-v1');
      r.onsuccess = () => resolve(r.result && r.result.hash);
      r.onerror = () => reject(r.error);
    });
    if (!hash) throw new Error('the demo region is not in the training database yet');
    const plan = { ...${JSON.stringify(plan)}, textHash: hash };
    const counts = {};
    const write = (slice) => new Promise((resolve, reject) => {
      const names = Object.keys(slice).filter((k) => slice[k].length);
      const tx = db.transaction(names, 'readwrite', { durability: 'relaxed' });
      for (const name of names) {
        const store = tx.objectStore(name);
        for (const rec of slice[name]) store.put(rec);
        counts[name] = (counts[name] || 0) + slice[name].length;
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('aborted'));
    });
    await write(generate(plan, 0, plan.clients, 0, 0));
    for (let v = 0; v < plan.conversations; v += ${batch}) {
      await write(generate(plan, 0, 0, v, Math.min(plan.conversations, v + ${batch})));
    }
    db.close();
    return counts;
  })()`;
}

/** The probes' large store (the benchmark's plan), written once into a kept profile: an extension page's `evaluate`. */
export const LARGE_STORE = { conversations: 10_000, messages: 100_000, clients: 1_000 } as const;

/** Seeds the training database the page's extension uses with LARGE_STORE, unless it holds it already; true if it wrote. */
export async function seedOnce(page: { evaluate(expression: string): Promise<unknown> }, dbName: string): Promise<boolean> {
  const messages = (await page.evaluate(`new Promise((resolve, reject) => {
    const r = indexedDB.open(${JSON.stringify(dbName)});
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const c = db.transaction('messages').objectStore('messages').count();
      c.onsuccess = () => { db.close(); resolve(c.result); };
    };
  })`)) as number;
  if (messages >= LARGE_STORE.messages) return false;
  await page.evaluate(writerSource(dbName, { ...LARGE_STORE, now: new Date().toISOString() }));
  return true;
}
