import './zod-setup';
import '../../components/styles.css';
import { render } from 'preact';
import { App, preloadScreens } from '../../components/App';
import { I18nContext } from '../../components/i18n';
import { createApp } from '../../lib/app/app';
import { readLanguage, trainingPersonItem } from '../../lib/app/settings';
import { openTraining } from '../../lib/app/training';
import { loadI18n } from '../../lib/i18n';

async function main() {
  const root = document.getElementById('app')!;
  const lang = await readLanguage();
  const [i18n, person] = await Promise.all([loadI18n(lang), trainingPersonItem.getValue()]);
  document.documentElement.lang = lang;
  const training = await openTraining({ actingAs: person ?? undefined });
  const app = createApp({
    backend: training.backend,
    training,
    rememberActingAs: (id) => void trainingPersonItem.setValue(id),
  });
  document.title = i18n.t('app.title');
  render(
    <I18nContext.Provider value={i18n}>
      <App app={app} />
    </I18nContext.Provider>,
    root,
  );
  await app.start();
  void preloadScreens();
}

void main();
