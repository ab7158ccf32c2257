import { useState } from 'preact/hooks';
import { useI18n } from './i18n';
import { ActionForm, Field } from './ui';

const MIN_REASON = 10;

/** R13: an account manager without a care role reads contents only with a reason, which is logged. */
export function EmergencyStep({ onOpen }: { onOpen: (reason: string) => Promise<unknown> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [reason, setReason] = useState('');
  return (
    <section class="panel warning" aria-labelledby="emergency-title">
      <h3 id="emergency-title">{t('emergency.title')}</h3>
      <p>{i18n.refusal('contents-restricted')}</p>
      <ActionForm
        label={t('emergency.title')}
        submit={t('emergency.open')}
        disabled={reason.trim().length < MIN_REASON}
        onSubmit={() => onOpen(reason.trim())}
      >
        <Field label={t('emergency.reason')} hint={t('emergency.reasonHint', { n: MIN_REASON })}>
          {(id, describedBy) => (
            <textarea id={id} rows={3} required minLength={MIN_REASON} maxLength={500} aria-describedby={describedBy}
              value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          )}
        </Field>
      </ActionForm>
    </section>
  );
}
