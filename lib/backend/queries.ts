import type { OpArgs } from './operations';
import type { IndexQuery } from './store';

/**
 * The index queries of the busiest operations, built in one place: the
 * handlers run them, and the server reads them ahead in the same round trip
 * as the actor (server/api/preload.ts), which only helps when both ask for
 * exactly the same query.
 */

/** Messages per page of a conversation (R7: earlier pages are read with `before`). */
export const MESSAGES_PAGE = 100;

/** A conversation's inbox items (each owner's, each way in). */
export const itemsQuery = (conversationId: string): IndexQuery => ({ equals: [conversationId] });

/** Newest first, one more than a page to know whether there are earlier ones. */
export const messagesPageQuery = (conversationId: string, before: OpArgs<'readConversation'>['before']): IndexQuery => ({
  equals: [conversationId], ...(before ? { upper: [before.createdAt, before.id] } : {}), reverse: true, limit: MESSAGES_PAGE + 1,
});

/** One page of a list, newest activity first, one more than the page to know whether another follows. */
export const inboxPageQuery = (ownerId: string, args: OpArgs<'listInbox'>): IndexQuery => ({
  equals: [ownerId, args.via, args.archived ? 1 : 0],
  ...(args.before ? { upper: [args.before.lastActivity, args.before.id] } : {}),
  reverse: true,
  limit: args.limit + 1,
});
