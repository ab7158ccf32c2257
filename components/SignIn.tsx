import { useState } from 'preact/hooks';
import type { ServerModeModel } from '../lib/app/app';
import { useI18n } from './i18n';
import { ActionForm, Field, ScreenTitle } from './ui';

/** Server mode: e-mail and password, and a TOTP code when the server asks for one. */
export function SignIn({ server }: { server: ServerModeModel }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const needsTotp = server.totpRequired.value;
  return (
    <section class="screen" aria-labelledby="signin-title">
      <ScreenTitle id="signin-title">{t('signin.title')}</ScreenTitle>
      <p class="muted small">{t('signin.server', { url: server.baseUrl })}</p>
      <ActionForm
        label={t('signin.title')}
        submit={t('signin.submit')}
        onSubmit={async () => {
          if (await server.signIn(email.trim(), password, needsTotp ? totp.trim() : undefined)) setPassword('');
        }}
      >
        <Field label={t('signin.email')}>
          {(id) => <input id={id} type="email" required autoComplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <Field label={t('signin.password')}>
          {(id) => <input id={id} type="password" required autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
        </Field>
        {needsTotp && (
          <Field label={t('signin.totp')} hint={t('signin.totpHint')}>
            {(id, d) => (
              <input id={id} required inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} aria-describedby={d}
                value={totp} onInput={(e) => setTotp(e.currentTarget.value)} />
            )}
          </Field>
        )}
      </ActionForm>
    </section>
  );
}
