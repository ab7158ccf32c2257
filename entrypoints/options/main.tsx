import '../../lib/zod-jitless';
import '../../components/styles.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18nContext } from '../../components/i18n';
import { OptionsPage, type BackendChoice } from '../../components/OptionsPage';
import { originPattern } from '../../lib/extension/server-origin';
import { languageItem, readBackend, readLanguageSetting, saveBackend } from '../../lib/extension/settings';
import { loadI18n, type Lang } from '../../lib/i18n';
import { runtimeAccountStore } from '../../lib/extension/account-store';
import { runtimeNotificationsStore } from '../../lib/notify/options-store';

const root = document.getElementById('app')!;

async function show() {
  const { lang, locked: langLocked } = await readLanguageSetting();
  const [i18n, effective] = await Promise.all([loadI18n(lang, { screens: true }), readBackend()]);
  document.documentElement.lang = lang;
  document.title = i18n.t('options.title');

  const onSave = async (next: Lang, backend: BackendChoice, origin: string | null) => {
    // First thing in the click: the browser only asks for a permission during a user gesture.
    const granted = origin ? await browser.permissions.request({ origins: [originPattern(origin)] }) : true;
    if (!granted) return 'denied' as const;
    if (!effective.locked) await saveBackend(backend);
    if (next !== lang && !langLocked) {
      await languageItem.setValue(next);
      await show();
    }
    return 'saved' as const;
  };
  const onGrant = (origin: string) => browser.permissions.request({ origins: [originPattern(origin)] });

  render(
    <I18nContext.Provider value={i18n}>
      <OptionsPage key={lang} lang={lang} langLocked={langLocked} backend={effective.setting} locked={effective.locked} trainingAllowed={effective.trainingAllowed} onSave={onSave} onGrant={onGrant} notifications={runtimeNotificationsStore} account={runtimeAccountStore} />
    </I18nContext.Provider>,
    root,
  );
}

void show();
