import '../../components/styles.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App, preloadScreens } from '../../components/App';
import { I18nContext } from '../../components/i18n';
import { NoBackend } from '../../components/NoBackend';
import { createApp } from '../../lib/app/app';
import { createClientContextModel } from '../../lib/app/client-context';
import { FIRST_CALLS } from '../../lib/app/first-screen';
import { startLive } from '../../lib/app/live';
import { afterNextPaint } from '../../lib/app/paint';
import { answerOf, backgroundTabContext, connectToBackground, RuntimeBackend, sendToBackground } from '../../lib/extension/client';
import { askEarly, takeEarly, type Early } from '../../lib/extension/early';
import type { Hello } from '../../lib/extension/protocol';
import { loadI18n } from '../../lib/i18n';
import { followOpenRequests } from '../../lib/notify/open-request';

/** The service worker is woken by the first message; should that one be lost while it starts, ask once more. */
async function hello(asked: Early['hello']): Promise<Hello> {
  try {
    return await answerOf('hello', asked);
  } catch {
    await new Promise((r) => setTimeout(r, 300));
    return sendToBackground('hello', {});
  }
}

/** The backend lives in the background (training mode or the organisation's server): the panel has its models and views. */
async function main() {
  const backend = new RuntimeBackend(sendToBackground);
  // What the first screen needs was asked with the greeting by the page's early script (entrypoints/panel-early.ts),
  // while this code loaded; here only if that script did not run. A sleeping service worker answers all in one wake-up.
  const early = takeEarly() ?? askEarly(FIRST_CALLS);
  for (const { op, input, reply } of early.calls) backend.prime(op, input as never, reply);
  const greeting = await hello(early.hello);
  const i18n = await loadI18n(greeting.lang);
  document.documentElement.lang = greeting.lang;
  document.title = i18n.t('app.title');
  // A new language or backend chosen on the options page (or by policy) applies at once.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && ('language' in changes || 'backend' in changes))) location.reload();
  });
  const openSettings = () => void browser.runtime.openOptionsPage();
  if (greeting.mode === 'none') {
    backend.clearPrimed();
    render(<I18nContext.Provider value={i18n}><NoBackend onOpenSettings={openSettings} /></I18nContext.Provider>, document.getElementById('app')!);
    return;
  }
  const connection = connectToBackground(sendToBackground, backend, greeting);
  const app = createApp({
    connection, afterFirstPaint: afterNextPaint,
    clientContext: { source: backgroundTabContext(sendToBackground), createModel: createClientContextModel },
  });
  render(
    <I18nContext.Provider value={i18n}>
      <App app={app} onOpenSettings={openSettings} />
    </I18nContext.Provider>,
    document.getElementById('app')!,
  );
  // Changes made elsewhere show without reloading (the server's event stream; in training, a timer).
  const { mode } = connection;
  const live = startLive(app, { streamUrl: mode.kind === 'server' ? () => mode.liveUrl() : undefined });
  addEventListener('pagehide', () => {
    live.stop();
    app.dispose();
  });
  await app.start();
  backend.clearPrimed();
  // A click on a new-message notification asks for its conversation.
  followOpenRequests((id) => app.go({ name: 'conversation', id }));
  // The other screens load once the first inbox page has painted, so their code does not compete with it.
  requestAnimationFrame(() => setTimeout(() => void preloadScreens(i18n), 300));
}

void main();
