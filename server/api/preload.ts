import type { OpArgs, OpName } from '../../lib/backend/operations';
import { inboxPageQuery, itemsQuery, messagesPageQuery } from '../../lib/backend/queries';
import type { Preload } from '../db/sql-store';

/**
 * What an operation will read, fetched in one round trip before it runs
 * (each read is otherwise a round trip of its own, and those cost both
 * processes more than the reads themselves). Every operation loads its
 * actor (lib/backend/service.ts); the busiest ones also what their handler
 * in lib/backend/handlers.ts loads first. This table only saves time: a
 * read it misses is made as usual, one it names needlessly is dropped.
 */
const actor = (id: string): Preload[] => [
  { store: 'professionals', id },
  { store: 'organisations', idIn: { store: 'professionals', id, field: 'orgId' } },
];

const conversation = (id: string): Preload[] => [
  { store: 'conversations', id },
  { store: 'networks', idIn: { store: 'conversations', id, field: 'networkId' } },
];

const PRELOADS: Partial<{ [K in OpName]: (args: OpArgs<K>, actorId: string) => Preload[] }> = {
  listInbox: (a, me) => [
    ...(a.via ? [{ store: 'inboxes', id: a.via } as const] : []),
    { store: 'inboxItems', index: 'byList', query: inboxPageQuery(me, a) },
  ],
  postMessage: (a) => [
    ...conversation(a.conversationId),
    { store: 'inboxItems', index: 'byConversation', query: itemsQuery(a.conversationId) },
    { store: 'messages', id: a.messageId },
  ],
  readConversation: (a) => [
    ...conversation(a.conversationId),
    { store: 'messages', index: 'byConversation', query: messagesPageQuery(a.conversationId, a.before) },
    { store: 'inboxItems', index: 'byConversation', query: itemsQuery(a.conversationId) },
  ],
  archive: (a) => [
    { store: 'conversations', id: a.conversationId },
    ...(a.via ? [{ store: 'inboxes', id: a.via } as const] : []),
    { store: 'inboxItems', index: 'byConversation', query: itemsQuery(a.conversationId) },
  ],
};

/** The reads to make ahead for an operation whose input is valid (`args` parsed); the actor's alone otherwise. */
export function preloadFor<K extends OpName>(op: K, actorId: string, args: OpArgs<K> | undefined): Preload[] {
  const more = args && PRELOADS[op];
  return [...actor(actorId), ...(more ? more(args, actorId) : [])];
}
