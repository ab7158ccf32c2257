import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendThroughRuntime } from '../background/runtime-sender';
import { homeCareWritesToPractice, Panel } from './panel';

const subject = 'Lang overleg over mevrouw Hendriks';

describe('a long conversation (R7)', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open();
    await homeCareWritesToPractice(panel, subject, 'Bericht 0');
    // 104 more messages, sent as the panel sends them, so the history is longer than one page (100).
    const conversationId = await panel.page.evaluate(async (subject) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; answer: { ok: boolean; value: { items: { conversationId: string; subject: string }[] } } }> } } };
      const reply = await chrome.runtime.sendMessage({ channel: 'netwerkzorg/runtime', type: 'call', payload: { op: 'listInbox', input: { via: '', archived: false, limit: 20 } } });
      return reply.answer.value.items.find((row) => row.subject === subject)!.conversationId;
    }, subject);
    await sendThroughRuntime(panel.page, [{ conversationId, texts: Array.from({ length: 104 }, (_, i) => `Bericht ${i + 1}`) }]);
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('R7: opens on the newest messages and shows the earlier ones on request, back to the first, by keyboard', async () => {
    await panel.go(/^Mijn lijst/);
    await panel.title('Mijn lijst');
    await panel.openConversation(subject);
    await panel.messages().filter({ hasText: 'Bericht 104' }).waitFor();
    const all = Array.from({ length: 105 }, (_, i) => `Bericht ${i}`);
    const shown = () => panel.messages().locator('.msg-text').allInnerTexts();
    expect(await shown()).toEqual(all.slice(5));

    const earlier = panel.main.getByRole('button', { name: 'Eerdere berichten tonen' });
    await panel.accessible('conversation with earlier messages');
    await earlier.focus();
    await panel.page.keyboard.press('Enter');
    await earlier.waitFor({ state: 'detached' });
    expect(await shown()).toEqual(all);
    // The button is gone; focus is on the messages, not lost to the page.
    await panel.page.waitForFunction(() => document.activeElement?.id === 'conversation-messages', undefined, { timeout: 5000 });
  });
});
