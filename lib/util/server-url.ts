/** Loopback names: plain http is allowed only to this machine (development, the demo). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/**
 * A server address a person or a page gave, when it is one to talk to: https
 * anywhere, plain http only on this machine, and no user name or password in
 * it. Null otherwise. The extension's options page and the widget's loader
 * both take a server's address so (the extension's manifest asks for exactly these origins).
 */
export function acceptableServerUrl(input: string, base?: string): URL | null {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'https:') return url;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? url : null;
}
