import {
  accept, decide, periodBounds, refuse,
  type Actor, type Decision, type Env, type InboxItem, type Professional, type SharedInbox,
} from '../domain';
import type { OpArgs, OpName, OpOutput, PublicProfessional } from './operations';
import { inboxPageQuery, itemsQuery, MESSAGES_PAGE, messagesPageQuery } from './queries';
import type { Tx } from './store';

export interface HandlerContext<K extends OpName> {
  actor: Actor;
  env: Env;
  tx: Tx;
  args: OpArgs<K>;
  /** SHA-256 of a consent text, computed before the transaction opened. */
  hash?: string;
}
type Handlers = { [K in OpName]: (c: HandlerContext<K>) => Promise<Decision<OpOutput<K>>> };

async function currentText(tx: Tx) {
  return (await tx.query('consentTexts', 'byVersion', { equals: [], reverse: true, limit: 1 }))[0];
}
const consentsOf = (tx: Tx, clientId: string) => tx.query('consents', 'byClient', { equals: [clientId] });
const networksOf = (tx: Tx, clientId: string) => tx.query('networks', 'byClient', { equals: [clientId] });
const itemsOf = (tx: Tx, conversationId: string) => tx.query('inboxItems', 'byConversation', itemsQuery(conversationId));

async function getMany<T>(ids: readonly string[], get: (id: string) => Promise<T | undefined>): Promise<T[]> {
  const found = await Promise.all(ids.map(get));
  return found.filter((x): x is Awaited<T> => x !== undefined) as T[];
}

/** Members of the inboxes concerned, plus named people: what an R8 snapshot needs. */
async function peopleFor(tx: Tx, inboxes: SharedInbox[], ids: readonly string[]): Promise<Professional[]> {
  const all = new Set([...ids, ...inboxes.flatMap((i) => i.memberIds)]);
  return getMany([...all], (id) => tx.get('professionals', id));
}

/**
 * Messages sort by time: two sent in the same millisecond would otherwise
 * order by their random ids. A clock that is behind the conversation's last
 * activity is moved just past it.
 */
function afterLastActivity(env: Env, last: string | undefined): Env {
  if (!last || env.now > last) return env;
  return { ...env, now: new Date(Date.parse(last) + 1).toISOString() };
}

const publicProfessional = (p: Professional): PublicProfessional => ({
  id: p.id, orgId: p.orgId, teamIds: p.teamIds, name: p.name, role: p.role, isCareProfessional: p.isCareProfessional, active: p.active,
});

/**
 * For each operation: load what its decision needs through the store's
 * indexes, then let lib/domain decide. No rule lives here.
 */
export const handlers: Handlers = {
  async session({ actor, tx }) {
    const teams = await getMany(actor.professional.teamIds, (id) => tx.get('teams', id));
    const orgInboxes = await tx.query('inboxes', 'byOrg', { equals: [actor.org.id] });
    const inboxes = orgInboxes.filter((i) => i.memberIds.includes(actor.professional.id));
    return accept({ professional: actor.professional, org: actor.org, teams, inboxes }, []);
  },
  async directory({ tx }) {
    const [organisations, teams, inboxes, people] = await Promise.all([
      tx.all('organisations'), tx.all('teams'), tx.all('inboxes'), tx.all('professionals'),
    ]);
    return accept({ organisations, teams, inboxes, professionals: people.filter((p) => p.active).map(publicProfessional) }, []);
  },
  async listAccounts({ actor, tx }) {
    const me = actor.professional;
    const teams = await tx.query('teams', 'byOrg', { equals: [actor.org.id] });
    if (!me.isAccountManager && !teams.some((t) => t.contactPersonId === me.id)) return refuse('team-manager-only');
    return accept(await tx.query('professionals', 'byOrg', { equals: [actor.org.id] }), []);
  },
  async listInbox({ actor, tx, args }) {
    const me = actor.professional;
    if (args.via !== '') {
      const inbox = await tx.get('inboxes', args.via);
      if (!inbox || !inbox.memberIds.includes(me.id)) return refuse('not-found');
    }
    const items: InboxItem[] = await tx.query('inboxItems', 'byList', inboxPageQuery(me.id, args));
    const page = items.slice(0, args.limit);
    const last = page[page.length - 1];
    return accept({ items: page, next: items.length > args.limit && last ? { lastActivity: last.lastActivity, id: last.id } : null }, []);
  },
  async unreadCounts({ actor, tx }) {
    const me = actor.professional.id;
    const inboxes = (await tx.query('inboxes', 'byOrg', { equals: [actor.org.id] })).filter((i) => i.memberIds.includes(me));
    const counts: Record<string, number> = {};
    for (const via of ['', ...inboxes.map((i) => i.id)]) {
      counts[via] = await tx.count('inboxItems', 'byUnread', { equals: [me, via, 0, 1] });
    }
    return accept(counts, []);
  },
  async listClients({ actor, tx, args }) {
    return accept(await tx.query('clients', 'byOrg', { equals: [actor.org.id], limit: args.limit }), []);
  },
  async findClientByBsn({ actor, tx, args }) {
    // createClient keeps a BSN to one client; the bound only guards against data from before that rule.
    return decide.findClientByBsn(actor, { withBsn: await tx.query('clients', 'byBsn', { equals: [args.bsn], limit: 20 }) });
  },
  async currentConsentText({ tx }) {
    return accept((await currentText(tx)) ?? null, []);
  },
  async createClient({ actor, env, tx, args }) {
    const sameBsn = args.bsn ? (await tx.query('clients', 'byBsn', { equals: [args.bsn], limit: 1 }))[0] : undefined;
    return decide.createClient(actor, env, args, { sameBsn });
  },
  async publishConsentText({ actor, env, tx, args, hash }) {
    return decide.publishConsentText(actor, env, { ...args, hash: hash! }, { current: await currentText(tx) });
  },
  async recordConsent({ actor, env, tx, args }) {
    return decide.recordConsent(actor, env, args, { client: await tx.get('clients', args.clientId), currentText: await currentText(tx) });
  },
  async withdrawConsent({ actor, env, tx, args }) {
    const client = await tx.get('clients', args.clientId);
    return decide.withdrawConsent(actor, env, args, {
      client, consents: await consentsOf(tx, args.clientId), networks: await networksOf(tx, args.clientId),
    });
  },
  async createNetwork({ actor, env, tx, args }) {
    const consents = await consentsOf(tx, args.clientId);
    const latest = consents.filter((c) => c.status === 'active').at(-1);
    const recorder = latest ? await tx.get('professionals', latest.recordedBy) : undefined;
    const recorderOrg = latest ? await tx.get('organisations', latest.recordedByOrg) : undefined;
    return decide.createNetwork(actor, env, args, {
      client: await tx.get('clients', args.clientId), consents, networks: await networksOf(tx, args.clientId),
      consentRecorder: recorder && { name: recorder.name, orgName: recorderOrg?.name ?? '' },
    });
  },
  async linkPatientCard({ actor, env, tx, args }) {
    const network = await tx.get('networks', args.networkId);
    const handoverItems = network?.handover ? await itemsOf(tx, network.handover.conversationId) : [];
    return decide.linkPatientCard(actor, env, args, { network, handoverItems });
  },
  async inviteToPortal({ actor, env, tx, args }) {
    const network = await tx.get('networks', args.networkId);
    const handoverItems = network?.handover ? await itemsOf(tx, network.handover.conversationId) : [];
    return decide.inviteToPortal(actor, env, args, { network, handoverItems });
  },
  async markPortalActivated({ actor, env, tx, args }) {
    return decide.markPortalActivated(actor, env, args, { network: await tx.get('networks', args.networkId) });
  },
  async addResident({ actor, env, tx, args }) {
    const conversation = await tx.get('conversations', args.conversationId);
    const network = conversation && (await tx.get('networks', conversation.networkId));
    return decide.addResident(actor, env, args, { conversation, network });
  },
  async startConversation({ actor, env, tx, args }) {
    const network = await tx.get('networks', args.networkId);
    const client = network && (await tx.get('clients', network.clientId));
    const inboxes = await getMany(args.inboxIds, (id) => tx.get('inboxes', id));
    const professionals = await peopleFor(tx, inboxes, args.professionalIds);
    const existing = await tx.get('messages', args.messageId);
    return decide.startConversation(actor, env, args, { network, client, inboxes, professionals, existing });
  },
  async addParticipant({ actor, env, tx, args }) {
    const conversation = await tx.get('conversations', args.conversationId);
    const network = conversation && (await tx.get('networks', conversation.networkId));
    const client = network && (await tx.get('clients', network.clientId));
    const inbox = 'inboxId' in args ? await tx.get('inboxes', args.inboxId) : undefined;
    const professionals = await peopleFor(tx, inbox ? [inbox] : [], 'professionalId' in args ? [args.professionalId] : []);
    return decide.addParticipant(actor, env, args, { conversation, network, client, inbox, professionals });
  },
  async postMessage({ actor, env, tx, args }) {
    const conversation = await tx.get('conversations', args.conversationId);
    const network = conversation && (await tx.get('networks', conversation.networkId));
    return decide.postMessage(actor, afterLastActivity(env, conversation?.lastActivity), args, {
      conversation, network, items: await itemsOf(tx, args.conversationId), existing: await tx.get('messages', args.messageId),
    });
  },
  async archive({ actor, env, tx, args }) {
    return decide.archive(actor, env, args, {
      conversation: await tx.get('conversations', args.conversationId),
      inbox: args.via ? await tx.get('inboxes', args.via) : undefined,
      items: await itemsOf(tx, args.conversationId),
    });
  },
  async requestHandover({ actor, env, tx, args }) {
    const inbox = await tx.get('inboxes', args.inboxId);
    return decide.requestHandover(actor, env, args, {
      network: await tx.get('networks', args.networkId),
      conversation: await tx.get('conversations', args.conversationId),
      inbox, inboxOrg: inbox && (await tx.get('organisations', inbox.orgId)),
      items: await itemsOf(tx, args.conversationId),
    });
  },
  async createAccount({ actor, env, tx, args }) {
    const sameEmail = (await tx.query('professionals', 'byEmail', { equals: [args.email], limit: 1 }))[0];
    return decide.createAccount(actor, env, args, { sameEmail, teams: await getMany(args.teamIds, (id) => tx.get('teams', id)) });
  },
  async deactivateAccount({ actor, env, tx, args }) {
    const target = await tx.get('professionals', args.professionalId);
    const inboxes = target ? await tx.query('inboxes', 'byOrg', { equals: [target.orgId] }) : [];
    const teams = target ? await tx.query('teams', 'byOrg', { equals: [target.orgId] }) : [];
    return decide.deactivateAccount(actor, env, args, { target, inboxes, teams });
  },
  async setContactPerson({ actor, env, tx, args }) {
    return decide.setContactPerson(actor, env, args, {
      team: await tx.get('teams', args.teamId), person: await tx.get('professionals', args.professionalId),
    });
  },
  async createSharedInbox({ actor, env, tx, args }) {
    return decide.createSharedInbox(actor, env, args, {
      team: await tx.get('teams', args.teamId), people: await getMany(args.memberIds, (id) => tx.get('professionals', id)),
    });
  },
  async updateSharedInbox({ actor, env, tx, args }) {
    const inbox = await tx.get('inboxes', args.inboxId);
    return decide.updateSharedInbox(actor, env, args, {
      inbox, team: inbox && (await tx.get('teams', inbox.teamId)),
      people: await getMany(args.memberIds ?? [], (id) => tx.get('professionals', id)),
    });
  },
  async readClient({ actor, env, tx, args }) {
    return decide.readClient(actor, env, {
      client: await tx.get('clients', args.clientId), consents: await consentsOf(tx, args.clientId), networks: await networksOf(tx, args.clientId),
    });
  },
  async readNetwork({ actor, env, tx, args }) {
    const network = await tx.get('networks', args.networkId);
    return decide.readNetwork(actor, env, {
      network,
      client: network && (await tx.get('clients', network.clientId)),
      conversations: network ? await tx.query('conversations', 'byNetwork', { equals: [network.id], reverse: true, limit: 200 }) : [],
    });
  },
  async readConversation({ actor, env, tx, args }) {
    const conversation = await tx.get('conversations', args.conversationId);
    const network = conversation && (await tx.get('networks', conversation.networkId));
    // Newest first from the index; shown oldest first.
    const page = conversation ? await tx.query('messages', 'byConversation', messagesPageQuery(conversation.id, args.before)) : [];
    const messages = page.slice(0, MESSAGES_PAGE).reverse();
    const ownItems = conversation ? (await itemsOf(tx, conversation.id)).filter((i) => i.ownerId === actor.professional.id) : [];
    return decide.readConversation(actor, env, args, { conversation, network, messages, earlier: page.length > MESSAGES_PAGE, ownItems });
  },
  async accessHistory({ actor, tx, args }) {
    const { lower, upper } = periodBounds(args.from, args.to);
    const client = await tx.get('clients', args.clientId);
    const events = args.from <= args.to
      ? await tx.query('audit', 'byClient', { equals: [args.clientId], lower: [lower], upper: [upper, '\uffff'], inclusive: true, reverse: true, limit: 1000 })
      : [];
    return decide.accessHistory(actor, args, { client, events });
  },
  async suggestRecipients({ actor, tx, args }) {
    return decide.suggestRecipients(actor, args, {
      network: await tx.get('networks', args.networkId), inboxes: await tx.query('inboxes', 'byOrg', { equals: [args.orgId] }),
    });
  },
};
