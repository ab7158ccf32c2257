import { useState } from 'preact/hooks';
import type { AppModel } from '../lib/app/app';
import { AccountsPanel } from './AccountsPanel';
import { useI18n } from './i18n';
import { TeamsPanel } from './TeamsPanel';
import { ActionForm, Field, Loading, ScreenTitle } from './ui';

/** R2: the regional administrator publishes a new version of the standard consent text; earlier consents keep theirs. */
function ConsentTextPanel({ app }: { app: AppModel }) {
  const i18n = useI18n();
  const { t } = i18n;
  const current = app.care.consentText.value;
  const [text, setText] = useState('');
  return (
    <section class="panel" aria-labelledby="text-title">
      <h3 id="text-title">{t('admin.consentText')}</h3>
      {current && (
        <figure class="consent-text">
          <figcaption>{t('consent.textVersion', { version: current.version, date: i18n.date(current.publishedAt) })}</figcaption>
          <blockquote lang="nl">{current.text}</blockquote>
        </figure>
      )}
      <ActionForm
        label={t('admin.publish')}
        submit={t('admin.publish')}
        disabled={text.trim().length < 20}
        onSubmit={async () => {
          if (await app.admin.publishConsentText(text.trim())) {
            setText('');
            await app.care.loadConsentText();
          }
        }}
      >
        <Field label={t('admin.newVersion')} hint={t('admin.newVersionHint')}>
          {(id, d) => <textarea id={id} rows={6} minLength={20} maxLength={20_000} aria-describedby={d} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
      </ActionForm>
    </section>
  );
}

export default function AdminScreen({ app, focus }: { app: AppModel; focus?: boolean }) {
  const { t } = useI18n();
  const me = app.session.me.value!;
  const dir = app.session.directory.value;
  const accounts = app.admin.accounts.value;
  const p = me.professional;
  const teams = dir?.teams.filter((tm) => tm.orgId === me.org.id) ?? [];
  return (
    <section class="screen" aria-labelledby="admin-title">
      <ScreenTitle id="admin-title" focus={focus}>{t('admin.title')}</ScreenTitle>
      <p class="muted small">{t('admin.for', { org: me.org.name })}</p>
      {!dir || !accounts ? (
        <Loading />
      ) : (
        <>
          {p.isAccountManager && (
            <AccountsPanel admin={app.admin} accounts={accounts} teams={teams} meId={p.id} domains={me.org.emailDomains} />
          )}
          <TeamsPanel admin={app.admin} teams={teams} inboxes={dir.inboxes.filter((i) => i.orgId === me.org.id)} accounts={accounts} me={p} />
        </>
      )}
      {p.isRegionalAdmin && <ConsentTextPanel app={app} />}
    </section>
  );
}
