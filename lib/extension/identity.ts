import { browser } from 'wxt/browser';
import type { ProviderStep } from '../backend/http/sso';

/**
 * The extension's way to the organisation's provider: the browser's own sign-in window
 * (`identity.launchWebAuthFlow`, Chrome, Edge and Firefox). It closes itself when the server sends
 * it back to the extension's identity address (https://<id>.chromiumapp.org/, Firefox's
 * https://<hash>.extensions.allizom.org/), which no web page can receive: the one-time code
 * reaches this background only.
 */
export function identityStep(): ProviderStep {
  return {
    get returnUrl() {
      return browser.identity.getRedirectURL('oidc');
    },
    async open(url) {
      try {
        return (await browser.identity.launchWebAuthFlow({ url, interactive: true })) ?? null;
      } catch {
        // Closed by the person, or the provider could not be reached: either way, not signed in.
        return null;
      }
    },
  };
}
