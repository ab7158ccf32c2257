import type { Page } from 'playwright-core';

export interface Sent {
  conversationId: string;
  texts: string[];
}

/**
 * Sends messages as the panel does, over the runtime protocol from an
 * extension page (faster than typing): one after another per conversation,
 * the conversations side by side. A request the background never answered
 * (its service worker was stopped) is sent again under the same message id,
 * as the panel's model does; an answer "queued" means it waits in the outbox.
 */
export async function sendThroughRuntime(page: Page, plan: Sent[]): Promise<Sent[]> {
  const refusals = await page.evaluate(async (plan) => {
    type Reply = { ok: true; answer: { ok: boolean; code?: string } } | { ok: false; error: string } | undefined;
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Reply> } } };
    const refused: string[] = [];
    await Promise.all(plan.map(async ({ conversationId, texts }) => {
      for (const text of texts) {
        const input = { conversationId, messageId: crypto.randomUUID(), text };
        for (;;) {
          const reply = await chrome.runtime.sendMessage({ channel: 'netwerkzorg/runtime', type: 'call', payload: { op: 'postMessage', input } })
            .catch(() => undefined);
          if (reply?.ok) {
            if (!reply.answer.ok && reply.answer.code !== 'unavailable') refused.push(`${text}: ${reply.answer.code}`);
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
