import { describe, expect, it, vi } from 'vitest';
import type { TrustedBackend } from '../../../lib/backend/trusted';
import { nextDue, type OutboxEntry } from '../../../lib/extension/outbox';
import { createOutboxes } from '../../../lib/extension/outboxes';
import { trainingConversation } from '../../fixtures/training-conversation';

const entry = (messageId: string, conversationId: string, nextAttemptAt: number, refused?: OutboxEntry['refused']): OutboxEntry => ({
  messageId, conversationId, text: messageId, idempotencyKey: `key-${messageId}`, createdAt: '2026-01-01T00:00:00.000Z', attempts: 1, nextAttemptAt,
  ...(refused ? { refused } : {}),
});

describe('when the outbox tries again', () => {
  it('per conversation only the oldest waiting message counts; refused ones never', () => {
    expect(nextDue([])).toBeNull();
    expect(nextDue([entry('a', 'c1', 5000), entry('b', 'c1', 0), entry('c', 'c2', 9000)])).toBe(5000);
    expect(nextDue([entry('a', 'c1', 0, 'network-read-only'), entry('b', 'c1', 7000)])).toBe(7000);
    expect(nextDue([entry('a', 'c1', 0, 'network-read-only')])).toBeNull();
  });

  it('a message that waits because the server was down is reported queued, and sent when its backoff ends, without anyone asking', async () => {
    const { local, conversationId } = await trainingConversation({ dbName: 'outbox-retry-region', actingAs: 'p-yilmaz', inboxId: 'inbox-assistentes', firstId: 'first' });

    let down = true;
    const backend: TrustedBackend = {
      call: async (op, input, o) => (down ? { ok: false, code: 'unavailable' } : local.call(op, input, o)),
      run: async (op, args, o) => (down ? { ok: false, code: 'unavailable' } : local.run(op, args, o)),
      files: local.files,
    };
    const timers: { fn: () => void; ms: number }[] = [];
    const outboxes = createOutboxes({
      authors: async () => ['training/p-yilmaz'],
      sendingAs: () => backend,
      later: (fn, ms) => {
        timers.push({ fn, ms });
        return () => void timers.splice(timers.findIndex((t) => t.fn === fn), 1);
      },
    });
    const r = await outboxes.send('training/p-yilmaz', { conversationId, messageId: 'm-1', text: 'Tijdens storing', idempotencyKey: 'key-m-1' });
    expect(r).toEqual({ state: 'queued' });
    // One try again is planned, after the first backoff (0.5–1 s, so at the least delay: a second).
    expect(timers.map((t) => t.ms)).toEqual([1000]);

    down = false;
    // The planned moment comes (only the clock is moved: IndexedDB keeps its own timers).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + timers[0]!.ms);
    timers[0]!.fn();
    await outboxes.flush();
    vi.useRealTimers();
    expect(await outboxes.pending('training/p-yilmaz', conversationId)).toEqual([]);
    const read = await local.call('readConversation', { conversationId });
    expect(read.ok && read.value.messages.map((m) => m.text)).toEqual(['Eerste bericht', 'Tijdens storing']);
    // Nothing waits: nothing more is planned.
    expect(timers).toEqual([]);
    outboxes.close();
  });
});
