import { useState } from 'preact/hooks';
import type { AuditEvent } from '../lib/domain';
import { useI18n } from './i18n';
import { ActionForm, Field, Time } from './ui';

const day = (d: Date) => d.toISOString().slice(0, 10);

export interface AccessHistoryProps {
  events: AuditEvent[] | null;
  personName: (id: string) => string | undefined;
  orgName: (id: string) => string | undefined;
  onLoad: (from: string, to: string) => Promise<unknown>;
  /** Opening a conversation from the log (R13: the emergency step follows for those without a care role). */
  onOpenConversation?: (id: string) => void;
}

/** R15: every read and change of this client's data in a period: who, when, what, and whether in an emergency. */
export function AccessHistory({ events, personName, orgName, onLoad, onOpenConversation }: AccessHistoryProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const today = new Date();
  const [from, setFrom] = useState(day(new Date(today.getTime() - 30 * 86_400_000)));
  const [to, setTo] = useState(day(today));
  return (
    <section class="panel" aria-labelledby="history-title">
      <h3 id="history-title">{t('history.title')}</h3>
      <p class="small muted">{t('history.explain')}</p>
      <ActionForm label={t('history.title')} submit={t('history.show')} class="inline-form" onSubmit={() => onLoad(from, to)}>
        <Field label={t('history.from')}>
          {(id) => <input id={id} type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}
        </Field>
        <Field label={t('history.to')}>
          {(id) => <input id={id} type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />}
        </Field>
      </ActionForm>
      {events && (events.length === 0 ? (
        <p class="empty">{t('history.empty')}</p>
      ) : (
        <ol class="history" aria-label={t('history.entries', { n: events.length })}>
          {events.map((e) => (
            <li key={e.id} class={e.emergency ? 'emergency' : undefined}>
              <p class="h-what">
                <strong>{i18n.maybe(`audit.${e.action}`) ?? e.action}</strong>
                <span class="muted"> · {t(`audit.object.${e.objectType}`)}</span>
                {e.outcome === 'refused' && <span class="muted"> · {t('audit.outcome.refused')}</span>}
              </p>
              <p class="small">
                {personName(e.userId) ?? e.userId}, {i18n.maybe(`role.${e.role}`) ?? e.role}, {orgName(e.orgId) ?? e.orgId}
              </p>
              <p class="small muted">
                <Time iso={e.at} /> · {t(`audit.source.${e.source}`)}
              </p>
              {e.emergency && <p class="small tag warning">{t('history.emergency', { reason: e.reason ?? '' })}</p>}
              {onOpenConversation && e.objectType === 'conversation' && (
                <button type="button" class="link small" onClick={() => onOpenConversation(e.objectId)}>{t('history.openConversation')}</button>
              )}
            </li>
          ))}
        </ol>
      ))}
    </section>
  );
}
