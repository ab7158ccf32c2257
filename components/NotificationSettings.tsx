import { useEffect, useState } from 'preact/hooks';
import type { NotifiableList, NotificationsStore } from '../lib/notify/options-store';
import { choose, notifies, type NotifyChoices, type NotifyPolicy } from '../lib/notify/settings';
import { useI18n } from './i18n';

/** Desktop notifications on or off per list (own list, each shared inbox); saved at once. The organisation may set the default, or lock it. */
export function NotificationSettings({ store }: { store: NotificationsStore }) {
  const { t } = useI18n();
  const [lists, setLists] = useState<NotifiableList[] | null | undefined>(undefined);
  const [choices, setChoices] = useState<NotifyChoices>({ muted: [], enabled: [] });
  const [policy, setPolicy] = useState<NotifyPolicy>({});
  useEffect(() => {
    void store.load().then((r) => {
      setLists(r.lists);
      setChoices(r.choices);
      setPolicy(r.policy);
    });
  }, [store]);
  const toggle = (id: string, on: boolean) => {
    const next = choose(choices, id, on);
    setChoices(next);
    void store.save(next);
  };
  return (
    <section class="stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('options.notifications')}</h2>
      <p class="hint" id="notifications-hint">{t('options.notificationsHint')}</p>
      {policy.lockNotifications && <p>{t(policy.notifyByDefault === false ? 'options.notificationsLockedOff' : 'options.notificationsLockedOn')}</p>}
      {lists === null && !policy.lockNotifications && <p>{t('options.notificationsLater')}</p>}
      {lists && (
        <fieldset aria-describedby="notifications-hint">
          <legend>{t('options.notifications')}</legend>
          {lists.map((l) => (
            <label key={l.id} class="choice">
              <input type="checkbox" disabled={policy.lockNotifications} checked={notifies(l.id, choices, policy)} onChange={(e) => toggle(l.id, e.currentTarget.checked)} />
              {l.name ?? t('nav.own')}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
