import type { SessionModel } from '../lib/app/session';
import { useI18n } from './i18n';
import { Loading, ScreenTitle } from './ui';

/** R16: every organisation's shared inboxes with their guidelines; R14: each team's contact person. */
export default function DirectoryScreen({ session, focus }: { session: SessionModel; focus?: boolean }) {
  const { t } = useI18n();
  const dir = session.directory.value;
  return (
    <section class="screen" aria-labelledby="directory-title">
      <ScreenTitle id="directory-title" focus={focus}>{t('directory.title')}</ScreenTitle>
      <p class="muted small">{t('directory.explain')}</p>
      {!dir ? <Loading /> : dir.organisations.map((o) => {
        const teams = dir.teams.filter((tm) => tm.orgId === o.id);
        return (
          <section key={o.id} class="panel" aria-labelledby={`org-${o.id}`}>
            <h3 id={`org-${o.id}`}>{o.name}</h3>
            <p class="small muted">{t(`orgKind.${o.kind}`)}</p>
            {teams.map((team) => {
              const inboxes = dir.inboxes.filter((i) => i.teamId === team.id);
              return (
                <div key={team.id} class="team">
                  <h4>{team.name}</h4>
                  <p class="small">{t('directory.contact', { name: session.personName(team.contactPersonId) ?? '–' })}</p>
                  {inboxes.length > 0 && (
                    <ul class="plain-list" aria-label={t('directory.inboxesOf', { team: team.name })}>
                      {inboxes.map((i) => (
                        <li key={i.id} class="dir-inbox">
                          <span class="strong">{i.name}</span>
                          {i.primary && <span class="tag">{t('directory.primary')}</span>}
                          <span class="small block">{i.guidelines || t('directory.noGuidelines')}</span>
                          <span class="small muted block">{t('directory.members', { n: i.memberIds.length })}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })}
          </section>
        );
      })}
    </section>
  );
}
