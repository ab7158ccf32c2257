import { useState } from 'preact/hooks';
import { maskBsn, type ClientContextModel } from '../lib/app/client-context';
import type { Route } from '../lib/app/router';
import { useI18n } from './i18n';

/** Runs a model action that may lead somewhere, with the button busy meanwhile. */
function useOpen(model: ClientContextModel, onGo: (route: Route) => void) {
  const [busy, setBusy] = useState(false);
  const open = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const route = await model.open();
      if (route) onGo(route);
    } finally {
      setBusy(false);
    }
  };
  return { busy, open };
}

/**
 * "Huidige cliënt": whose record is on screen in the tab beside the panel,
 * and the way from there to their network, or to consent and a network for
 * a client the panel does not know yet. Says nothing beside a page that is
 * not a record system's.
 */
export function CurrentClient({ model, onGo }: { model: ClientContextModel; onGo: (route: Route) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { busy, open } = useOpen(model, onGo);
  const state = model.state.value;
  if (state.kind === 'none') return null;
  const reread = (
    <button type="button" class="link small" onClick={() => void model.reread()}>{t('context.reread')}</button>
  );
  if (state.kind === 'refused') {
    return (
      <section class="current-client none" aria-labelledby="current-client-title">
        <h2 id="current-client-title" class="current-client-title">
          {t('context.none')}
          {state.system && <span class="muted"> {t('context.from', { system: state.system })}</span>}
        </h2>
        <p class="small">{t(`context.reason.${state.reason}`)}</p>
        <div class="current-client-actions">{reread}</div>
      </section>
    );
  }
  const { context } = state;
  const known = model.known.value;
  return (
    <section class="current-client" aria-labelledby="current-client-title">
      <h2 id="current-client-title" class="current-client-title">
        {t('context.title')} <span class="muted">{t('context.from', { system: context.system })}</span>
      </h2>
      <p class="current-client-who">
        <strong>{context.name}</strong>
        <span class="sep" aria-hidden="true"> · </span>
        <span>{t('clients.born', { date: i18n.date(context.birthDate) })}</span>
        {context.bsn && (
          <>
            <span class="sep" aria-hidden="true"> · </span>
            <span aria-hidden="true">{t('clients.bsnShort', { bsn: maskBsn(context.bsn) })}</span>
            <span class="sr-only">{t('context.bsnEnding', { digits: context.bsn.slice(-3) })}</span>
          </>
        )}
      </p>
      <p class="small muted">{known ? t('context.known') : `${t('context.unknown')} ${t('context.startHint', { system: context.system })}`}</p>
      <div class="current-client-actions">
        <button type="button" class="primary" disabled={busy} aria-busy={busy} onClick={() => void open()}>
          {known ? t('context.open') : t('context.start')}
        </button>
        {reread}
      </div>
    </section>
  );
}

/**
 * Shown above a client's screen when the record on screen is someone else's:
 * the moment a message would otherwise go into the wrong client's network.
 */
export function ContextMismatchWarning({ model, onGo }: { model: ClientContextModel; onGo: (route: Route) => void }) {
  const { t } = useI18n();
  const { busy, open } = useOpen(model, onGo);
  const found = model.mismatch.value;
  if (!found) return null;
  return (
    <div class="notice mismatch" role="alert">
      <p><strong>{t('context.mismatch')}</strong></p>
      <p class="small">{t('context.mismatchDetail', { open: found.open.name, system: found.onScreen.system, onScreen: found.onScreen.name })}</p>
      <button type="button" disabled={busy} aria-busy={busy} onClick={() => void open()}>
        {t('context.switchTo', { name: found.onScreen.name })}
      </button>
    </div>
  );
}
