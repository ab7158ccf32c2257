import { useRef, useState } from 'preact/hooks';
import type { StatusModel } from '../lib/app/status';
import { recordExportText } from '../lib/app/record-text';
import type { ExportScope, RecordExport as Export } from '../lib/domain';
import { useI18n } from './i18n';

export interface RecordExportProps {
  onExport: (scope: ExportScope) => Promise<Export | null>;
  status: StatusModel;
  /** The newest message shown: an export made before it arrived is not reused. */
  latest: string;
}

/** Offered for download: the date, not the client or subject, goes into a file name others may see. */
const fileName = (at: string) => `netwerkzorg-gesprek-${at.slice(0, 10)}.pdf`;

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Naar dossier": the conversation as text for the record system, copied in one click or saved as a
 * PDF. One export (one audit record, R15) serves both buttons until the scope changes or a message
 * arrives, so "since my last export" is not emptied by the second button. The text stays on screen,
 * selectable, for when the clipboard is not available.
 */
export function RecordExport({ onExport, status, latest }: RecordExportProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [scope, setScope] = useState<ExportScope>('sinceLastExport');
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const made = useRef<{ key: string; ex: Export; text: string } | null>(null);
  const preview = useRef<HTMLTextAreaElement>(null);

  async function current() {
    const key = `${scope}|${latest}`;
    if (made.current?.key === key) return made.current;
    const ex = await onExport(scope);
    if (!ex) return null;
    made.current = { key, ex, text: recordExportText(ex, i18n) };
    setText(made.current.text);
    return made.current;
  }

  async function act(work: (m: { ex: Export; text: string }) => Promise<void>) {
    if (busy) return;
    setBusy(true);
    try {
      const m = await current();
      if (m) await work(m);
    } finally {
      setBusy(false);
    }
  }

  const copy = () => act(async ({ ex, text }) => {
    try {
      await navigator.clipboard.writeText(text);
      status.done('export.copied', { count: ex.messages.length });
    } catch {
      // No clipboard here (a frame without the permission, or the click's permission ran out): select it for Ctrl+C.
      status.done('export.copyFailed');
      requestAnimationFrame(() => preview.current?.select());
    }
  });
  const pdf = () => act(async ({ ex, text }) => {
    const { recordExportPdf } = await import('../lib/app/record-pdf');
    download(recordExportPdf(text, t('export.heading', { subject: ex.conversation.subject })), fileName(ex.exportedAt));
    status.done('export.saved', { count: ex.messages.length });
  });

  return (
    <details class="panel record-export">
      <summary>{t('export.title')}</summary>
      <p class="small muted">{t('export.hint')}</p>
      <fieldset>
        <legend>{t('export.scope')}</legend>
        {(['sinceLastExport', 'all'] as const).map((s) => (
          <label key={s} class="choice">
            <input type="radio" name="export-scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
            {s === 'all' ? t('export.scopeAll') : t('export.scopeSince')}
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="button" aria-disabled={busy} onClick={() => void copy()}>{t('export.copy')}</button>
        <button type="button" aria-disabled={busy} onClick={() => void pdf()}>{t('export.pdf')}</button>
      </div>
      {text !== null && (
        <div class="field">
          <label for="export-text">{t('export.preview')}</label>
          <textarea id="export-text" ref={preview} readOnly rows={8} value={text} />
        </div>
      )}
    </details>
  );
}
