import { useEffect, useState } from 'preact/hooks';
import type { NotifiableList, NotificationsStore } from '../lib/notify/options-store';
import { useI18n } from './i18n';

/** Desktop notifications on or off per list (own list, each shared inbox); saved at once. */
export function NotificationSettings({ store }: { store: NotificationsStore }) {
  const { t } = useI18n();
  const [lists, setLists] = useState<NotifiableList[] | null | undefined>(undefined);
  const [muted, setMuted] = useState<string[]>([]);
  useEffect(() => {
    void store.load().then((r) => {
      setLists(r.lists);
      setMuted(r.muted);
    });
  }, [store]);
  const toggle = (id: string, on: boolean) => {
    const next = on ? muted.filter((m) => m !== id) : [...muted, id];
    setMuted(next);
    void store.setMuted(next);
  };
  return (
    <section class="stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('options.notifications')}</h2>
      <p class="hint" id="notifications-hint">{t('options.notificationsHint')}</p>
      {lists === null && <p>{t('options.notificationsLater')}</p>}
      {lists && (
        <fieldset aria-describedby="notifications-hint">
          <legend>{t('options.notifications')}</legend>
          {lists.map((l) => (
            <label key={l.id} class="choice">
              <input type="checkbox" checked={!muted.includes(l.id)} onChange={(e) => toggle(l.id, e.currentTarget.checked)} />
              {l.name ?? t('nav.own')}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
