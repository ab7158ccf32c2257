import { useState } from 'preact/hooks';
import type { AdminModel } from '../lib/app/admin';
import type { Professional, ProfessionalRole, Team } from '../lib/domain';
import { useI18n } from './i18n';
import { ActionForm, ConfirmButton, Field } from './ui';

/** The domain's ProfessionalRole values, listed here so the panel loads no schema library; the check below keeps them in step. */
const ROLES = ['gp', 'pohS', 'pohGgz', 'assistant', 'nurse', 'caregiver', 'socialWorker', 'manager', 'other'] as const satisfies readonly ProfessionalRole[];
const everyRoleListed: Exclude<ProfessionalRole, (typeof ROLES)[number]> extends never ? true : false = true;
void everyRoleListed;

/** R11, R12: the account manager adds professionals (organisational e-mail only) and deactivates those who left. */
export function AccountsPanel({ admin, accounts, teams, meId, domains }: { admin: AdminModel; accounts: Professional[]; teams: Team[]; meId: string; domains: string[] }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Professional['role']>('assistant');
  const [careRole, setCareRole] = useState(true);
  const [manager, setManager] = useState(false);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const reset = () => {
    setName('');
    setEmail('');
    setTeamIds([]);
    setManager(false);
  };
  const sorted = [...accounts].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  const mail = admin.mailStatus.value;
  const invitation = (id: string) => mail?.invitations.find((i) => i.professionalId === id);
  const nameOf = (id: string) => accounts.find((p) => p.id === id)?.name ?? id;
  return (
    <section class="panel" aria-labelledby="accounts-title">
      <h3 id="accounts-title">{t('admin.accounts')}</h3>
      <ul class="plain-list accounts" aria-label={t('admin.accounts')}>
        {sorted.map((p) => (
          <li key={p.id} class={p.active ? '' : 'inactive'}>
            <span class="strong">{p.name}</span>
            <span class="small block">{t(`role.${p.role}`)} · {p.email}</span>
            <span class="small muted block">
              {p.active ? t('admin.active') : t('admin.inactive')}
              {p.isAccountManager && ` · ${t('admin.accountManager')}`}
              {!p.isCareProfessional && ` · ${t('admin.noCareRole')}`}
            </span>
            {p.active && invitation(p.id) && (
              <span class="small block">
                {t(invitation(p.id)!.mail === 'failed' ? 'admin.invitationFailed' : 'admin.invitationPending')}{' '}
                <button type="button" class="link small" onClick={() => void admin.resendInvitation(p.id, p.name)}>{t('admin.resendInvitation')}</button>
              </span>
            )}
            {p.active && p.id !== meId && (
              <ConfirmButton
                danger
                label={t('admin.deactivate')}
                question={t('admin.deactivateQuestion', { name: p.name })}
                confirm={t('admin.deactivateConfirm')}
                onConfirm={() => admin.deactivate(p.id)}
              />
            )}
          </li>
        ))}
      </ul>
      {!!mail?.failed.length && (
        <section aria-labelledby="failed-mail-title">
          <h4 id="failed-mail-title">{t('admin.failedMails')}</h4>
          <p class="small muted">{t('admin.failedMailsHint')}</p>
          <ul class="plain-list" aria-labelledby="failed-mail-title">
            {mail.failed.map((f) => (
              <li key={`${f.professionalId}-${f.failedAt}`} class="small">
                {t('admin.failedMail', { kind: t(`mail.kind.${f.kind}` as never), name: nameOf(f.professionalId), reason: f.reason })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <details class="panel-inner">
        <summary>{t('admin.newAccount')}</summary>
        <ActionForm
          label={t('admin.newAccount')}
          submit={t('admin.create')}
          onSubmit={async () => {
            const ok = await admin.createAccount({ name: name.trim(), email: email.trim(), role, isCareProfessional: careRole, isAccountManager: manager, teamIds });
            if (ok) reset();
          }}
        >
          <Field label={t('admin.name')}>
            {(id) => <input id={id} required maxLength={200} autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
          <Field label={t('admin.email')} hint={t('admin.emailHint', { domains: domains.join(', ') })}>
            {(id, d) => <input id={id} type="email" required maxLength={254} autoComplete="off" aria-describedby={d} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
          </Field>
          <Field label={t('admin.role')}>
            {(id) => (
              <select id={id} value={role} onChange={(e) => setRole(e.currentTarget.value as Professional['role'])}>
                {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
              </select>
            )}
          </Field>
          <label class="choice">
            <input type="checkbox" checked={careRole} onChange={(e) => setCareRole(e.currentTarget.checked)} />
            {t('admin.isCare')}
          </label>
          <label class="choice">
            <input type="checkbox" checked={manager} onChange={(e) => setManager(e.currentTarget.checked)} />
            {t('admin.isManager')}
          </label>
          {teams.length > 0 && (
            <fieldset>
              <legend>{t('admin.teams')}</legend>
              {teams.map((tm) => (
                <label key={tm.id} class="choice">
                  <input type="checkbox" checked={teamIds.includes(tm.id)}
                    onChange={(e) => setTeamIds((l) => (e.currentTarget.checked ? [...l, tm.id] : l.filter((x) => x !== tm.id)))} />
                  {tm.name}
                </label>
              ))}
            </fieldset>
          )}
        </ActionForm>
      </details>
    </section>
  );
}
