import '../lib/zod-jitless';
import '../components/styles.css';
import './embed.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { I18nContext } from '../components/i18n';
import { createApp, type AppOptions } from '../lib/app/app';
import { directOutbox } from '../lib/backend/direct-outbox';
import { whenIdle } from '../lib/app/paint';
import { connectServer } from '../lib/backend/http/server-connection';
import { loadI18n } from '../lib/i18n';
import { connectToHost } from './bridge';
import { EmbedApp, homeRoute, preloadFor } from './EmbedApp';
import { readParams } from './params';
import { popupStep } from './popup-step';
import { sessionTokenStore } from './token-store';

/**
 * The embed page: served by the organisation's server under /embed/ and
 * shown by the widget loader in an iframe on an intranet page. It talks to
 * its own server (same origin, no CORS) and keeps the sign-in in this
 * frame's sessionStorage; the intranet page gets sizes and "ready" only.
 */
async function main() {
  const params = readParams(location.search);
  const root = document.getElementById('app')!;
  if (params.launcher) document.documentElement.classList.add('launcher');
  const target = signal(params.target);
  preloadFor(params.target);

  const server = connectServer(location.origin, sessionTokenStore(), popupStep());
  const options: AppOptions = {
    connection: { mode: server.mode, backend: server.backend, outbox: directOutbox(server.backend) }, home: homeRoute(params.target),
  };
  const app = createApp(options);
  const bridge = connectToHost({
    host: params.host,
    measure: root,
    onNavigate(next) {
      target.value = next;
      options.home = homeRoute(next);
      // Signed out or still starting: the new view is where the next start lands.
      if (app.state.value === 'ready') {
        app.status.clear();
        app.router.reset(options.home);
      }
    },
  });
  let live: { stop(): void } | undefined;
  let gone = false;
  addEventListener('pagehide', () => {
    gone = true;
    bridge.dispose();
    live?.stop();
  });

  const i18n = await loadI18n(params.lang);
  document.documentElement.lang = params.lang;
  document.title = i18n.t('app.title');
  render(
    <I18nContext.Provider value={i18n}>
      <EmbedApp app={app} target={target} org={params.org} />
    </I18nContext.Provider>,
    root,
  );
  bridge.ready();
  await app.start();
  // What colleagues change shows without reloading: the server's event stream. Its code loads once the
  // first screen has painted and the page is idle: the first screen does not need it, and fetching it
  // must not compete with that screen's requests (the embed page's first load is budgeted at 60 KB).
  await whenIdle();
  const { startLive } = await import('../lib/app/live');
  if (!gone) live = startLive(app, { streamUrl: () => server.mode.liveUrl() });
}

void main();
