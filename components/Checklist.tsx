import type { Network } from '../lib/domain';
import { checklist } from '../lib/domain/checklist';
import { useI18n } from './i18n';
import { Time } from './ui';

/** R4: the start's steps in order, with who did each and when, so both sides see what is still open. */
export function Checklist({ network }: { network: Network }) {
  const { t } = useI18n();
  const list = checklist(network);
  const next = list.steps.find((s) => !s.done)?.key;
  return (
    <section class="checklist" aria-labelledby="checklist-title">
      <h3 id="checklist-title">{t(network.initiator === 'gp' ? 'checklist.gp' : 'checklist.homecare')}</h3>
      <p class="small">
        {t('network.progress', { done: list.done, total: list.total })}
      </p>
      <div class="bar" aria-hidden="true"><span style={{ width: `${(100 * list.done) / list.total}%` }} /></div>
      <ol>
        {list.steps.map((s) => (
          <li key={s.key} class={s.done ? 'done' : s.key === next ? 'next' : 'open'}>
            <span class="mark" aria-hidden="true">{s.done ? '✓' : ''}</span>
            <div>
              <span class="step-name">{t(`step.${s.key}`)}</span>
              <span class="sr-only">: {s.done ? t('checklist.done') : s.key === next ? t('checklist.next') : t('checklist.open')}</span>
              {s.done ? (
                <span class="step-who small">
                  {s.done.byName || t('checklist.someone')}{s.done.orgName && `, ${s.done.orgName}`} · <Time iso={s.done.at} />
                </span>
              ) : (
                <span class="step-who small muted" aria-hidden="true">{s.key === next ? t('checklist.next') : t('checklist.open')}</span>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
