import { z } from 'zod';
import { commands, Conversation, Message, MESSAGES_PAGE, SharedInbox, Id } from '../../domain';
import { operation } from '../operation';
import { follow, opened, record, records, rows } from '../plan';
import type { IndexQuery } from '../stores';

/** A conversation's inbox rows (each owner's, each way in). */
const itemsOf = (conversationId: string) => rows('inboxItems', 'byConversation', { equals: [conversationId] });
const networkOf = (conversationId: string) => follow('networks', { store: 'conversations', id: conversationId, field: 'networkId' });
const conversationKey = (id: string) => `conversation:${id}`;

/** Newest first, one more than a page, to know whether earlier ones exist (R7). */
const pageBefore = (conversationId: string, before?: { createdAt: string; id: string }): IndexQuery => ({
  equals: [conversationId], ...(before ? { upper: [before.createdAt, before.id] } : {}), reverse: true, limit: MESSAGES_PAGE + 1,
});

const ConversationView = z.object({
  conversation: Conversation, readOnly: z.boolean(), messages: z.array(Message), earlier: z.boolean(), emergency: z.boolean(),
});

/** Conversations and their messages (R6–R10, R13). */
export const conversationOperations = {
  startConversation: operation({
    kind: 'command', access: 'careInNetwork', replay: 'conversations', announces: true,
    summary: 'Start a conversation in a network with shared inboxes (R8: their members now) and/or people, with its first message.',
    input: commands.startConversation,
    output: Conversation,
    reads: (a) => ({
      network: record('networks', a.networkId),
      client: follow('clients', { store: 'networks', id: a.networkId, field: 'clientId' }),
      inboxes: records('inboxes', a.inboxIds),
      named: records('professionals', a.professionalIds),
      existing: record('messages', a.messageId),
      files: records('attachments', a.attachmentIds),
    }),
    then: (_a, _me, { inboxes }) => ({ members: records('professionals', inboxes.flatMap((i) => i.memberIds)) }),
    example: (fx) => ({ networkId: fx.networkId, subject: 'Vraag', inboxIds: ['inbox-pohs'], messageId: fx.unique, text: 'Hallo' }),
  }).decidedBy('startConversation'),
  addParticipant: operation({
    kind: 'command', access: 'participants', replay: 'conversations', announces: true,
    summary: 'Add a professional or a shared inbox to a conversation (R9 hub function; R8 snapshot of the inbox).',
    input: commands.addParticipant,
    output: Conversation,
    reads: (a) => ({
      conversation: record('conversations', a.conversationId),
      network: networkOf(a.conversationId),
      inbox: record('inboxes', 'inboxId' in a ? a.inboxId : undefined),
      person: record('professionals', 'professionalId' in a ? a.professionalId : undefined),
    }),
    then: (_a, _me, { network, inbox }) => ({
      client: record('clients', network?.clientId),
      members: records('professionals', inbox?.memberIds ?? []),
    }),
    example: (fx) => ({ conversationId: fx.conversationId, professionalId: 'p-smit' }),
  }).decidedBy('addParticipant'),
  addResident: operation({
    kind: 'command', access: 'participants', replay: 'conversations', announces: true,
    summary: 'Add the resident to a conversation once they activated the portal (R6: the GP practice; R7: they see the history).',
    input: commands.addResident,
    output: Conversation,
    reads: (a) => ({ conversation: record('conversations', a.conversationId), network: networkOf(a.conversationId) }),
    example: (fx) => ({ conversationId: fx.conversationId }),
  }).decidedBy('addResident'),
  postMessage: operation({
    kind: 'command', access: 'participants', replay: 'messages', announces: true,
    summary: 'Send a message; the conversation comes back into every list it was archived in (R10). The message id is chosen by the device.',
    input: commands.postMessage,
    output: Message,
    reads: (a) => ({
      conversation: record('conversations', a.conversationId),
      network: networkOf(a.conversationId),
      items: itemsOf(a.conversationId),
      existing: record('messages', a.messageId),
      files: records('attachments', a.attachmentIds),
    }),
    // Another conversation could be given the same message id, or a file another message takes: keys of their own.
    locks: (a) => [conversationKey(a.conversationId), `message:${a.messageId}`, ...a.attachmentIds.map((id) => `attachment:${id}`)],
    example: (fx) => ({ conversationId: fx.conversationId, messageId: fx.unique, text: 'Nog een vraag' }),
  }).decidedBy('postMessage'),
  archive: operation({
    kind: 'command', access: 'participantsInList', replay: 'answer', announces: true,
    summary: 'Archive (or restore) a conversation in my own list or, for all its members, in a shared inbox (R10).',
    input: commands.archive,
    output: z.object({ rows: z.number().int() }),
    reads: (a) => ({
      conversation: record('conversations', a.conversationId),
      inbox: record('inboxes', a.via || undefined),
      items: itemsOf(a.conversationId),
    }),
    locks: (a) => [conversationKey(a.conversationId)],
    example: (fx) => ({ conversationId: fx.conversationId, via: 'inbox-assistentes' }),
  }).decidedBy('archive'),
  markRead: operation({
    kind: 'command', access: 'participants', replay: 'answer',
    summary: 'Mark a conversation read in my lists, after new messages were shown while it was open.',
    input: commands.markRead,
    output: z.object({ rows: z.number().int() }),
    reads: (a) => ({ conversation: record('conversations', a.conversationId), items: itemsOf(a.conversationId) }),
    locks: (a) => [conversationKey(a.conversationId)],
    example: (fx) => ({ conversationId: fx.conversationId }),
  }).decidedBy('markRead'),
  readConversation: operation({
    kind: 'read', access: 'readers',
    summary: 'Open a conversation: its newest page of messages, or the page before `before` (R7); an audited read (R15), with the emergency step for an account manager without a care role (R13).',
    input: commands.readConversation,
    output: ConversationView,
    reads: (a) => ({
      conversation: record('conversations', a.conversationId),
      network: networkOf(a.conversationId),
      page: rows('messages', 'byConversation', pageBefore(a.conversationId, a.before)),
      items: itemsOf(a.conversationId),
    }),
    locks: (a) => [conversationKey(a.conversationId)],
    example: (fx) => ({ conversationId: fx.conversationId }),
  }).decidedBy('readConversation'),
  conversationUpdates: operation({
    kind: 'query', access: 'participants',
    summary: 'What came after the last message shown, in a conversation this session opened already: a live refresh, not a new read (R15).',
    input: commands.conversationUpdates,
    output: ConversationView.omit({ earlier: true, emergency: true }).extend({ more: z.boolean() }),
    reads: (a) => ({
      conversation: record('conversations', a.conversationId),
      network: networkOf(a.conversationId),
      page: rows('messages', 'byConversation', {
        equals: [a.conversationId], lower: [a.after.createdAt, a.after.id], limit: MESSAGES_PAGE + 1,
      }),
      opened: opened(a.conversationId),
    }),
    example: (fx) => ({ conversationId: fx.conversationId, after: { createdAt: '2020-01-01T00:00:00.000Z', id: 'm' } }),
  }).decidedBy('conversationUpdates'),
  suggestRecipients: operation({
    kind: 'query', access: 'clientOrganisations',
    summary: "Whom to write to at an organisation: its shared inboxes, and the one to propose when it is new to the network (R17).",
    input: commands.suggestRecipients,
    output: z.object({ proposedInboxId: Id.nullable(), inboxes: z.array(SharedInbox) }),
    reads: (a) => ({ network: record('networks', a.networkId), inboxes: rows('inboxes', 'byOrg', { equals: [a.orgId] }) }),
    example: (fx) => ({ networkId: fx.networkId, orgId: 'org-buurtteam' }),
  }).decidedBy('suggestRecipients'),
};
