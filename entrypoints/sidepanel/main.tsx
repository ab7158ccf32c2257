import './zod-setup';
import '../../components/styles.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App, preloadScreens } from '../../components/App';
import { I18nContext } from '../../components/i18n';
import { createApp, type AppOptions } from '../../lib/app/app';
import { activeTabContext } from '../../lib/app/client-context-tabs';
import { backendItem, languageItem, readBackend, readLanguage, tokenItem, trainingPersonItem } from '../../lib/app/settings';
import { loadI18n } from '../../lib/i18n';

/** Training mode (default, this browser's IndexedDB) or the organisation's server, as the options page or policy set it. */
async function backendOptions(): Promise<AppOptions> {
  const { setting } = await readBackend();
  if (setting.kind === 'server') {
    const { createServerHost } = await import('../../lib/app/server');
    const server = createServerHost(setting.url, {
      get: async () => (await tokenItem.getValue()) ?? undefined,
      set: async (token) => (token ? tokenItem.setValue(token) : tokenItem.removeValue()),
    });
    return { backend: server.backend, server };
  }
  const { openTraining } = await import('../../lib/app/training');
  const person = await trainingPersonItem.getValue();
  const training = await openTraining({ actingAs: person ?? undefined });
  return { backend: training.backend, training, rememberActingAs: (id) => void trainingPersonItem.setValue(id) };
}

async function main() {
  const lang = await readLanguage();
  const [i18n, options] = await Promise.all([loadI18n(lang), backendOptions()]);
  document.documentElement.lang = lang;
  document.title = i18n.t('app.title');
  const app = createApp({ ...options, clientContext: activeTabContext });
  render(
    <I18nContext.Provider value={i18n}>
      <App app={app} onOpenSettings={() => void browser.runtime.openOptionsPage()} />
    </I18nContext.Provider>,
    document.getElementById('app')!,
  );
  // A new language or backend chosen on the options page applies at once.
  languageItem.watch(() => location.reload());
  backendItem.watch(() => location.reload());
  await app.start();
  void preloadScreens();
}

void main();
