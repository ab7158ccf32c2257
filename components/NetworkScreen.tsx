import { useEffect, useState } from 'preact/hooks';
import type { AppModel } from '../lib/app/app';
import type { NetworkView } from '../lib/domain';
import { isOpen, mayActForPractice, mayRequestHandover, mayStartConversation, readsContents } from '../lib/domain/capabilities';
import { Checklist } from './Checklist';
import { useI18n } from './i18n';
import { ActionForm, BackButton, Field, Loading, ScreenTitle, Time } from './ui';

/** The GP practice's steps (R5, R6): patient card, portal invitation, activation. */
function GpSteps({ view, app }: { view: NetworkView; app: AppModel }) {
  const { t } = useI18n();
  const { network } = view;
  // The GP system's own number, when this client's record is open beside the panel.
  const fromRecord = app.clientContext?.patientCardFor(view.client) ?? null;
  const [system, setSystem] = useState(fromRecord?.system ?? 'HIS');
  const [ref, setRef] = useState(fromRecord?.patientRef ?? '');
  useEffect(() => {
    if (fromRecord && !ref) {
      setSystem(fromRecord.system);
      setRef(fromRecord.patientRef);
    }
  }, [fromRecord?.patientRef]);
  const [email, setEmail] = useState('');
  return (
    <>
      {network.patientCard ? (
        <p class="small">{t('network.cardIs', { system: network.patientCard.system, ref: network.patientCard.patientRef })}</p>
      ) : (
        <section class="panel" aria-labelledby="card-title">
          <h3 id="card-title">{t('step.patientCard')}</h3>
          <ActionForm label={t('step.patientCard')} submit={t('network.linkCard')} onSubmit={() => app.care.linkPatientCard(system.trim(), ref.trim())}>
            <Field label={t('network.system')}>
              {(id) => <input id={id} required maxLength={60} value={system} onInput={(e) => setSystem(e.currentTarget.value)} />}
            </Field>
            <Field label={t('network.patientRef')} hint={fromRecord && ref === fromRecord.patientRef ? t('context.cardFromRecord', { system: fromRecord.system }) : t('network.patientRefHint')}>
              {(id, d) => <input id={id} required maxLength={60} autoComplete="off" aria-describedby={d} value={ref} onInput={(e) => setRef(e.currentTarget.value)} />}
            </Field>
          </ActionForm>
        </section>
      )}
      {!network.portal ? (
        <section class="panel" aria-labelledby="invite-title">
          <h3 id="invite-title">{t('step.portalInvited')}</h3>
          <ActionForm label={t('step.portalInvited')} submit={t('network.invite')} onSubmit={() => app.care.inviteToPortal(email.trim() || undefined)}>
            <Field label={t('network.inviteEmail')} hint={t('network.inviteEmailHint')}>
              {(id, d) => <input id={id} type="email" maxLength={254} aria-describedby={d} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
            </Field>
          </ActionForm>
        </section>
      ) : !network.portal.activatedAt ? (
        <section class="panel" aria-labelledby="activated-title">
          <h3 id="activated-title">{t('step.portalActivated')}</h3>
          <p class="small">{t('network.activatedExplain')}</p>
          <button type="button" class="primary" onClick={() => void app.care.markPortalActivated()}>{t('network.markActivated')}</button>
        </section>
      ) : !network.steps.residentAdded ? (
        <p class="panel small">{t('network.addResidentHint')}</p>
      ) : null}
    </>
  );
}

/** R18: the home-care start ends with a request to the GP practice's shared inbox in the first conversation. */
function HandoverRequest({ view, app }: { view: NetworkView; app: AppModel }) {
  const { t } = useI18n();
  const dir = app.session.directory.value;
  const gpOrgs = new Set(dir?.organisations.filter((o) => o.kind === 'gp').map((o) => o.id) ?? []);
  const options = view.conversations.flatMap((c) =>
    c.inboxes
      .map((i) => dir?.inboxes.find((x) => x.id === i.inboxId))
      .filter((i) => i && gpOrgs.has(i.orgId))
      .map((i) => ({ value: `${c.id}|${i!.id}`, label: `${i!.name} – ${c.subject}` })),
  );
  const [choice, setChoice] = useState('');
  const selected = choice || options[0]?.value || '';
  return (
    <section class="panel" aria-labelledby="handover-form-title">
      <h3 id="handover-form-title">{t('step.handoverRequested')}</h3>
      <p class="small">{t('handover.explain')}</p>
      {options.length === 0 ? (
        <p class="small muted">{t('handover.needsGpInbox')}</p>
      ) : (
        <ActionForm
          label={t('step.handoverRequested')}
          submit={t('handover.send')}
          onSubmit={() => {
            const [conversationId, inboxId] = selected.split('|');
            return app.care.requestHandover(conversationId!, inboxId!);
          }}
        >
          <Field label={t('handover.to')}>
            {(id) => (
              <select id={id} value={selected} onChange={(e) => setChoice(e.currentTarget.value)}>
                {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            )}
          </Field>
        </ActionForm>
      )}
    </section>
  );
}

export default function NetworkScreen({ app, networkId, focus, onBack }: { app: AppModel; networkId: string; focus?: boolean; onBack?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = app;
  const view = app.care.network.value;
  if (!view || view.network.id !== networkId) {
    return (
      <section class="screen">
        <BackButton onBack={onBack} />
        <Loading />
      </section>
    );
  }
  const { network, client, conversations } = view;
  const me = session.me.value!;
  const open = isOpen(network);
  const care = readsContents(me.professional);
  const h = network.handover;
  // R18: asked in a conversation of the network, so once the first one exists.
  const canRequestHandover = mayRequestHandover(me.professional, me.org, network) && !!network.steps.firstConversation;
  return (
    <section class="screen" aria-labelledby="network-screen-title">
      <BackButton onBack={onBack} />
      <ScreenTitle id="network-screen-title" focus={focus}>{t('network.of', { name: client.name })}</ScreenTitle>
      <p class="muted small">
        {t('network.startedBy', { org: session.orgName(network.createdByOrg) ?? '' })} · <Time iso={network.createdAt} />
      </p>
      <p>
        <button type="button" class="link" onClick={() => app.go({ name: 'client', id: client.id })}>{t('network.toClient')}</button>
      </p>
      {!open && <p class="notice readonly" role="note">{t('network.readOnly')}</p>}
      <Checklist network={network} />
      {h && (
        <p class={h.status === 'open' ? 'panel task small' : 'panel small'}>
          {h.status === 'open'
            ? t('handover.statusOpen', { inbox: session.inboxName(h.inboxId) ?? '' })
            : t('handover.statusDone', { inbox: session.inboxName(h.inboxId) ?? '' })}{' '}
          <Time iso={h.status === 'open' ? h.requestedAt : (h.completedAt ?? h.requestedAt)} />
        </p>
      )}
      {mayActForPractice(me.org, network) && <GpSteps view={view} app={app} />}
      {canRequestHandover && <HandoverRequest view={view} app={app} />}

      <section class="panel" aria-labelledby="conversations-title">
        <h3 id="conversations-title">{t('network.conversations')}</h3>
        {!care ? (
          <p class="small muted">{t('network.contentsRestricted')}</p>
        ) : conversations.length === 0 ? (
          <p class="empty">{t('network.noConversations')}</p>
        ) : (
          <ul class="plain-list" aria-label={t('network.conversations')}>
            {conversations.map((c) => (
              <li key={c.id}>
                <button type="button" class="row-open" onClick={() => app.go({ name: 'conversation', id: c.id })}>
                  <span class="row-subject">{c.subject}</span>
                  <span class="row-meta"><Time iso={c.lastActivity} /></span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {mayStartConversation(me.professional, network) && (
          <button type="button" class="primary" onClick={() => app.go({ name: 'newConversation', networkId: network.id })}>
            {t('network.newConversation')}
          </button>
        )}
      </section>
    </section>
  );
}
