import type { Context, Hono } from 'hono';
import { SSO_POPUP_MESSAGE, SSO_POPUP_RETURN } from '../../../lib/contract/wire';

/**
 * A popup keeps its link to the frame that opened it only while no page on its way carries
 * `Cross-Origin-Opener-Policy: same-origin` (the browser then puts it in a group of its own and
 * `window.opener` is gone for good). The server sends that header everywhere else; the pages of the
 * widget's sign-in popup (start, callback, this return page) say `unsafe-none` instead. None of them
 * shows anything of a person.
 */
export const keepOpener = (c: Context) => c.header('Cross-Origin-Opener-Policy', 'unsafe-none');

const SCRIPT_PATH = `${SSO_POPUP_RETURN}.js`;

/**
 * Posts this page's address (with the one-time code) to the window that opened it, with this origin
 * as the exact target: only the widget's frame on this server receives it, never an intranet page
 * or another site that opened the popup. The frame closes the popup once it has the code; the code
 * leaves the address bar at once either way.
 */
const SCRIPT = `(() => {
  const url = location.href;
  history.replaceState(null, '', location.pathname);
  const opener = window.opener;
  if (opener && !opener.closed) opener.postMessage({ protocol: ${JSON.stringify(SSO_POPUP_MESSAGE)}, url }, location.origin);
})();
`;

const PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Netwerkzorg</title>
<meta name="viewport" content="width=device-width"><script src="${SCRIPT_PATH}"></script></head>
<body><p>U bent terug bij Netwerkzorg. U kunt dit venster sluiten.</p>
<p lang="en">You are back at Netwerkzorg. You may close this window.</p></body></html>`;

const CSP = "default-src 'none'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The return page of the widget's sign-in popup (`SSO_POPUP_RETURN`) and its script. */
export function popupReturnRoutes(app: Hono) {
  app.get(SSO_POPUP_RETURN, (c) => {
    keepOpener(c);
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(PAGE);
  });
  app.get(SCRIPT_PATH, (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(SCRIPT);
  });
}
