import type { Backend, OutboxPort, SendOutcome } from '../contract/port';
import type { Failure } from '../contract/result';

/**
 * An outbox that keeps nothing: each message goes straight to the backend,
 * and one that cannot be sent is shown as failed for the user to send again.
 * For hosts without storage of their own (the widget's embed page).
 */
export function directOutbox(backend: Backend): OutboxPort {
  const tried = new Map<string, { conversationId: string; text: string; idempotencyKey: string }>();
  const send = async (input: { conversationId: string; messageId: string; text: string; idempotencyKey: string }): Promise<SendOutcome> => {
    const r = await backend.call('postMessage', { conversationId: input.conversationId, messageId: input.messageId, text: input.text }, {
      idempotencyKey: input.idempotencyKey,
    });
    if (r.ok) {
      tried.delete(input.messageId);
      return { state: 'sent', message: r.value };
    }
    tried.set(input.messageId, input);
    return { state: 'refused', failure: r as Failure };
  };
  return {
    keeps: false,
    send,
    pending: async () => null,
    async retry(messageId) {
      const t = tried.get(messageId);
      return t ? send({ ...t, messageId }) : { state: 'refused', failure: { ok: false, code: 'not-found', detail: 'outbox' } };
    },
    async discard(messageId) {
      tried.delete(messageId);
    },
    subscribe: () => () => {},
  };
}
