import { useState } from 'preact/hooks';
import { serverOrigin } from '../lib/extension/server-origin';
import { EhrAdaptersSettings, type AdaptersStore } from './CurrentClientSettings';
import type { NotificationsStore } from '../lib/notify/options-store';
import { NotificationSettings } from './NotificationSettings';
import { AccountSettings } from './AccountSettings';
import type { AccountStore } from '../lib/extension/account-store';
import type { Lang } from '../lib/i18n';
import { useI18n } from './i18n';

export type BackendChoice = { kind: 'training' } | { kind: 'server'; url: string };
export type SaveOutcome = 'saved' | 'denied';

export interface OptionsPageProps {
  lang: Lang;
  /** The organisation's policy set the language: shown, not changeable. */
  langLocked?: boolean;
  /** null: the organisation switched the training environment off and no server is set yet. */
  backend: BackendChoice | null;
  /** The organisation's policy set the server: shown, not changeable. */
  locked: boolean;
  /** False when the organisation's policy switched the training environment off: it is not offered. */
  trainingAllowed?: boolean;
  /**
   * Stores the choice. For a server it must ask the browser for that origin
   * first, still inside the click (browsers only ask during a user gesture).
   */
  onSave: (lang: Lang, backend: BackendChoice, origin: string | null) => Promise<SaveOutcome>;
  /** With a locked server: asks for access to it from a click. */
  onGrant?: (origin: string) => Promise<boolean>;
  /** Where the record systems' adapters are kept (the extension's storage unless a test passes one). */
  adaptersStore?: AdaptersStore;
  /** Desktop notifications per list; the section shows only with a store. */
  notifications?: NotificationsStore;
  /** Server mode: mail choices and a new password; the section shows only with a store, and only once signed in. */
  account?: AccountStore;
}

/** Language and environment: training (default) or the organisation's server. */
export function OptionsPage(props: OptionsPageProps) {
  const { t } = useI18n();
  const [lang, setLang] = useState<Lang>(props.lang);
  const trainingAllowed = props.trainingAllowed !== false;
  const [kind, setKind] = useState(props.backend?.kind ?? 'server');
  const [url, setUrl] = useState(props.backend?.kind === 'server' ? props.backend.url : '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const lockedUrl = props.locked && props.backend?.kind === 'server' ? props.backend.url : null;

  const save = (e: Event) => {
    e.preventDefault();
    const backend: BackendChoice = lockedUrl ? { kind: 'server', url: lockedUrl } : kind === 'server' || !trainingAllowed ? { kind: 'server', url: url.trim() } : { kind: 'training' };
    const origin = backend.kind === 'server' ? serverOrigin(backend.url) : null;
    if (backend.kind === 'server' && !origin) {
      setMessage({ ok: false, text: t('options.invalidUrl') });
      return;
    }
    // No await before onSave: the permission prompt needs this click.
    void props.onSave(lang, backend.kind === 'server' ? { kind: 'server', url: origin! } : backend, props.locked ? null : origin).then((outcome) =>
      setMessage(outcome === 'saved' ? { ok: true, text: t('options.saved') } : { ok: false, text: t('options.permissionDenied', { origin: origin ?? '' }) }),
    );
  };

  return (
    <main class="options">
      <h1>{t('options.title')}</h1>
      <form class="stack" onSubmit={save} aria-label={t('options.title')}>
        <fieldset disabled={props.langLocked}>
          <legend>{t('options.language')}</legend>
          {props.langLocked && <p>{t('options.languageLocked')}</p>}
          {(['nl', 'en'] as const).map((l) => (
            <label key={l} class="choice" lang={l}>
              <input type="radio" name="lang" value={l} checked={lang === l} onChange={() => setLang(l)} />
              {t(`options.lang.${l}`)}
            </label>
          ))}
        </fieldset>
        {lockedUrl ? (
          <>
            <fieldset disabled>
              <legend>{t('options.backend')}</legend>
              <p>{t('options.locked', { url: lockedUrl })}</p>
            </fieldset>
            {/* Outside the disabled fieldset, which would disable it too: access to the organisation's server is still the user's to grant. */}
            {props.onGrant && (
              <p>
                <button
                  type="button"
                  onClick={() => {
                    const origin = serverOrigin(lockedUrl);
                    if (origin) void props.onGrant!(origin).then((ok) =>
                      setMessage(ok ? { ok: true, text: t('options.granted', { origin }) } : { ok: false, text: t('options.permissionDenied', { origin }) }));
                  }}
                >
                  {t('options.grant')}
                </button>
              </p>
            )}
          </>
        ) : (
          <fieldset>
            <legend>{t('options.backend')}</legend>
            {trainingAllowed ? (
              <>
                <label class="choice">
                  <input type="radio" name="backend" value="training" checked={kind === 'training'} onChange={() => setKind('training')} />
                  {t('options.training')}
                </label>
                <label class="choice">
                  <input type="radio" name="backend" value="server" checked={kind === 'server'} onChange={() => setKind('server')} />
                  {t('options.server')}
                </label>
              </>
            ) : (
              <p>{t('options.trainingOff')}</p>
            )}
            {(kind === 'server' || !trainingAllowed) && (
              <div class="field">
                <label for="server-url">{t('options.serverUrl')}</label>
                <p class="hint" id="server-url-hint">{t('options.serverUrlHint')}</p>
                <input id="server-url" type="url" required inputMode="url" autoComplete="url" aria-describedby="server-url-hint"
                  value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
              </div>
            )}
          </fieldset>
        )}
        <div class="actions">
          <button type="submit" class="primary">{t('options.save')}</button>
        </div>
        <div role="status">{message?.ok && <p class="notice done">{message.text}</p>}</div>
        <div role="alert">{message && !message.ok && <p class="notice refusal">{message.text}</p>}</div>
      </form>
      <EhrAdaptersSettings store={props.adaptersStore} />
      {props.notifications && <NotificationSettings store={props.notifications} />}
      {props.account && <AccountSettings store={props.account} />}
    </main>
  );
}
