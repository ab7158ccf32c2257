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
/** A Chrome/Edge extension id: 32 letters a–p. Anything else is taken as a Firefox add-on id. */
const CHROME_ID = /^[a-p]{32}$/;
const identityHost = (id: string) => (CHROME_ID.test(id) ? `${id}.chromiumapp.org` : firefoxHost(id));
const BUILT_IN = [CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID];

/**
 * The extension ids an organisation adds (NZ_SSO_EXTENSION_IDS: a build signed with its own key has
 * another Chrome id): Chrome/Edge ids or Firefox add-on ids (`name@domain` or a `{GUID}`).
 */
export function parseExtensionIds(value: string | undefined): string[] {
  const ids = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const wrong = ids.filter((id) => !CHROME_ID.test(id) && !/^([\w.-]+@[\w.-]+|\{[0-9a-fA-F-]{36}\})$/.test(id));
  if (wrong.length) throw new Error(`NZ_SSO_EXTENSION_IDS: not an extension id: ${wrong.join(', ')}`);
  return ids;
}

/** Whether `value` may be returned to; `publicUrl` is this server's address, `extensionIds` the ids added to the built-in ones. */
export function returnAllowed(value: string, publicUrl: string, extensionIds: readonly string[] = []): boolean {
  if (value.length > 2000) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // No credentials in it, no fragment (the code is added to the query), nothing but the plain form.
  if (url.username || url.password || url.hash || value.includes('\\')) return false;
  const hosts = new Set([...BUILT_IN, ...extensionIds].map(identityHost));
  if (url.protocol === 'https:' && !url.port && hosts.has(url.hostname)) return true;
  const own = new URL(publicUrl);
  return url.origin === own.origin && url.pathname === SSO_POPUP_RETURN;
}
