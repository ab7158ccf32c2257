import { useState } from 'preact/hooks';
import type { AdminModel } from '../lib/app/admin';
import type { Professional, SharedInbox, Team } from '../lib/domain';
import { isActiveMember, mayJoinSharedInbox } from '../lib/domain/membership';
import { useI18n } from './i18n';
import { ActionForm, Field } from './ui';

function MemberChoices({ people, chosen, onChange, legend }: { people: Professional[]; chosen: string[]; onChange: (ids: string[]) => void; legend: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {people.map((p) => (
        <label key={p.id} class="choice">
          <input type="checkbox" checked={chosen.includes(p.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))} />
          {p.name}
        </label>
      ))}
    </fieldset>
  );
}

/** R8, R16: which team members belong to a shared inbox; someone added now does not see earlier conversations. */
function InboxMembers({ inbox, people, admin }: { inbox: SharedInbox; people: Professional[]; admin: AdminModel }) {
  const { t } = useI18n();
  const [members, setMembers] = useState(inbox.memberIds);
  return (
    <details class="panel-inner">
      <summary>{t('admin.inboxSummary', { name: inbox.name, n: inbox.memberIds.length })}</summary>
      <p class="small">{inbox.guidelines || t('directory.noGuidelines')}</p>
      <p class="small muted">{t('admin.snapshotNote')}</p>
      <ActionForm label={t('admin.membersOf', { name: inbox.name })} submit={t('admin.saveMembers')} onSubmit={() => admin.setInboxMembers(inbox.id, members)}>
        <MemberChoices people={people} chosen={members} onChange={setMembers} legend={t('admin.membersOf', { name: inbox.name })} />
      </ActionForm>
    </details>
  );
}

function NewInbox({ team, people, admin }: { team: Team; people: Professional[]; admin: AdminModel }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [guidelines, setGuidelines] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [primary, setPrimary] = useState(false);
  return (
    <details class="panel-inner">
      <summary>{t('admin.newInbox')}</summary>
      <ActionForm
        label={t('admin.newInboxFor', { team: team.name })}
        submit={t('admin.createInbox')}
        onSubmit={async () => {
          if (await admin.createSharedInbox({ teamId: team.id, name: name.trim(), guidelines: guidelines.trim(), memberIds: members, primary })) {
            setName('');
            setGuidelines('');
            setMembers([]);
          }
        }}
      >
        <Field label={t('admin.inboxName')}>
          {(id) => <input id={id} required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Field label={t('admin.guidelines')} hint={t('admin.guidelinesHint')}>
          {(id, d) => <textarea id={id} rows={3} maxLength={2000} aria-describedby={d} value={guidelines} onInput={(e) => setGuidelines(e.currentTarget.value)} />}
        </Field>
        <MemberChoices people={people} chosen={members} onChange={setMembers} legend={t('admin.members')} />
        <label class="choice">
          <input type="checkbox" checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
          {t('admin.primary')}
        </label>
      </ActionForm>
    </details>
  );
}

/** R14: one contact person per team, chosen by the account manager; R16: the team's shared inboxes. */
export function TeamsPanel(props: { admin: AdminModel; teams: Team[]; inboxes: SharedInbox[]; accounts: Professional[]; me: Professional }) {
  const { t } = useI18n();
  const { admin, me } = props;
  return (
    <>
      {props.teams.map((team) => {
        const members = props.accounts.filter((p) => isActiveMember(team, p));
        const inboxPeople = props.accounts.filter((p) => mayJoinSharedInbox(team, p));
        const manages = me.isAccountManager || team.contactPersonId === me.id;
        return (
          <section key={team.id} class="panel" aria-labelledby={`team-${team.id}`}>
            <h3 id={`team-${team.id}`}>{t('admin.team', { name: team.name })}</h3>
            {me.isAccountManager ? (
              <ContactPerson team={team} members={members} admin={admin} />
            ) : (
              <p class="small">{t('directory.contact', { name: members.find((p) => p.id === team.contactPersonId)?.name ?? '–' })}</p>
            )}
            {manages && (
              <>
                {props.inboxes.filter((i) => i.teamId === team.id).map((i) => (
                  <InboxMembers key={`${i.id}:${i.memberIds.join()}`} inbox={i} people={inboxPeople} admin={admin} />
                ))}
                <NewInbox team={team} people={inboxPeople} admin={admin} />
              </>
            )}
          </section>
        );
      })}
    </>
  );
}

function ContactPerson({ team, members, admin }: { team: Team; members: Professional[]; admin: AdminModel }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState(team.contactPersonId);
  return (
    <ActionForm label={t('admin.setContact')} submit={t('admin.setContact')} class="inline-form" onSubmit={() => admin.setContactPerson(team.id, chosen)}>
      <Field label={t('admin.contactPerson')} hint={t('admin.contactHint')}>
        {(id, d) => (
          <select id={id} value={chosen} aria-describedby={d} onChange={(e) => setChosen(e.currentTarget.value)}>
            {members.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        )}
      </Field>
    </ActionForm>
  );
}
