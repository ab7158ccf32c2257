import type { AppModel } from '../lib/app/app';
import type { Consent } from '../lib/domain';
import { checklist } from '../lib/domain/checklist';
import { AccessHistory } from './AccessHistory';
import { ConsentForm } from './ConsentForm';
import { useI18n } from './i18n';
import { BackButton, ConfirmButton, Loading, ScreenTitle, Time } from './ui';

function ConsentSummary({ consent, personName, orgName }: { consent: Consent; personName: (id: string) => string | undefined; orgName: (id: string) => string | undefined }) {
  const { t } = useI18n();
  const given = consent.givenBy.kind === 'client'
    ? t('consent.givenByClient')
    : t('consent.givenByCarer', { name: consent.givenBy.name, relation: consent.givenBy.relation });
  return (
    <dl class="facts">
      <dt>{t('consent.givenBy')}</dt>
      <dd>{given}</dd>
      <dt>{t('consent.method')}</dt>
      <dd>{t(`consent.method.${consent.method}`)}</dd>
      <dt>{t('consent.recordedBy')}</dt>
      <dd>
        {personName(consent.recordedBy) ?? consent.recordedBy}, {orgName(consent.recordedByOrg) ?? ''} · <Time iso={consent.recordedAt} />
      </dd>
      <dt>{t('consent.text')}</dt>
      <dd>
        {t('consent.version', { version: consent.textVersion })} <span class="muted small">({t('consent.hash', { hash: consent.textHash.slice(0, 12) })})</span>
      </dd>
      {consent.status === 'withdrawn' && consent.withdrawnAt && (
        <>
          <dt>{t('consent.withdrawnAt')}</dt>
          <dd>
            <Time iso={consent.withdrawnAt} />
            {consent.withdrawnBy && <>, {personName(consent.withdrawnBy) ?? consent.withdrawnBy}</>}
          </dd>
        </>
      )}
    </dl>
  );
}

/** A client: consent (R1–R3), the network and its progress (R4), the access history (R15). */
export default function ClientScreen({ app, clientId, focus, onBack }: { app: AppModel; clientId: string; focus?: boolean; onBack?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { care, session } = app;
  const view = care.client.value;
  if (!view || view.client.id !== clientId) {
    return (
      <section class="screen">
        <BackButton onBack={onBack} />
        <Loading />
      </section>
    );
  }
  const { client, consents, networks } = view;
  const active = consents.find((c) => c.status === 'active');
  const withdrawn = consents.filter((c) => c.status === 'withdrawn').reverse();
  const network = networks.find((n) => n.status === 'open') ?? networks[networks.length - 1];
  const me = session.me.value!;
  const text = care.consentText.value;
  const nonCareManager = me.professional.isAccountManager && !me.professional.isCareProfessional;

  return (
    <section class="screen" aria-labelledby="client-title">
      <BackButton onBack={onBack} />
      <ScreenTitle id="client-title" focus={focus}>{client.name}</ScreenTitle>
      <p class="muted small">
        {t('clients.born', { date: i18n.date(client.birthDate) })}
        {client.bsn && <> · {t('clients.bsnShort', { bsn: client.bsn })}</>}
        {client.carer && <> · {t('clients.carerIs', { name: client.carer.name, relation: client.carer.relation })}</>}
      </p>

      <section class="panel" aria-labelledby="consent-title">
        <h3 id="consent-title">{t('consent.title')}</h3>
        {active ? (
          <>
            <p class="state ok">{t('consent.active')}</p>
            <ConsentSummary consent={active} personName={session.personName} orgName={session.orgName} />
            <ConfirmButton
              danger
              label={t('consent.withdraw')}
              question={t('consent.withdrawQuestion')}
              confirm={t('consent.withdrawConfirm')}
              onConfirm={() => care.withdrawConsent()}
            />
          </>
        ) : (
          <>
            <p class="state">{withdrawn.length ? t('consent.noneAfterWithdrawal') : t('consent.none')}</p>
            {text ? (
              <ConsentForm text={text} carer={client.carer} onRecord={(givenBy, method) => care.recordConsent(givenBy, method)} />
            ) : (
              <Loading />
            )}
          </>
        )}
        {withdrawn.length > 0 && (
          <details>
            <summary>{t('consent.earlier', { n: withdrawn.length })}</summary>
            {withdrawn.map((c) => <ConsentSummary key={c.id} consent={c} personName={session.personName} orgName={session.orgName} />)}
          </details>
        )}
      </section>

      <section class="panel" aria-labelledby="network-title">
        <h3 id="network-title">{t('network.title')}</h3>
        {network ? (
          <>
            <p>
              {network.status === 'readOnly'
                ? t('network.readOnlyShort')
                : t('network.progress', { done: checklist(network).done, total: checklist(network).total })}
            </p>
            <button type="button" class="primary" onClick={() => app.go({ name: 'network', id: network.id })}>{t('network.open')}</button>
          </>
        ) : active ? (
          <>
            <p>{t('network.none')}</p>
            <button
              type="button"
              class="primary"
              onClick={async () => {
                const id = await care.createNetwork();
                if (id) app.go({ name: 'network', id });
              }}
            >
              {t('network.create')}
            </button>
          </>
        ) : (
          <p class="muted">{t('network.needsConsent')}</p>
        )}
      </section>

      <AccessHistory
        events={care.history.value}
        personName={session.personName}
        orgName={session.orgName}
        onLoad={(from, to) => care.loadHistory(client.id, from, to)}
        onOpenConversation={(id) => app.go({ name: 'conversation', id })}
      />
      {nonCareManager && <p class="small muted">{t('history.managerHint')}</p>}
    </section>
  );
}
