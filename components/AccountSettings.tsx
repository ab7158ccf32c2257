import { useEffect, useState } from 'preact/hooks';
import type { MailSettingsOutput } from '../lib/contract/wire';
import type { AccountStore } from '../lib/extension/account-store';
import { useI18n } from './i18n';
import { Field } from './ui';

/**
 * Server mode, signed in: which lists send a mail when something new waits
 * unseen (the mail never holds the message), in which language, and a new
 * password. Each mail choice is saved at once.
 */
export function AccountSettings({ store }: { store: AccountStore }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<MailSettingsOutput | null | undefined>(undefined);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  useEffect(() => {
    // Not signed in: say where to; training mode (no server to ask): nothing to show.
    void store.mailSettings().then((r) => setSettings(r.ok ? r.value : r.code === 'not-signed-in' ? null : undefined));
  }, [store]);
  if (settings === undefined) return null;
  const save = async (change: Parameters<AccountStore['saveMailSettings']>[0]) => {
    const r = await store.saveMailSettings(change);
    if (r.ok) setSettings(r.value);
    setMessage(r.ok ? { ok: true, text: t('options.mailSaved') } : { ok: false, text: t('options.mailNotSaved') });
  };
  return (
    <section class="stack" aria-labelledby="mail-title">
      <h2 id="mail-title">{t('options.mail')}</h2>
      <p class="hint" id="mail-hint">{t('options.mailHint')}</p>
      {settings === null && <p>{t('options.mailLater')}</p>}
      {settings && (
        <>
          <fieldset aria-describedby="mail-hint">
            <legend>{t('options.mailLists')}</legend>
            {settings.lists.map((l) => (
              <label key={l.via} class="choice">
                <input type="checkbox" checked={l.enabled} onChange={(e) => void save({ lists: { [l.via]: e.currentTarget.checked } })} />
                {l.name ?? t('nav.own')}
              </label>
            ))}
          </fieldset>
          <Field label={t('options.mailLang')}>
            {(id) => (
              <select id={id} value={settings.lang} onChange={(e) => void save({ lang: e.currentTarget.value as 'nl' | 'en' })}>
                <option value="nl" lang="nl">Nederlands</option>
                <option value="en" lang="en">English</option>
              </select>
            )}
          </Field>
          <form
            class="stack"
            aria-labelledby="password-title"
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await store.changePassword(current, next);
              const wrong = !r.ok && r.issues?.some((i) => i.message === 'wrong-password');
              const weak = !r.ok && r.issues?.some((i) => i.path[0] === 'password');
              setMessage(r.ok ? { ok: true, text: t('options.passwordChanged') }
                : { ok: false, text: t(wrong ? 'options.passwordWrong' : weak ? 'options.passwordWeak' : 'options.passwordNotChanged') });
              if (r.ok) {
                setCurrent('');
                setNext('');
              }
            }}
          >
            <h3 id="password-title">{t('options.password')}</h3>
            <Field label={t('options.passwordCurrent')}>
              {(id) => <input id={id} type="password" required autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />}
            </Field>
            <Field label={t('options.passwordNew')}>
              {(id) => <input id={id} type="password" required minLength={12} maxLength={200} autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />}
            </Field>
            <div class="actions"><button type="submit">{t('options.passwordSubmit')}</button></div>
          </form>
        </>
      )}
      <div role="status">{message?.ok && <p class="notice done">{message.text}</p>}</div>
      <div role="alert">{message && !message.ok && <p class="notice refusal">{message.text}</p>}</div>
    </section>
  );
}
