import { browser } from 'wxt/browser';
import { readLanguage } from './settings';
import { notificationTexts } from '../i18n/notifications';
import { refreshAttention } from '../notify/attention';
import { BADGE_COLOUR } from '../notify/badge';
import { askToOpen, conversationOf } from '../notify/open-request';
import { coalesce } from '../util/coalesce';
import { createHandler } from './handler';
import { buildHost, createHostCache } from './hosts';
import { createRequestListener, type Listener } from './listener';
import type { RuntimeEvent } from './protocol';

/** Every minute, panel open or not: the outbox is flushed and the badge and notifications brought up to date. */
export const MINUTE_ALARM = 'netwerkzorg-minute';

const log = (e: unknown) => console.error('netwerkzorg background:', e);

type SidebarAction = { sidebarAction?: { open(): Promise<void> } };

/**
 * The background owns the backend: it builds training mode or the server
 * client from the settings, answers the pages over the runtime protocol,
 * sends the outbox and keeps the badge. Every listener is registered in the
 * service worker's first turn, and the host (settings, IndexedDB) starts
 * building in it: a worker woken by a page's message has that message
 * dispatched only after its first turn, so the reads overlap the wait. A
 * host that fails to build is built again by the next message.
 */
export function startBackground() {
  const broadcast = (event: RuntimeEvent) => void browser.runtime.sendMessage(event).catch(() => undefined);
  const hosts = createHostCache(() => buildHost(broadcast));
  void hosts.get().catch(log);

  const attention = coalesce(async () => {
    const host = await hosts.get();
    await refreshAttention({
      backend: host.backend,
      author: await host.author(),
      quietFirstLook: host.mode.kind === 'server',
      texts: notificationTexts(await readLanguage()),
      setBadge: (text) => browser.action.setBadgeText({ text }),
      notify: async (id, title, message) => {
        await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
      },
    });
  });
  let soon: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(soon);
    soon = setTimeout(() => void attention().catch(log), 300);
  };
  const flushAndLook = async (now = false) => {
    try {
      const { outboxes } = await hosts.get();
      await (now ? outboxes.flushNow() : outboxes.flush());
      await attention();
    } catch (e) {
      log(e);
    }
  };

  const handle = createHandler({ hosts, lang: readLanguage, changed });
  const listener = createRequestListener(handle, { runtimeId: browser.runtime.id, ownBase: browser.runtime.getURL('/') });
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0] & Listener);

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === MINUTE_ALARM) void flushAndLook();
  });
  void browser.alarms.get(MINUTE_ALARM).then(async (a) => {
    if (!a) await browser.alarms.create(MINUTE_ALARM, { periodInMinutes: 1 });
  }).catch(log);

  browser.storage.onChanged.addListener((changes, area) => {
    // Another backend (options page, or the organisation's policy): the next message builds it.
    if (area === 'managed' || (area === 'local' && 'backend' in changes)) {
      hosts.forget();
      changed();
    }
    // Another demo person chosen (by a page, or in storage directly): act as them, show their badge.
    const person = area === 'local' ? changes.trainingActingAs?.newValue : undefined;
    if (typeof person === 'string') {
      void hosts.get().then(async (h) => {
        if (h.mode.kind === 'training' && h.mode.actingAs() !== person) await h.mode.actAs(person);
        changed();
      }).catch(log);
    }
    // Training back "online": what waited goes out now.
    if (area === 'local' && 'trainingOffline' in changes && !changes.trainingOffline?.newValue) void flushAndLook(true);
  });

  browser.notifications.onClicked.addListener((id) => {
    // Opening the panel needs the click's user gesture, which the first await ends: it is called first.
    const firefox = (browser as unknown as SidebarAction).sidebarAction;
    const opening = firefox ? firefox.open() : browser.sidePanel?.open({ windowId: browser.windows.WINDOW_ID_CURRENT });
    void opening?.catch((e: unknown) => console.warn('netwerkzorg: the panel did not open', e));
    void browser.notifications.clear(id);
    const conversationId = conversationOf(id);
    if (conversationId) void askToOpen(conversationId).catch(log);
  });

  void browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR }).catch(log);
  // A (re)start: send what waited and bring the badge up to date, after the page that woke us had its first answers.
  setTimeout(() => void flushAndLook(), 1500);
  // Back online (a server mode laptop leaving the train): what waits is due now.
  globalThis.addEventListener?.('online', () => void flushAndLook(true));
}
