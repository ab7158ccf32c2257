import './attachments.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DownloadedFile, FileVariant } from '../lib/contract/port';
import type { Result } from '../lib/contract/result';
import type { AttachmentRef } from '../lib/domain';
import { useI18n } from './i18n';

export type LoadFile = (attachmentId: string, variant: FileVariant) => Promise<Result<DownloadedFile>>;

/** The file size as people read it: "840 kB", "2,4 MB". */
export function fileSize(bytes: number, lang: string): string {
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return bytes < 1_000_000 ? `${n.format(Math.max(1, Math.round(bytes / 1000)))} kB` : `${n.format(bytes / 1_000_000)} MB`;
}

// A thumbnail shown once is kept for the page's life: showing it again (a re-render, the conversation reopened)
// is not a new read of client data, and is not audited again (R15).
const thumbnails = new Map<string, Promise<string | null>>();

function useThumbnail(ref: AttachmentRef, load: LoadFile): string | null | undefined {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let got = thumbnails.get(ref.id);
    if (!got) {
      got = load(ref.id, 'thumbnail').then((r) => (r.ok ? URL.createObjectURL(new Blob([r.value.bytes as Uint8Array<ArrayBuffer>], { type: r.value.type })) : null));
      // A failed load is asked again next time (the server may be back).
      void got.then((u) => u === null && thumbnails.delete(ref.id));
      thumbnails.set(ref.id, got);
    }
    void got.then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [ref.id]);
  return url;
}

/** A photo larger, inside the panel (the widget: inside its frame): a modal dialog, closed by Escape or its button. */
function PhotoViewer({ photo, load, onClose }: { photo: AttachmentRef; load: LoadFile; onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    dialog.current?.showModal();
    let made: string | undefined;
    let live = true;
    void load(photo.id, 'file').then((r) => {
      if (!live) return;
      if (!r.ok) return setUrl(null);
      made = URL.createObjectURL(new Blob([r.value.bytes as Uint8Array<ArrayBuffer>], { type: r.value.type }));
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [photo.id]);
  return (
    <dialog ref={dialog} class="photo-viewer" aria-label={photo.name} onClose={onClose}>
      <div class="photo-viewer-bar">
        <span class="photo-name">{photo.name}</span>
        <button type="button" onClick={() => dialog.current?.close()}>{t('attachment.close')}</button>
      </div>
      {url === undefined && <p class="muted">{t('attachment.loading')}</p>}
      {url === null && <p role="alert">{t('attachment.failed')}</p>}
      {url && <img src={url} alt={photo.name} />}
    </dialog>
  );
}

/** Saves a document: fetched with the session, handed to the browser as a download (never opened on a server's origin). */
async function download(ref: AttachmentRef, load: LoadFile): Promise<boolean> {
  const r = await load(ref.id, 'file');
  if (!r.ok) return false;
  const url = URL.createObjectURL(new Blob([r.value.bytes as Uint8Array<ArrayBuffer>], { type: r.value.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = ref.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

function Thumbnail({ photo, load, onOpen }: { photo: AttachmentRef; load: LoadFile; onOpen: () => void }) {
  const { t } = useI18n();
  const url = useThumbnail(photo, load);
  return (
    <button type="button" class="thumb" onClick={onOpen} aria-label={t('attachment.openPhoto', { name: photo.name })}>
      {url ? <img src={url} alt="" width={photo.width && photo.height && photo.width >= photo.height ? 160 : undefined} /> : <span class="thumb-empty">{url === null ? '!' : '…'}</span>}
    </button>
  );
}

/** R20: a message's photos as thumbnails (opened larger in place) and its documents as downloads. */
export function AttachmentList({ refs, load }: { refs: AttachmentRef[]; load: LoadFile }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<AttachmentRef | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <div class="attachments">
      <ul class="attachment-list" aria-label={t('attachment.list')}>
        {refs.map((a) => (
          <li key={a.id} class={a.kind}>
            {a.kind === 'photo'
              ? <Thumbnail photo={a} load={load} onOpen={() => setOpen(a)} />
              : (
                <button type="button" class="doc" onClick={async () => setFailed((await download(a, load)) ? null : a.id)}>
                  <span aria-hidden="true" class="doc-icon">PDF</span>
                  <span class="doc-name">{a.name}</span>
                  <span class="muted small">{t('attachment.download', { size: fileSize(a.bytes, lang) })}</span>
                </button>
              )}
            {failed === a.id && <p role="alert" class="small">{t('attachment.failed')}</p>}
          </li>
        ))}
      </ul>
      {open && <PhotoViewer photo={open} load={load} onClose={() => setOpen(null)} />}
    </div>
  );
}
