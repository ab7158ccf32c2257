import type { Client, Network } from '../care';
import type { Attachment, AttachmentRef } from '../attachment';
import type { Command } from '../commands';
import { inboxItemId, type Conversation, type InboxItem, type Message, type Participant } from '../conversation';
import type { Professional, SharedInbox } from '../organisation';
import { isGpPractice, isOpen, isParticipant, readsContents } from '../capabilities';
import {
  accept, audit, canSeeNetwork, put, refuse, refuseAudited,
  type Actor, type Decision, type Env, type Put, type Refusal,
} from '../kernel';
import { readAccess } from './access';
import { takeAttachments } from './attachments';
import { joinOrganisations } from './network';

/** Messages per page of a conversation (R7: earlier pages are read with `before`). */
export const MESSAGES_PAGE = 100;

function row(owner: string, via: string, c: Conversation, at: string, unread: boolean): InboxItem {
  return {
    id: inboxItemId(owner, via, c.id),
    ownerId: owner, via, conversationId: c.id, networkId: c.networkId, clientId: c.clientId,
    subject: c.subject, lastActivity: at, archived: 0, unread: unread ? 1 : 0, openTask: false,
  };
}

function authored(actor: Actor, conversationId: string, id: string, text: string, at: string, files: AttachmentRef[]): Message {
  return {
    id, conversationId, text, createdAt: at, ...(files.length ? { attachments: files } : {}),
    authorId: actor.professional.id, authorKind: 'professional', authorName: actor.professional.name,
    authorRole: actor.professional.role, authorOrgName: actor.org.name,
  };
}

/**
 * R8: the members of each shared inbox *now* become participants "via" it,
 * and get a row in that inbox's list; later members get neither.
 */
function snapshotInbox(actor: Actor, env: Env, conv: Conversation, inbox: SharedInbox, members: Map<string, Professional>) {
  const participants: Participant[] = [];
  const rows: InboxItem[] = [];
  for (const memberId of inbox.memberIds) {
    if (!members.get(memberId)?.active) continue;
    if (!isParticipant(conv, memberId) && !participants.some((p) => p.id === memberId)) {
      participants.push({ kind: 'professional', id: memberId, viaInboxId: inbox.id, addedBy: actor.professional.id, addedAt: env.now });
    }
    rows.push(row(memberId, inbox.id, conv, env.now, memberId !== actor.professional.id));
  }
  return { participants, rows };
}

/** A conversation can change only while its network is visible and open (R3) and the actor takes part. */
function writableConversation(actor: Actor, conv: Conversation | undefined, network: Network | undefined): Refusal | null {
  if (!conv || !network || !isParticipant(conv, actor.professional.id)) return refuse('not-found');
  if (!isOpen(network)) return refuse('network-read-only');
  if (!readsContents(actor.professional)) return refuse('contents-restricted');
  return null;
}

export function startConversation(
  actor: Actor, env: Env, cmd: Command<'startConversation'>,
  ctx: {
    network?: Network; client?: Client; inboxes: SharedInbox[]; named: Professional[]; members: Professional[]; existing?: Message;
    files?: Attachment[];
  },
): Decision<Conversation> {
  const network = ctx.network;
  if (!network || !canSeeNetwork(actor, network)) return refuse('not-found');
  if (!isOpen(network)) return refuse('network-read-only');
  if (!readsContents(actor.professional)) return refuse('contents-restricted');
  if (cmd.inboxIds.length + cmd.professionalIds.length === 0) return refuse('recipient-required');
  // The first message's id is chosen by the device; storing it again would move or overwrite a message.
  if (ctx.existing) return refuse('conflict');
  const people = new Map([...ctx.named, ...ctx.members].map((p) => [p.id, p]));
  const inboxes = [...new Set(cmd.inboxIds)].map((id) => ctx.inboxes.find((i) => i.id === id));
  if (inboxes.some((i) => !i)) return refuse('not-found', 'inbox');
  if (cmd.professionalIds.some((id) => !people.get(id)?.active)) return refuse('not-found', 'professional');

  const me = actor.professional.id;
  let conv: Conversation = {
    id: env.newId(), networkId: network.id, clientId: network.clientId, subject: cmd.subject,
    createdBy: me, createdAt: env.now, lastActivity: env.now,
    participants: [{ kind: 'professional', id: me, addedBy: me, addedAt: env.now }],
    inboxes: [],
  };
  const rows: InboxItem[] = [row(me, '', conv, env.now, false)];
  for (const id of new Set(cmd.professionalIds)) {
    if (isParticipant(conv, id)) continue;
    conv.participants.push({ kind: 'professional', id, addedBy: me, addedAt: env.now });
    rows.push(row(id, '', conv, env.now, true));
  }
  for (const inbox of inboxes as SharedInbox[]) {
    const snap = snapshotInbox(actor, env, conv, inbox, people);
    conv = {
      ...conv,
      participants: [...conv.participants, ...snap.participants],
      inboxes: [...conv.inboxes, { inboxId: inbox.id, addedBy: me, addedAt: env.now }],
    };
    rows.push(...snap.rows);
  }
  const files = takeAttachments(actor, cmd.attachmentIds, ctx.files ?? [], { id: cmd.messageId, conversationId: conv.id });
  if ('ok' in files) return files;
  const message = authored(actor, conv.id, cmd.messageId, cmd.text, env.now, files.refs);
  const joined = [...inboxes.map((i) => i!.orgId), ...cmd.professionalIds.map((id) => people.get(id)!.orgId)];
  const stepped: Network = network.steps.firstConversation ? network : {
    ...network,
    steps: { ...network.steps, firstConversation: { by: me, byName: actor.professional.name, orgName: actor.org.name, at: env.now } },
  };
  const orgPuts = joinOrganisations(stepped, ctx.client, joined);
  const puts: Put[] = [
    ...(orgPuts.some((p) => p.store === 'networks') || stepped === network ? [] : [put('networks', stepped)]),
    ...orgPuts,
    put('conversations', conv),
    put('messages', message),
    ...files.puts,
    ...rows.map((r) => put('inboxItems', r)),
    audit(actor, env, { event: 'create', action: 'startConversation', clientId: conv.clientId, objectType: 'conversation', objectId: conv.id }),
    audit(actor, env, { event: 'create', action: 'postMessage', clientId: conv.clientId, objectType: 'message', objectId: message.id }),
  ];
  return accept(conv, puts);
}

/** R9: any participant adds a professional or a shared inbox; who added whom and when is kept. */
export function addParticipant(
  actor: Actor, env: Env, cmd: Command<'addParticipant'>,
  ctx: { conversation?: Conversation; network?: Network; client?: Client; inbox?: SharedInbox; person?: Professional; members: Professional[] },
): Decision<Conversation> {
  const refused = writableConversation(actor, ctx.conversation, ctx.network);
  if (refused) return refused;
  const conv = ctx.conversation!;
  const people = new Map([...(ctx.person ? [ctx.person] : []), ...ctx.members].map((p) => [p.id, p]));
  let next: Conversation;
  let rows: InboxItem[];
  let orgId: string;
  if ('inboxId' in cmd) {
    const inbox = ctx.inbox;
    if (!inbox || inbox.id !== cmd.inboxId) return refuse('not-found', 'inbox');
    if (conv.inboxes.some((i) => i.inboxId === inbox.id)) return refuse('already-participant');
    const snap = snapshotInbox(actor, env, conv, inbox, people);
    next = {
      ...conv,
      participants: [...conv.participants, ...snap.participants],
      inboxes: [...conv.inboxes, { inboxId: inbox.id, addedBy: actor.professional.id, addedAt: env.now }],
    };
    rows = snap.rows.map((r) => ({ ...r, lastActivity: conv.lastActivity }));
    orgId = inbox.orgId;
  } else {
    const person = people.get(cmd.professionalId);
    if (!person?.active) return refuse('not-found', 'professional');
    if (isParticipant(conv, person.id)) return refuse('already-participant');
    next = {
      ...conv,
      participants: [...conv.participants, { kind: 'professional', id: person.id, addedBy: actor.professional.id, addedAt: env.now }],
    };
    rows = [{ ...row(person.id, '', conv, conv.lastActivity, true) }];
    orgId = person.orgId;
  }
  return accept(next, [
    put('conversations', next),
    ...rows.map((r) => put('inboxItems', r)),
    ...joinOrganisations(ctx.network!, ctx.client, [orgId]),
    audit(actor, env, { event: 'update', action: 'addParticipant', clientId: conv.clientId, objectType: 'conversation', objectId: conv.id }),
  ]);
}

/**
 * R6: the GP practice adds the resident to a conversation, only after the
 * resident activated the portal; R7 gives them its history.
 */
export function addResident(
  actor: Actor, env: Env, _cmd: Command<'addResident'>,
  ctx: { conversation?: Conversation; network?: Network },
): Decision<Conversation> {
  const refused = writableConversation(actor, ctx.conversation, ctx.network);
  if (refused) return refused;
  if (!isGpPractice(actor.org)) return refuse('gp-only');
  const conv = ctx.conversation!;
  const network = ctx.network!;
  if (!network.portal) return refuse('portal-not-invited');
  if (!network.portal.activatedAt) return refuse('portal-not-activated');
  if (isParticipant(conv, conv.clientId)) return refuse('already-participant');
  const next: Conversation = {
    ...conv,
    participants: [...conv.participants, { kind: 'client', id: conv.clientId, addedBy: actor.professional.id, addedAt: env.now }],
  };
  const stepped: Network = {
    ...network,
    steps: { ...network.steps, residentAdded: { by: actor.professional.id, byName: actor.professional.name, orgName: actor.org.name, at: env.now } },
  };
  return accept(next, [
    put('conversations', next),
    put('networks', stepped),
    audit(actor, env, { event: 'update', action: 'addResident', clientId: conv.clientId, objectType: 'conversation', objectId: conv.id }),
  ]);
}

/**
 * R3: refused in a read-only network. R10: every list row of the conversation
 * comes back out of the archive, so nothing is missed. A replay of the same
 * message id by the same author returns the stored message and writes nothing.
 */
export function postMessage(
  actor: Actor, clock: Env, cmd: Command<'postMessage'>,
  ctx: { conversation?: Conversation; network?: Network; items: InboxItem[]; existing?: Message; files?: Attachment[] },
): Decision<Message> {
  const env = afterLastActivity(clock, ctx.conversation?.lastActivity);
  const refused = writableConversation(actor, ctx.conversation, ctx.network);
  if (refused) return refused;
  if (ctx.existing) {
    const e = ctx.existing;
    const same = e.conversationId === cmd.conversationId && e.authorId === actor.professional.id && e.text === cmd.text
      && sameIds((e.attachments ?? []).map((a) => a.id), [...new Set(cmd.attachmentIds)]);
    return same ? accept(e, []) : refuse('conflict');
  }
  const conv = ctx.conversation!;
  const files = takeAttachments(actor, cmd.attachmentIds, ctx.files ?? [], { id: cmd.messageId, conversationId: conv.id });
  if ('ok' in files) return files;
  const message = authored(actor, conv.id, cmd.messageId, cmd.text, env.now, files.refs);
  const me = actor.professional.id;
  return accept(message, [
    put('messages', message),
    ...files.puts,
    put('conversations', { ...conv, lastActivity: env.now }),
    ...ctx.items.map((i) => put('inboxItems', { ...i, archived: 0, lastActivity: env.now, unread: i.ownerId === me ? 0 : 1 })),
    audit(actor, env, { event: 'create', action: 'postMessage', clientId: conv.clientId, objectType: 'message', objectId: message.id }),
  ]);
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Messages sort by time: two sent in the same millisecond would otherwise
 * order by their random ids. A clock that is behind the conversation's last
 * activity is moved just past it.
 */
function afterLastActivity(env: Env, last: string | undefined): Env {
  if (!last || env.now > last) return env;
  return { ...env, now: env.justAfter(last) };
}

/** R10: archiving in a shared inbox hides it for all that inbox's members; personally, for oneself. */
export function archive(
  actor: Actor, env: Env, cmd: Command<'archive'>,
  ctx: { conversation?: Conversation; inbox?: SharedInbox; items: InboxItem[] },
): Decision<{ rows: number }> {
  const conv = ctx.conversation;
  const me = actor.professional.id;
  if (!conv || !isParticipant(conv, me)) return refuse('not-found');
  if (cmd.via !== '' && !ctx.inbox?.memberIds.includes(me)) return refuse('not-found', 'inbox');
  const rows = ctx.items.filter((i) => i.via === cmd.via && (cmd.via !== '' || i.ownerId === me));
  if (rows.length === 0) return refuse('not-found');
  const flag = cmd.archived ? 1 : 0;
  return accept({ rows: rows.length }, [
    ...rows.map((r) => put('inboxItems', { ...r, archived: flag })),
    audit(actor, env, { event: 'update', action: cmd.archived ? 'archive' : 'unarchive', clientId: conv.clientId, objectType: 'conversation', objectId: conv.id }),
  ]);
}

export interface ConversationView {
  conversation: Conversation;
  readOnly: boolean;
  /** Oldest first: the newest page, or the page before `before`. */
  messages: Message[];
  /** Older messages exist than the first of `messages` (read them with `before`). */
  earlier: boolean;
  emergency: boolean;
}


/**
 * R7: a participant reads the whole history, a page at a time (`page`: newest
 * first, one more than a page). R13: an account manager who is not a care
 * professional reads contents only through the emergency step, whose reason
 * is written to the audit log. Not a participant: not found. R15: opening is
 * one read; this session's later refreshes of it are not (conversationUpdates).
 */
export function readConversation(
  actor: Actor, env: Env, cmd: Command<'readConversation'>,
  ctx: { conversation?: Conversation; network?: Network; page: Message[]; items: InboxItem[] },
): Decision<ConversationView> {
  const conv = ctx.conversation;
  const network = ctx.network;
  const refused = (r: Refusal) => refuseAudited(r.code, actor, env, { event: 'read', action: 'readConversation', objectType: 'conversation', objectId: cmd.conversationId });
  if (!conv || !network) return refused(refuse('not-found'));
  const access = readAccess(actor, conv, network, cmd.emergencyReason);
  if ('ok' in access) return refused(access);
  const { emergency } = access;
  const me = actor.professional.id;
  const view: ConversationView = {
    conversation: conv, readOnly: !isOpen(network), messages: ctx.page.slice(0, MESSAGES_PAGE).reverse(),
    earlier: ctx.page.length > MESSAGES_PAGE, emergency,
  };
  return accept(view, [
    ...ctx.items.filter((i) => i.ownerId === me && i.unread).map((i) => put('inboxItems', { ...i, unread: 0 })),
    audit(actor, env, {
      event: 'read', action: 'readConversation', clientId: conv.clientId, objectType: 'conversation', objectId: conv.id,
      emergency, reason: emergency ? cmd.emergencyReason : undefined,
    }),
  // The emergency step is for one reading: its refreshes are read (and audited) again.
  ], emergency ? [] : [{ kind: 'opened', conversationId: conv.id }]);
}

/**
 * R15: what came after the last message shown, in a conversation this session
 * opened (and audited) already: a live refresh is not a new read. A session
 * that did not open it, or opened it only through the emergency step, opens
 * it again instead (`conversation-not-open`).
 */
export function conversationUpdates(
  actor: Actor, _env: Env, _cmd: Command<'conversationUpdates'>,
  ctx: { conversation?: Conversation; network?: Network; page: Message[]; opened: boolean },
): Decision<{ conversation: Conversation; readOnly: boolean; messages: Message[]; more: boolean }> {
  const conv = ctx.conversation;
  if (!conv || !ctx.network || !isParticipant(conv, actor.professional.id) || !readsContents(actor.professional)) return refuse('not-found');
  if (!ctx.opened) return refuse('conversation-not-open');
  return accept({
    conversation: conv, readOnly: !isOpen(ctx.network), messages: ctx.page.slice(0, MESSAGES_PAGE), more: ctx.page.length > MESSAGES_PAGE,
  }, []);
}

/** New messages seen in an open conversation: its rows in the reader's own lists are read. Not client data: no audit. */
export function markRead(
  actor: Actor, _env: Env, _cmd: Command<'markRead'>, ctx: { conversation?: Conversation; items: InboxItem[] },
): Decision<{ rows: number }> {
  const me = actor.professional.id;
  if (!ctx.conversation || !isParticipant(ctx.conversation, me)) return refuse('not-found');
  const unread = ctx.items.filter((i) => i.ownerId === me && i.unread);
  return accept({ rows: unread.length }, unread.map((i) => put('inboxItems', { ...i, unread: 0 })));
}
