import { useId, useRef, useState } from 'preact/hooks';
import type { FileData } from '../lib/contract/port';
import type { RefusalCode } from '../lib/domain';
import { ATTACHMENT_LIMITS } from '../lib/domain/limits';
import { fileSize } from './Attachments';
import { useI18n } from './i18n';

/** What the file picker offers; the bytes decide in the end (the background or the server reads them). */
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';

/**
 * R20: a first look at a picked file, so the person hears at once what will not go (the bytes are read
 * where the file is taken in; this looks only at its size and what the browser guesses from its name).
 */
function firstLook(file: File): RefusalCode | null {
  if (file.size > ATTACHMENT_LIMITS.maxBytes) return 'file-too-large';
  if (/^image\/hei[cf]/.test(file.type) || /\.hei[cf]$/i.test(file.name)) return 'file-heic';
  const guessed = file.type || ({ jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' } as Record<string, string>)[file.name.split('.').pop()?.toLowerCase() ?? ''];
  return guessed && ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'].includes(guessed) ? null : 'file-type-refused';
}

const read = async (file: File): Promise<FileData> => ({
  // A pasted screenshot has no name of its own.
  name: file.name || 'schermafbeelding.png', type: file.type, bytes: new Uint8Array(await file.arrayBuffer()),
});

/**
 * Writing a message: Ctrl+Enter (or ⌘+Enter) sends, like the send button. Files (R20) by the button, by
 * dragging them onto the form, or by pasting (a screenshot of the record system).
 */
export function Composer({ onSend, disabled }: { onSend: (text: string, files: FileData[]) => Promise<boolean> | void; disabled?: boolean }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const id = useId();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<FileData[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  async function add(list: Iterable<File>) {
    const picked = [...list];
    if (!picked.length) return;
    const refused = picked.map(firstLook).find((c) => c);
    if (refused) return setProblem(i18n.refusal(refused));
    if (files.length + picked.length > ATTACHMENT_LIMITS.perMessage) return setProblem(i18n.refusal('too-many-files'));
    setProblem(null);
    const data = await Promise.all(picked.map(read));
    setFiles((now) => [...now, ...data].slice(0, ATTACHMENT_LIMITS.perMessage));
  }

  const send = () => {
    const value = text.trim();
    if ((!value && !files.length) || disabled) return;
    // The message shows as "sending" at once; the box is free for the next one.
    setText('');
    setFiles([]);
    setProblem(null);
    void onSend(value, files);
    area.current?.focus();
  };
  return (
    <form
      class={dragging ? 'composer dragging' : 'composer'}
      aria-label={t('composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void add(e.dataTransfer?.files ?? []);
      }}
    >
      <label for={id}>{t('composer.message')}</label>
      <textarea
        id={id}
        ref={area}
        rows={3}
        value={text}
        maxLength={10_000}
        aria-describedby={`${id}-hint`}
        onInput={(e) => setText(e.currentTarget.value)}
        onPaste={(e) => {
          const pasted = e.clipboardData?.files;
          if (!pasted?.length) return;
          e.preventDefault();
          void add(pasted);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      {files.length > 0 && (
        <ul class="chosen-files" aria-label={t('composer.files')}>
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span class="file-name">{f.name}</span> <span class="muted small">{fileSize(f.bytes.byteLength, lang)}</span>
              <button type="button" class="link" onClick={() => setFiles((now) => now.filter((_, j) => j !== i))} aria-label={t('composer.removeFile', { name: f.name })}>
                {t('composer.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && <p class="notice refusal" role="alert">{problem}</p>}
      <div class="composer-foot">
        <p class="hint" id={`${id}-hint`}>{t('composer.hint')}</p>
        <input
          ref={picker}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => {
            void add(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
          }}
        />
        <button type="button" onClick={() => picker.current?.click()} aria-describedby={`${id}-files-hint`} disabled={disabled}>
          {t('composer.attach')}
        </button>
        <span id={`${id}-files-hint`} class="sr-only">{t('composer.attachHint')}</span>
        <button type="submit" class="primary" disabled={disabled || (!text.trim() && !files.length)}>{t('composer.send')}</button>
      </div>
    </form>
  );
}
