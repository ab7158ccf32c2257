import type { ReadonlySignal } from '@preact/signals';
import { useI18n } from '../components/i18n';
import { InboxScreen } from '../components/InboxScreen';
import { lazy } from '../components/lazy';
import { SignIn } from '../components/SignIn';
import { StatusRegion } from '../components/StatusRegion';
import { Loading } from '../components/ui';
import type { AppModel } from '../lib/app/app';
import type { Route } from '../lib/app/router';
import type { ViewTarget } from '../widget/protocol';

const ConversationScreen = lazy(() => import('../components/ConversationScreen'));
const ClientScreen = lazy(() => import('../components/ClientScreen'));
const NetworkScreen = lazy(() => import('../components/NetworkScreen'));
const NewConversationScreen = lazy(() => import('../components/NewConversationScreen'));
const WriteToUs = lazy(() => import('./WriteToUs'));

/** The screen a widget view starts on. Writing starts from the clients (the form asks which one). */
export function homeRoute(target: ViewTarget): Route {
  switch (target.view) {
    case 'conversation':
      return { name: 'conversation', id: target.conversation! };
    case 'write':
      return { name: 'clients' };
    default:
      return { name: 'inbox', via: target.inbox ?? '' };
  }
}

/** Loads the code of the first screen while the session is asked for. */
export function preloadFor(target: ViewTarget) {
  if (target.view === 'conversation') void ConversationScreen.preload();
  if (target.view === 'write') void WriteToUs.preload();
}

export interface EmbedAppProps {
  app: AppModel;
  target: ReadonlySignal<ViewTarget>;
  /** The organisation whose intranet this is: where "write to us" writes when the element names no other. */
  org: string;
}

/**
 * The embed page: the side panel's views without its navigation, showing
 * the one view the intranet page asked for (a shared inbox, a conversation,
 * writing to an organisation) and what the user opens from there.
 */
export function EmbedApp({ app, target, org }: EmbedAppProps) {
  const { t } = useI18n();
  const me = app.session.me.value;
  const { mode } = app;
  const route = app.router.route.value;
  const state = app.state.value;

  return (
    <div class="app embed">
      <header class="top">
        <div class="brand">
          <h1>{t('app.title')}</h1>
          {me && state === 'ready' && (
            <p class="whoami">
              <span class="name">{me.professional.name}</span>
              <span class="sep" aria-hidden="true"> · </span>
              <span>{me.org.name}</span>
            </p>
          )}
          <div class="top-actions">
            {mode.kind === 'server' && me && state === 'ready' && (
              <button type="button" class="link small" onClick={() => void mode.signOut()}>{t('signin.signOut')}</button>
            )}
          </div>
        </div>
      </header>
      <main id="main" class="main">
        {state === 'loading' && <Loading />}
        {state === 'failed' && <p class="notice refusal">{t('app.failed')}</p>}
        {state === 'signedOut' && mode.kind === 'server' && <SignIn server={mode} org={org} />}
        {state === 'ready' && me && <Screen app={app} route={route} target={target.value} org={org} />}
      </main>
      <StatusRegion notice={app.status.notice} onDismiss={() => app.status.clear()} />
    </div>
  );
}

function Screen({ app, route, target, org }: { app: AppModel; route: Route; target: ViewTarget; org: string }) {
  const go = (r: Route) => app.go(r);
  const focus = app.router.moves.value > 0;
  const onBack = app.router.canGoBack.value ? () => app.router.back() : undefined;
  switch (route.name) {
    case 'inbox':
      return <InboxScreen key={route.via} inbox={app.inbox} session={app.session} focus={focus} onOpen={go} />;
    case 'conversation':
      return <ConversationScreen key={route.id} app={app} conversationId={route.id} via={route.via} focus={focus} onBack={onBack} />;
    case 'clients':
      return target.view === 'write'
        ? <WriteToUs app={app} orgId={target.to ?? org} focus={focus} />
        : <NotHere onBack={onBack} />;
    case 'client':
      return <ClientScreen key={route.id} app={app} clientId={route.id} focus={focus} onBack={onBack} />;
    case 'network':
      return <NetworkScreen key={route.id} app={app} networkId={route.id} focus={focus} onBack={onBack} />;
    case 'newConversation':
      return <NewConversationScreen key={route.networkId} app={app} networkId={route.networkId} focus={focus} onBack={onBack} />;
    default:
      return <NotHere onBack={onBack} />;
  }
}

function NotHere({ onBack }: { onBack?: () => void }) {
  const { t } = useI18n();
  return (
    <section class="screen">
      {onBack && <button type="button" class="link back" onClick={onBack}>← {t('nav.back')}</button>}
      <p class="empty">{t('embed.notHere')}</p>
    </section>
  );
}
