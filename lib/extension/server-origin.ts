/**
 * The origin of a server address the user typed, or null when the extension
 * may not ask for it: https anywhere, plain http only on this computer
 * (the manifest's optional host permissions).
 */
export function serverOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')) return url.origin;
  return null;
}

/** The permission pattern for a server's origin, as `permissions.request` wants it. */
export const originPattern = (origin: string) => `${origin}/*`;
