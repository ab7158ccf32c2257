import type { ReadonlySignal } from '@preact/signals';
import type { Notice } from '../lib/app/status';
import { useI18n } from './i18n';

/**
 * The live region for refusals and confirmations. Always in the page (a
 * live region must exist before it speaks), fixed at the bottom so it is seen
 * wherever the user scrolled to.
 */
export function StatusRegion({ notice, onDismiss }: { notice: ReadonlySignal<Notice | null>; onDismiss: () => void }) {
  const i18n = useI18n();
  const n = notice.value;
  const refusal = n?.kind === 'refusal';
  return (
    <div class="status-dock">
      <div role="alert" class={refusal ? 'notice refusal' : 'sr-hidden-empty'}>
        {refusal && (
          <>
            <p><strong>{i18n.t('status.refused')}</strong> {i18n.refusal(n.code)}</p>
            {n.fields && <p class="small">{i18n.t('status.fields', { fields: n.fields.join(', ') })}</p>}
          </>
        )}
      </div>
      <div role="status" class={n?.kind === 'done' ? 'notice done' : 'sr-hidden-empty'}>
        {n?.kind === 'done' && <p>{i18n.format(n.key, n.params)}</p>}
      </div>
      {n && (
        <button type="button" class="notice-close" onClick={onDismiss} aria-label={i18n.t('status.dismiss')}>×</button>
      )}
    </div>
  );
}
