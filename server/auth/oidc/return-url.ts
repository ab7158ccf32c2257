import { createHash } from 'node:crypto';
import { SSO_POPUP_RETURN } from '../../../lib/contract/wire';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../../scripts/extension-ids';

/**
 * Where a sign-in through the provider may return with its one-time code. Whoever receives the code
 * can exchange it for a session, so only the product's own receivers qualify: this extension's
 * identity redirect (what `browser.identity.launchWebAuthFlow` catches: Chrome and Edge
 * `https://<extension id>.chromiumapp.org/…`, Firefox `https://<SHA-1 of the add-on id>.extensions.allizom.org/…`)
 * and this server's one return page of the widget's popup, which hands the code only to a window of
 * this origin. Another extension's redirect is refused: it could start a flow in the person's browser
 * and take their session; so is any other page of this server, which would keep the code in its address.
 */
const firefoxHost = (addonId: string) => `${createHash('sha1').update(addonId).digest('hex')}.extensions.allizom.org`;
const EXTENSION_HOSTS = new Set([`${CHROME_EXTENSION_ID}.chromiumapp.org`, firefoxHost(FIREFOX_EXTENSION_ID)]);

/** Whether `value` may be returned to; `publicUrl` is this server's address. */
export function returnAllowed(value: string, publicUrl: string): boolean {
  if (value.length > 2000) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // No credentials in it, no fragment (the code is added to the query), nothing but the plain form.
  if (url.username || url.password || url.hash || value.includes('\\')) return false;
  if (url.protocol === 'https:' && !url.port && EXTENSION_HOSTS.has(url.hostname)) return true;
  const own = new URL(publicUrl);
  return url.origin === own.origin && url.pathname === SSO_POPUP_RETURN;
}
