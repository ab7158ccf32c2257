import type { ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from './i18n';

/** A screen's title. Focused when the user navigates to it, so keyboard and screen-reader users land on the new screen. */
export function ScreenTitle({ children, focus, id }: { children: ComponentChildren; focus?: boolean; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return <h2 ref={ref} id={id} tabIndex={-1} class="screen-title">{children}</h2>;
}

export function BackButton({ onBack }: { onBack?: () => void }) {
  const { t } = useI18n();
  if (!onBack) return null;
  return <button type="button" class="link back" onClick={onBack}>← {t('nav.back')}</button>;
}

/** A labelled input; `hint` is read out with the field. */
export function Field(props: {
  label: string;
  hint?: string;
  children: (id: string, describedBy?: string) => ComponentChildren;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint" id={hintId}>{props.hint}</p>}
      {props.children(id, hintId)}
    </div>
  );
}

/** A form whose submit button is busy while the action runs; the action's own refusal goes to the live region. */
export function ActionForm(props: {
  label?: string;
  submit: string;
  onSubmit: () => Promise<unknown> | unknown;
  children?: ComponentChildren;
  class?: string;
  disabled?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await props.onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class={props.class ?? 'stack'} aria-label={props.label} onSubmit={submit}>
      {props.children}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || props.disabled} aria-busy={busy}>{props.submit}</button>
      </div>
    </form>
  );
}

/** A destructive action in two steps, both keyboard reachable: the button, then an explicit confirmation. */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirm: string;
  onConfirm: () => Promise<unknown> | unknown;
  danger?: boolean;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return <button type="button" class={props.danger ? 'danger' : ''} onClick={() => setAsking(true)}>{props.label}</button>;
  }
  return (
    <div class="confirm" role="group" aria-label={props.question}>
      <p>{props.question}</p>
      <div class="actions">
        <button
          ref={confirmRef}
          type="button"
          class={props.danger ? 'danger solid' : 'primary'}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await props.onConfirm();
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        >
          {props.confirm}
        </button>
        <button type="button" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p class="muted" role="status">{t('common.loading')}</p>;
}

export function Time({ iso, withDate = true }: { iso: string; withDate?: boolean }) {
  const i18n = useI18n();
  return <time dateTime={iso}>{withDate ? i18n.dateTime(iso) : i18n.time(iso)}</time>;
}
