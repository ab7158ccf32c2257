import { useState } from 'preact/hooks';
import type { Carer, ConsentGiver, ConsentText } from '../lib/domain';
import { useI18n } from './i18n';
import { ActionForm, Field } from './ui';

export type ConsentMethod = 'verbal' | 'written' | 'portal';

/**
 * R1, R2: the region's standard text, shown with its version so it can be
 * read out; consent given by the client or by a carer with name and relation.
 */
export function ConsentForm(props: {
  text: ConsentText;
  carer?: Carer;
  onRecord: (givenBy: ConsentGiver, method: ConsentMethod) => Promise<boolean>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [by, setBy] = useState<'client' | 'carer'>('client');
  const [name, setName] = useState(props.carer?.name ?? '');
  const [relation, setRelation] = useState(props.carer?.relation ?? '');
  const [method, setMethod] = useState<ConsentMethod>('verbal');
  return (
    <div class="consent-form">
      <figure class="consent-text">
        <figcaption>
          {t('consent.textVersion', { version: props.text.version, date: i18n.date(props.text.publishedAt) })}
        </figcaption>
        <blockquote lang="nl">{props.text.text}</blockquote>
      </figure>
      <ActionForm
        label={t('consent.record')}
        submit={t('consent.record')}
        onSubmit={() =>
          props.onRecord(by === 'client' ? { kind: 'client' } : { kind: 'carer', name: name.trim(), relation: relation.trim() }, method)
        }
      >
        <fieldset>
          <legend>{t('consent.givenBy')}</legend>
          <label class="choice">
            <input type="radio" name="given-by" value="client" checked={by === 'client'} onChange={() => setBy('client')} />
            {t('consent.byClient')}
          </label>
          <label class="choice">
            <input type="radio" name="given-by" value="carer" checked={by === 'carer'} onChange={() => setBy('carer')} />
            {t('consent.byCarer')}
          </label>
          {by === 'carer' && (
            <>
              <Field label={t('consent.carerName')}>
                {(id) => <input id={id} required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
              </Field>
              <Field label={t('consent.relation')} hint={t('consent.relationHint')}>
                {(id, d) => <input id={id} required maxLength={80} aria-describedby={d} value={relation} onInput={(e) => setRelation(e.currentTarget.value)} />}
              </Field>
            </>
          )}
        </fieldset>
        <Field label={t('consent.method')}>
          {(id) => (
            <select id={id} value={method} onChange={(e) => setMethod(e.currentTarget.value as ConsentMethod)}>
              <option value="verbal">{t('consent.method.verbal')}</option>
              <option value="written">{t('consent.method.written')}</option>
              <option value="portal">{t('consent.method.portal')}</option>
            </select>
          )}
        </Field>
      </ActionForm>
    </div>
  );
}
