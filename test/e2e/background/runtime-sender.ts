import type { Page } from 'playwright-core';

export interface Sent {
  conversationId: string;
  texts: string[];
}

/**
 * Sends messages as the panel does, over the runtime protocol from an
 * extension page (faster than typing): one after another per conversation,
 * the conversations side by side, each through the background's outbox with
 * the idempotency key made when it was written. A request the background
 * never answered (its service worker was stopped) is sent again under the
 * same message id and key, as the panel's model does; "queued" means it
 * waits in the outbox.
 */
export async function sendThroughRuntime(page: Page, plan: Sent[]): Promise<Sent[]> {
  const refusals = await page.evaluate(async (plan) => {
    type Reply = { ok: true; answer: { state: 'sent' | 'queued' | 'refused'; failure?: { code: string } } } | { ok: false; error: string } | undefined;
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Reply> } } };
    const refused: string[] = [];
    await Promise.all(plan.map(async ({ conversationId, texts }) => {
      for (const text of texts) {
        const message = { conversationId, messageId: crypto.randomUUID(), text, idempotencyKey: crypto.randomUUID() };
        for (;;) {
          const reply = await chrome.runtime.sendMessage({ channel: 'netwerkzorg/runtime', type: 'outbox.send', payload: message })
            .catch(() => undefined);
          if (reply?.ok) {
            const { state, failure } = reply.answer;
            if (state === 'refused' && failure?.code !== 'unavailable') refused.push(`${text}: ${failure?.code}`);
            // Not answered by the backend (its worker stopped mid-send): it may be in the outbox, or not; sent again it is stored once.
            if (state === 'refused' && failure?.code === 'unavailable') continue;
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }));
    return refused;
  }, plan);
  if (refusals.length) throw new Error(`refused: ${refusals.join(', ')}`);
  return plan;
}
