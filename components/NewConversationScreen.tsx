import { useState } from 'preact/hooks';
import type { AppModel } from '../lib/app/app';
import { useI18n } from './i18n';
import { toggled, useInboxChoice } from './recipients';
import { ActionForm, BackButton, Field, Loading, ScreenTitle } from './ui';

/**
 * The first (or a new) conversation in a network. Choosing an organisation
 * that is not in the network yet proposes its primary shared inbox (R17),
 * with each inbox's guidelines (R16).
 */
export default function NewConversationScreen({ app, networkId, focus, onBack }: { app: AppModel; networkId: string; focus?: boolean; onBack?: () => void }) {
  const { t } = useI18n();
  const { session, care } = app;
  const view = care.network.value;
  const dir = session.directory.value;
  const me = session.me.value!;
  const [orgId, setOrgId] = useState('');
  const { suggestion, inboxIds, toggle: toggleInbox, suggest } = useInboxChoice(care);
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  if (!view || view.network.id !== networkId || !dir) {
    return (
      <section class="screen">
        <BackButton onBack={onBack} />
        <Loading />
      </section>
    );
  }
  const chooseOrg = async (id: string) => {
    setOrgId(id);
    if (id) await suggest(id);
  };
  const orgPeople = dir.professionals.filter((p) => p.orgId === orgId && p.isCareProfessional && p.id !== me.professional.id);
  const chosen = [
    ...inboxIds.map((id) => ({ key: `i:${id}`, label: dir.inboxes.find((i) => i.id === id)?.name ?? id, remove: () => toggleInbox(id, false) })),
    ...personIds.map((id) => ({ key: `p:${id}`, label: dir.professionals.find((p) => p.id === id)?.name ?? id, remove: () => setPersonIds((l) => toggled(l, id, false)) })),
  ];

  return (
    <section class="screen" aria-labelledby="new-conv-title">
      <BackButton onBack={onBack} />
      <ScreenTitle id="new-conv-title" focus={focus}>{t('newConv.title')}</ScreenTitle>
      <p class="muted small">{t('newConv.for', { name: view.client.name })}</p>
      <ActionForm
        label={t('newConv.title')}
        submit={t('newConv.start')}
        disabled={chosen.length === 0}
        onSubmit={async () => {
          const id = await care.startConversation({ networkId, subject: subject.trim(), inboxIds, professionalIds: personIds, text: text.trim() });
          if (id) app.router.replace({ name: 'conversation', id, via: '' });
        }}
      >
        <fieldset>
          <legend>{t('newConv.recipients')}</legend>
          <Field label={t('newConv.org')}>
            {(id) => (
              <select id={id} value={orgId} onChange={(e) => void chooseOrg(e.currentTarget.value)}>
                <option value="">{t('common.choose')}</option>
                {dir.organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            )}
          </Field>
          {suggestion && (
            <div class="choices">
              {suggestion.proposedInboxId && (
                <p class="small tag hint-tag">{t('newConv.proposed', { inbox: suggestion.inboxes.find((i) => i.id === suggestion.proposedInboxId)?.name ?? '' })}</p>
              )}
              <p class="small strong">{t('newConv.inboxes')}</p>
              {suggestion.inboxes.length === 0 && <p class="small muted">{t('newConv.noInboxes')}</p>}
              {suggestion.inboxes.map((i) => (
                <label key={i.id} class="choice">
                  <input type="checkbox" checked={inboxIds.includes(i.id)} onChange={(e) => toggleInbox(i.id, e.currentTarget.checked)} />
                  <span>
                    <span class="strong">{i.name}</span>
                    {i.guidelines && <span class="small muted block">{i.guidelines}</span>}
                  </span>
                </label>
              ))}
              {orgPeople.length > 0 && (
                <details>
                  <summary>{t('newConv.orPerson')}</summary>
                  {orgPeople.map((p) => (
                    <label key={p.id} class="choice">
                      <input type="checkbox" checked={personIds.includes(p.id)} onChange={(e) => setPersonIds((l) => toggled(l, p.id, e.currentTarget.checked))} />
                      <span>{p.name} <span class="small muted">– {t(`role.${p.role}`)}</span></span>
                    </label>
                  ))}
                </details>
              )}
            </div>
          )}
          <div aria-live="polite">
            {chosen.length === 0 ? (
              <p class="small muted">{t('newConv.noneChosen')}</p>
            ) : (
              <ul class="chips" aria-label={t('newConv.chosen')}>
                {chosen.map((c) => (
                  <li key={c.key}>
                    {c.label}
                    <button type="button" class="chip-remove" aria-label={t('newConv.remove', { name: c.label })} onClick={c.remove}>×</button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </fieldset>
        <Field label={t('newConv.subject')}>
          {(id) => <input id={id} required maxLength={140} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />}
        </Field>
        <Field label={t('newConv.message')}>
          {(id) => <textarea id={id} required rows={5} maxLength={10_000} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
      </ActionForm>
    </section>
  );
}
