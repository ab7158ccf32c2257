/** The part of `runtime.MessageSender` the check needs. */
export interface SenderLike {
  id?: string;
  url?: string;
}

/**
 * True only for the extension's own pages (side panel, options, the
 * background): same extension id AND a URL under the extension's own origin.
 * A content script shares the extension id but runs at the web page's URL,
 * so it is refused: a compromised or look-alike EHR page must never reach
 * the backend, the token or the outbox.
 *
 * `ownBase` is `runtime.getURL('/')`, e.g. `chrome-extension://<id>/`.
 */
export function isOwnPage(sender: SenderLike | undefined, runtimeId: string, ownBase: string): boolean {
  if (!sender || !runtimeId || sender.id !== runtimeId) return false;
  if (typeof sender.url !== 'string') return false;
  // The trailing slash matters: `chrome-extension://abc` must not admit `chrome-extension://abcd…`.
  const base = ownBase.endsWith('/') ? ownBase : `${ownBase}/`;
  return sender.url.startsWith(base);
}
