import { useI18n } from './i18n';
import { ScreenTitle } from './ui';

/**
 * The organisation switched the training environment off (policy `trainingAllowed: false`) and no
 * server is set yet: the panel has nothing to work with, and says where to set the server.
 */
export function NoBackend({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useI18n();
  return (
    <div class="app">
      <header class="top">
        <div class="brand">
          <h1>{t('app.title')}</h1>
        </div>
      </header>
      <main id="main" class="main">
        <section class="screen" aria-labelledby="no-backend-title">
          <ScreenTitle id="no-backend-title">{t('noBackend.title')}</ScreenTitle>
          <p>{t('noBackend.explain')}</p>
          <p>
            <button type="button" class="primary" onClick={onOpenSettings}>{t('noBackend.settings')}</button>
          </p>
        </section>
      </main>
    </div>
  );
}
