import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../components/i18n';
import { ActionForm, Field, Loading, ScreenTitle } from '../components/ui';
import type { AppModel } from '../lib/app/app';
import { useInboxChoice } from '../components/recipients';

/**
 * "Write to us": a new conversation with one organisation, about a client
 * in a network the writer takes part in. The organisation's primary shared
 * inbox is chosen for the writer (R17) — they do not know who will pick the
 * message up — and its other shared inboxes can be chosen instead (R16).
 */
export default function WriteToUs({ app, orgId, focus }: { app: AppModel; orgId: string; focus?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session, care } = app;
  const dir = session.directory.value;
  const me = session.me.value!;
  const clients = session.clients.value;
  const [clientId, setClientId] = useState('');
  const [networkId, setNetworkId] = useState('');
  const { suggestion, inboxIds, toggle, reset, suggest } = useInboxChoice(care);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const clientView = care.client.value;
  const networks = clientView?.client.id === clientId ? clientView.networks.filter((n) => n.status === 'open') : [];
  const orgName = session.orgName(orgId);

  // One open network (the usual case) is chosen without asking.
  useEffect(() => {
    if (networks.length === 1 && networkId !== networks[0]!.id) void chooseNetwork(networks[0]!.id);
  }, [networks.map((n) => n.id).join()]);

  if (!dir) return <section class="screen"><Loading /></section>;
  const title = t('write.title', { org: orgName ?? '…' });
  if (!orgName) {
    return (
      <section class="screen" aria-labelledby="write-title">
        <ScreenTitle id="write-title" focus={focus}>{title}</ScreenTitle>
        <p class="empty">{t('write.unknownOrg')}</p>
      </section>
    );
  }
  if (!me.professional.isCareProfessional) {
    return (
      <section class="screen" aria-labelledby="write-title">
        <ScreenTitle id="write-title" focus={focus}>{title}</ScreenTitle>
        <p class="notice readonly">{t('write.careOnly')}</p>
      </section>
    );
  }

  async function chooseClient(id: string) {
    setClientId(id);
    setNetworkId('');
    reset();
    if (id) await care.openClient(id);
  }
  async function chooseNetwork(id: string) {
    setNetworkId(id);
    reset();
    if (!id) return;
    await care.openNetwork(id);
    // R17: written to one organisation, one inbox is chosen: the proposal, or else its primary one.
    await suggest(orgId, true);
  }
  const proposed = suggestion?.inboxes.find((i) => i.id === (suggestion.proposedInboxId ?? inboxIds[0]));

  return (
    <section class="screen" aria-labelledby="write-title">
      <ScreenTitle id="write-title" focus={focus}>{title}</ScreenTitle>
      <p class="muted small">{t('write.intro', { org: orgName })}</p>
      {clients.length === 0 ? (
        <p class="empty">{t('write.noClients')}</p>
      ) : (
        <ActionForm
          label={title}
          submit={t('write.start')}
          disabled={!networkId || inboxIds.length === 0}
          onSubmit={async () => {
            const id = await care.startConversation({ networkId, subject: subject.trim(), inboxIds, professionalIds: [], text: message.trim() });
            if (id) app.go({ name: 'conversation', id, via: '' });
          }}
        >
          <Field label={t('write.client')}>
            {(id) => (
              <select id={id} required value={clientId} onChange={(e) => void chooseClient(e.currentTarget.value)}>
                <option value="">{t('common.choose')}</option>
                {clients.map((c) => <option key={c.id} value={c.id}>{c.name} ({i18n.date(c.birthDate)})</option>)}
              </select>
            )}
          </Field>
          {clientId && clientView?.client.id === clientId && networks.length === 0 && <p class="notice readonly">{t('write.noNetwork')}</p>}
          {networks.length > 1 && (
            <Field label={t('write.network')}>
              {(id) => (
                <select id={id} required value={networkId} onChange={(e) => void chooseNetwork(e.currentTarget.value)}>
                  <option value="">{t('common.choose')}</option>
                  {networks.map((n) => <option key={n.id} value={n.id}>{t('write.networkFrom', { date: i18n.date(n.createdAt) })}</option>)}
                </select>
              )}
            </Field>
          )}
          {suggestion && (
            <fieldset>
              <legend>{t('newConv.inboxes')}</legend>
              {proposed && <p class="small tag hint-tag">{t('newConv.proposed', { inbox: proposed.name })}</p>}
              {suggestion.inboxes.length === 0 && <p class="small muted">{t('newConv.noInboxes')}</p>}
              {suggestion.inboxes.map((i) => (
                <label key={i.id} class="choice">
                  <input type="checkbox" checked={inboxIds.includes(i.id)} onChange={(e) => toggle(i.id, e.currentTarget.checked)} />
                  <span>
                    <span class="strong">{i.name}</span>
                    {i.guidelines && <span class="small muted block">{i.guidelines}</span>}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <Field label={t('newConv.subject')}>
            {(id) => <input id={id} required maxLength={140} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />}
          </Field>
          <Field label={t('composer.message')}>
            {(id) => <textarea id={id} required rows={5} maxLength={10_000} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />}
          </Field>
        </ActionForm>
      )}
    </section>
  );
}
