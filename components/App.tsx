import type { AppModel } from '../lib/app/app';
import type { Route } from '../lib/app/router';
import { ContextMismatchWarning, CurrentClient } from './CurrentClient';
import type { I18n } from '../lib/i18n';
import { useI18n } from './i18n';
import { InboxScreen } from './InboxScreen';
import { lazy } from './lazy';
import { Nav } from './Nav';
import { SignIn } from './SignIn';
import { StatusRegion } from './StatusRegion';
import { TrainingBar } from './TrainingBar';
import { Loading } from './ui';

const ConversationScreen = lazy(() => import('./ConversationScreen'));
const ClientsScreen = lazy(() => import('./ClientsScreen'));
const ClientScreen = lazy(() => import('./ClientScreen'));
const NetworkScreen = lazy(() => import('./NetworkScreen'));
const NewConversationScreen = lazy(() => import('./NewConversationScreen'));
const DirectoryScreen = lazy(() => import('./DirectoryScreen'));
const AdminScreen = lazy(() => import('./AdminScreen'));

/** Everything after the inbox, fetched once the first screen is up. */
/** The other screens' code and texts, fetched once the first screen is shown. */
export function preloadScreens(i18n: I18n) {
  return Promise.all([
    i18n.loadScreens(),
    ...[ConversationScreen, ClientsScreen, ClientScreen, NetworkScreen, NewConversationScreen, DirectoryScreen, AdminScreen].map((s) => s.preload()),
  ]);
}

/** The side panel (and embed page): who I am, training switch, navigation, the current screen, the live region. */
export function App({ app, onOpenSettings }: { app: AppModel; onOpenSettings?: () => void }) {
  const { t } = useI18n();
  const me = app.session.me.value;
  const { mode } = app;
  const route = app.router.route.value;

  const back = app.router.canGoBack.value ? () => app.router.back() : undefined;
  // Focus moves to a screen's title only after the user navigated, never on first load.
  const focus = app.router.moves.value > 0;

  return (
    <div class="app">
      <header class="top">
        <div class="brand">
          <h1>{t('app.title')}</h1>
          {/* Signed out, the screen no longer says who was here (a shared workstation). */}
          {me && app.state.value !== 'signedOut' && (
            <p class="whoami">
              <span class="name">{me.professional.name}</span>
              <span class="sep" aria-hidden="true"> · </span>
              <span>{t(`role.${me.professional.role}`)}</span>
              <span class="sep" aria-hidden="true"> · </span>
              <span>{me.org.name}</span>
            </p>
          )}
          <div class="top-actions">
            {onOpenSettings && <button type="button" class="link small" onClick={onOpenSettings}>{t('app.settings')}</button>}
            {mode.kind === 'server' && me && app.state.value === 'ready' && (
              <button type="button" class="link small" onClick={() => void mode.signOut()}>{t('signin.signOut')}</button>
            )}
          </div>
        </div>
        {mode.kind === 'training' && <TrainingBar training={mode} directory={app.session.directory.value} />}
        {me && app.state.value !== 'signedOut' && (
          <Nav
            route={route}
            inboxes={me.inboxes}
            counts={app.inbox.counts.value}
            canManage={app.session.canManage.value}
            onGo={(r) => {
              app.status.clear();
              app.go(r);
            }}
          />
        )}
      </header>
      <main id="main" class="main">
        {app.state.value === 'loading' && <Loading />}
        {app.state.value === 'failed' && <p class="notice refusal">{t('app.failed')}</p>}
        {app.state.value === 'signedOut' && mode.kind === 'server' && <SignIn server={mode} />}
        {app.state.value === 'ready' && me && (
          <>
            {app.clientContext && <CurrentClient model={app.clientContext} onGo={(r) => app.go(r)} />}
            {app.clientContext && <ContextMismatchWarning model={app.clientContext} onGo={(r) => app.go(r)} />}
            <Screen app={app} route={route} focus={focus} onBack={back} />
          </>
        )}
      </main>
      <StatusRegion notice={app.status.notice} onDismiss={() => app.status.clear()} />
    </div>
  );
}

function Screen({ app, route, focus, onBack }: { app: AppModel; route: Route; focus: boolean; onBack?: () => void }) {
  const go = (r: Route) => app.go(r);
  switch (route.name) {
    case 'inbox':
      return <InboxScreen key={route.via} inbox={app.inbox} session={app.session} focus={focus} onOpen={go} />;
    case 'conversation':
      return <ConversationScreen key={route.id} app={app} conversationId={route.id} via={route.via} focus={focus} onBack={onBack} />;
    case 'clients':
      return <ClientsScreen app={app} focus={focus} />;
    case 'client':
      return <ClientScreen key={route.id} app={app} clientId={route.id} focus={focus} onBack={onBack} />;
    case 'network':
      return <NetworkScreen key={route.id} app={app} networkId={route.id} focus={focus} onBack={onBack} />;
    case 'newConversation':
      return <NewConversationScreen key={route.networkId} app={app} networkId={route.networkId} focus={focus} onBack={onBack} />;
    case 'directory':
      return <DirectoryScreen session={app.session} focus={focus} />;
    case 'admin':
      return <AdminScreen app={app} focus={focus} />;
  }
}
