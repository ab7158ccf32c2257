import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openTraining } from '../../../lib/backend/local/training';
import { resetTraining } from '../../../lib/backend/local/local-backend';
import { notificationTexts } from '../../../lib/i18n/notifications';
import { refreshAttention } from '../../../lib/notify/attention';
import { choose, saveChoices } from '../../../lib/notify/settings';

/**
 * Desktop notifications as the background decides them, over real training data: home care writes
 * to the practice's assistants, and whether Jansen (an assistant) is told follows her own choice
 * and the organisation's policy (notifyByDefault, lockNotifications).
 */
async function homeCareWritesToAssistants() {
  const training = await openTraining({ actingAs: 'p-yilmaz' });
  const b = training.backend;
  const text = await b.call('currentConsentText', {});
  if (!text.ok || !text.value) throw new Error('no consent text');
  await b.call('recordConsent', { clientId: 'c-pietersen', textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' }, { idempotencyKey: crypto.randomUUID() });
  const network = await b.call('createNetwork', { clientId: 'c-pietersen' }, { idempotencyKey: crypto.randomUUID() });
  if (!network.ok) throw new Error(network.code);
  const conv = await b.call('startConversation', {
    networkId: network.value.id, subject: 'Wondzorg', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Graag overleg',
  }, { idempotencyKey: crypto.randomUUID() });
  if (!conv.ok) throw new Error(conv.code);
  return training.backendAs('p-jansen');
}

async function notificationsFor(policy: Record<string, unknown>, choices = { muted: [] as string[], enabled: [] as string[] }) {
  await fakeBrowser.storage.managed.set(policy);
  await saveChoices(choices);
  const shown: string[] = [];
  await refreshAttention({
    backend: await homeCareWritesToAssistants(), author: 'training/p-jansen', quietFirstLook: false, texts: notificationTexts('nl'),
    setBadge: async () => undefined,
    notify: async (_id, _title, body) => void shown.push(body),
  });
  return shown;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await resetTraining();
});

describe('desktop notifications and the organisation\'s policy', () => {
  it('tell the assistant about the message by default', async () => {
    expect(await notificationsFor({})).toEqual(['In: Doktersassistentes']);
  });

  it('stay silent where the organisation set them off by default, unless she switched the inbox on', async () => {
    expect(await notificationsFor({ notifyByDefault: false })).toEqual([]);
    await resetTraining();
    expect(await notificationsFor({ notifyByDefault: false }, choose({ muted: [], enabled: [] }, 'inbox-assistentes', true))).toEqual(['In: Doktersassistentes']);
  });

  it('follow a locked policy whatever she chose', async () => {
    expect(await notificationsFor({ notifyByDefault: false, lockNotifications: true }, { muted: [], enabled: ['inbox-assistentes'] })).toEqual([]);
  });
});
