import { useEffect, useState } from 'preact/hooks';
import type { ServerModeModel } from '../lib/app/app';
import type { SsoOrganisation } from '../lib/contract/wire';
import { useI18n } from './i18n';
import { ActionForm, Field, ScreenTitle } from './ui';

/**
 * Where the organisation signs in through its own provider (OpenID Connect): one button, with a
 * choice of organisation when the server has several. Shown only when the server offers it.
 */
function OrganisationSignIn({ server, org }: { server: ServerModeModel; org?: string }) {
  const { t } = useI18n();
  const [organisations, setOrganisations] = useState<SsoOrganisation[]>([]);
  const [orgId, setOrgId] = useState('');
  useEffect(() => {
    void server.organisations().then((all) => {
      // On an organisation's own page (the widget on its intranet) its people need no choice.
      const own = all.filter((o) => o.orgId === org);
      const list = own.length ? own : all;
      setOrganisations(list);
      setOrgId(list.length === 1 ? list[0]!.orgId : '');
    });
  }, [server, org]);
  if (!organisations.length) return null;
  return (
    <>
      <ActionForm label={t('signin.organisation')} submit={t('signin.organisation')} disabled={!orgId} onSubmit={() => server.signInWithOrganisation(orgId)}>
        {organisations.length === 1 ? (
          <p class="small">{t('signin.organisationOne', { name: organisations[0]!.name })}</p>
        ) : (
          <Field label={t('signin.organisationChoose')}>
            {(id) => (
              <select id={id} required value={orgId} onChange={(e) => setOrgId(e.currentTarget.value)}>
                <option value="">{t('common.choose')}</option>
                {organisations.map((o) => <option key={o.orgId} value={o.orgId}>{o.name}</option>)}
              </select>
            )}
          </Field>
        )}
      </ActionForm>
      <p class="muted small">{t('signin.orPassword')}</p>
    </>
  );
}

/**
 * Server mode: e-mail and password, and the code of an authenticator app for those who use one; or the
 * organisation's own sign-in. `org`: the organisation whose page this is (the widget's), offered alone.
 */
export function SignIn({ server, org }: { server: ServerModeModel; org?: string }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  return (
    <section class="screen" aria-labelledby="signin-title">
      <ScreenTitle id="signin-title">{t('signin.title')}</ScreenTitle>
      <p class="muted small">{t('signin.server', { url: server.baseUrl })}</p>
      <OrganisationSignIn server={server} org={org} />
      <ActionForm
        label={t('signin.title')}
        submit={t('signin.submit')}
        onSubmit={async () => {
          if (await server.signIn(email.trim(), password, totp.trim() || undefined)) setPassword('');
        }}
      >
        <Field label={t('signin.email')}>
          {(id) => <input id={id} type="email" required autoComplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <Field label={t('signin.password')}>
          {(id) => <input id={id} type="password" required autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
        </Field>
        {/* Always offered: the server's answer never tells whether the password was right without the code. */}
        <Field label={t('signin.totp')} hint={t('signin.totpHint')}>
          {(id, d) => (
            <input id={id} inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} aria-describedby={d}
              value={totp} onInput={(e) => setTotp(e.currentTarget.value)} />
          )}
        </Field>
      </ActionForm>
      {/* The server's own page: the reset link goes to the person's mailbox, and the answer never says whether the address has an account. */}
      <p class="small">
        <a href={`${server.baseUrl.replace(/\/+$/, '')}/forgot-password${lang === 'en' ? '?lang=en' : ''}`} target="_blank" rel="noopener noreferrer">{t('signin.forgot')}</a>
      </p>
    </section>
  );
}
