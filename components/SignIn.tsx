import { useState } from 'preact/hooks';
import type { ServerModeModel } from '../lib/app/app';
import { useI18n } from './i18n';
import { ActionForm, Field, ScreenTitle } from './ui';

/** Server mode: e-mail and password, and the code of an authenticator app for those who use one. */
export function SignIn({ server }: { server: ServerModeModel }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  return (
    <section class="screen" aria-labelledby="signin-title">
      <ScreenTitle id="signin-title">{t('signin.title')}</ScreenTitle>
      <p class="muted small">{t('signin.server', { url: server.baseUrl })}</p>
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
        <a href={`${server.baseUrl.replace(/\/+$/, '')}/forgot-password`} target="_blank" rel="noopener noreferrer">{t('signin.forgot')}</a>
      </p>
    </section>
  );
}
