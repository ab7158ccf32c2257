import { useState } from 'preact/hooks';
import type { Recipient } from '../lib/app/conversation';
import { useI18n } from './i18n';
import { ActionForm, Field } from './ui';

export interface Choice { id: string; label: string; hint?: string }

/** R9: a participant adds a shared inbox (R8: its members now) or one professional. */
export function AddParticipant({ inboxes, people, onAdd }: { inboxes: Choice[]; people: Choice[]; onAdd: (r: Recipient) => Promise<boolean> }) {
  const { t } = useI18n();
  const [inboxId, setInboxId] = useState('');
  const [personId, setPersonId] = useState('');
  const hint = inboxes.find((i) => i.id === inboxId)?.hint;
  return (
    <details class="panel">
      <summary>{t('add.title')}</summary>
      <p class="small muted">{t('add.explain')}</p>
      <ActionForm
        label={t('add.addInbox')}
        submit={t('add.addInbox')}
        disabled={!inboxId}
        onSubmit={async () => {
          if (await onAdd({ inboxId })) setInboxId('');
        }}
      >
        <Field label={t('add.inbox')} hint={hint}>
          {(id, describedBy) => (
            <select id={id} value={inboxId} aria-describedby={describedBy} onChange={(e) => setInboxId(e.currentTarget.value)}>
              <option value="">{t('common.choose')}</option>
              {inboxes.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </select>
          )}
        </Field>
      </ActionForm>
      <ActionForm
        label={t('add.addPerson')}
        submit={t('add.addPerson')}
        disabled={!personId}
        onSubmit={async () => {
          if (await onAdd({ professionalId: personId })) setPersonId('');
        }}
      >
        <Field label={t('add.person')}>
          {(id) => (
            <select id={id} value={personId} onChange={(e) => setPersonId(e.currentTarget.value)}>
              <option value="">{t('common.choose')}</option>
              {people.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </select>
          )}
        </Field>
      </ActionForm>
    </details>
  );
}
