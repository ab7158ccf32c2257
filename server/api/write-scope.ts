import type { OpArgs, OpName } from '../../lib/backend/operations';
import type { WriteScope } from '../db';

/**
 * Which writes may run side by side (PostgreSQL; see server/db/write-locks.ts).
 *
 * A command whose scope is a set of keys runs beside other scoped commands
 * and takes turns only with those holding one of its keys; a command without
 * a scope runs alone. Writes run READ COMMITTED, so this table is what keeps
 * updates from being lost: two commands that may write the same row, or
 * where one writes a row the other decides on, must share a key or one of
 * them must be unscoped. Read lib/backend/handlers.ts (what a command loads)
 * and lib/domain/decide (what it puts) before adding a command here:
 *
 *   - postMessage, archive, readConversation read a conversation, its network
 *     and its inbox items and write only that conversation, its inbox items
 *     and messages: keyed by the conversation (and postMessage by its message
 *     id too, which another conversation could be given). The network, the
 *     actor, inboxes are written only by unscoped commands, so they cannot
 *     change under them.
 *   - readClient, readNetwork, accessHistory, suggestRecipients write only
 *     new audit records (append-only, fresh ids): no key at all.
 *   - everything else (networks, consent, membership, accounts, inboxes)
 *     changes what many commands decide on: unscoped, one at a time. So is
 *     any write outside this table (auth routes), as the safe default.
 *
 * The idempotency row needs no key: a second request with the same key
 * fails on its unique index and is retried, and then finds the first answer.
 */
const SCOPES: Partial<{ [K in OpName]: (args: never) => string[] }> = {
  postMessage: (a: { conversationId: string; messageId: string }) => [`conversation:${a.conversationId}`, `message:${a.messageId}`],
  archive: (a: { conversationId: string }) => [`conversation:${a.conversationId}`],
  readConversation: (a: { conversationId: string }) => [`conversation:${a.conversationId}`],
  readClient: () => [],
  readNetwork: () => [],
  accessHistory: () => [],
  suggestRecipients: () => [],
};

/** The scope of a command with this valid input; none (run alone) when its input was not valid, which the service then refuses. */
export function writeScope<K extends OpName>(op: K, args: OpArgs<K> | undefined): WriteScope | undefined {
  const keys = SCOPES[op];
  return keys && args ? { keys: keys(args as never) } : undefined;
}
