import type { Backend, FileData, OutboxPort, SendOutcome } from '../contract/port';
import type { Failure } from '../contract/result';

type Input = { conversationId: string; messageId: string; text: string; idempotencyKey: string; files?: FileData[] };

/**
 * An outbox that keeps nothing: each message goes straight to the backend,
 * and one that cannot be sent is shown as failed for the user to send again.
 * For hosts without storage of their own (the widget's embed page). Its
 * files (R20) are uploaded first, each under a key made from the message's,
 * so sending again uploads none twice.
 */
export function directOutbox(backend: Backend): OutboxPort {
  const tried = new Map<string, Input>();
  const send = async (input: Input): Promise<SendOutcome> => {
    const refused = (failure: Failure): SendOutcome => {
      tried.set(input.messageId, input);
      return { state: 'refused', failure };
    };
    const attachmentIds: string[] = [];
    for (const [i, file] of (input.files ?? []).entries()) {
      const up = await backend.files.upload(file, { idempotencyKey: `${input.idempotencyKey}.f${i}` });
      if (!up.ok) return refused(up);
      attachmentIds.push(up.value.id);
    }
    const r = await backend.call('postMessage', { conversationId: input.conversationId, messageId: input.messageId, text: input.text, attachmentIds }, {
      idempotencyKey: input.idempotencyKey,
    });
    if (!r.ok) return refused(r);
    tried.delete(input.messageId);
    return { state: 'sent', message: r.value };
  };
  return {
    keeps: false,
    send,
    pending: async () => null,
    async retry(messageId) {
      const t = tried.get(messageId);
      return t ? send(t) : { state: 'refused', failure: { ok: false, code: 'not-found', detail: 'outbox' } };
    },
    async discard(messageId) {
      tried.delete(messageId);
    },
    subscribe: () => () => {},
  };
}
