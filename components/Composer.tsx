import { useId, useRef, useState } from 'preact/hooks';
import { useI18n } from './i18n';

/** Writing a message: Ctrl+Enter (or ⌘+Enter) sends, like the send button. */
export function Composer({ onSend, disabled }: { onSend: (text: string) => Promise<boolean> | void; disabled?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const send = () => {
    const value = text.trim();
    if (!value || disabled) return;
    // The message shows as "sending" at once; the box is free for the next one.
    setText('');
    void onSend(value);
    area.current?.focus();
  };
  return (
    <form
      class="composer"
      aria-label={t('composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        send();
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
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <div class="composer-foot">
        <p class="hint" id={`${id}-hint`}>{t('composer.hint')}</p>
        <button type="submit" class="primary" disabled={disabled || !text.trim()}>{t('composer.send')}</button>
      </div>
    </form>
  );
}
