import { useState } from 'preact/hooks';
import type { AppModel } from '../lib/app/app';
import { isValidBsn } from '../lib/domain/bsn';
import { useI18n } from './i18n';
import { ActionForm, Field, ScreenTitle } from './ui';

/** The clients my organisation may see, and registering a new one. */
export default function ClientsScreen({ app, focus }: { app: AppModel; focus?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const clients = [...app.session.clients.value].sort((a, b) => a.name.localeCompare(b.name));
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [bsn, setBsn] = useState('');
  const [carerName, setCarerName] = useState('');
  const [relation, setRelation] = useState('');
  const bsnWrong = bsn.trim() !== '' && !isValidBsn(bsn.trim());
  return (
    <section class="screen" aria-labelledby="clients-title">
      <ScreenTitle id="clients-title" focus={focus}>{t('clients.title')}</ScreenTitle>
      {clients.length === 0 ? (
        <p class="empty">{t('clients.empty')}</p>
      ) : (
        <ul class="plain-list" aria-label={t('clients.title')}>
          {clients.map((c) => (
            <li key={c.id}>
              <button type="button" class="row-open" onClick={() => app.go({ name: 'client', id: c.id })}>
                <span class="row-subject">{c.name}</span>
                <span class="row-meta">{t('clients.born', { date: i18n.date(c.birthDate) })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <details class="panel">
        <summary>{t('clients.new')}</summary>
        <ActionForm
          label={t('clients.new')}
          submit={t('clients.create')}
          disabled={bsnWrong}
          onSubmit={async () => {
            const carer = carerName.trim() && relation.trim() ? { name: carerName.trim(), relation: relation.trim() } : undefined;
            const id = await app.care.createClient({ name: name.trim(), birthDate, bsn: bsn.trim() || undefined, carer });
            if (id) app.go({ name: 'client', id });
          }}
        >
          <Field label={t('clients.name')}>
            {(id) => <input id={id} required maxLength={200} autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
          <Field label={t('clients.birthDate')}>
            {(id) => <input id={id} type="date" required value={birthDate} onInput={(e) => setBirthDate(e.currentTarget.value)} />}
          </Field>
          <Field label={t('clients.bsn')} hint={bsnWrong ? t('clients.bsnWrong') : t('clients.bsnHint')}>
            {(id, describedBy) => (
              <input id={id} inputMode="numeric" autoComplete="off" maxLength={9} aria-invalid={bsnWrong} aria-describedby={describedBy}
                value={bsn} onInput={(e) => setBsn(e.currentTarget.value)} />
            )}
          </Field>
          <fieldset>
            <legend>{t('clients.carer')}</legend>
            <Field label={t('consent.carerName')}>
              {(id) => <input id={id} maxLength={200} value={carerName} onInput={(e) => setCarerName(e.currentTarget.value)} />}
            </Field>
            <Field label={t('consent.relation')}>
              {(id) => <input id={id} maxLength={80} value={relation} onInput={(e) => setRelation(e.currentTarget.value)} />}
            </Field>
          </fieldset>
        </ActionForm>
      </details>
    </section>
  );
}
