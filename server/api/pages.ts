import { createHash } from 'node:crypto';
import type { Hono } from 'hono';

/**
 * The few pages the server itself shows, opened from a mail: choosing a
 * password (invitation, reset), asking for a reset, and where a notification
 * leads. Static markup; each script is fixed text allowed by its hash, so
 * nothing from a request or the database ever becomes part of a page.
 */
interface Page { html: string; csp: string }

const STYLE = 'body{font:16px/1.45 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1d2330}input{font:inherit;width:100%;padding:.4rem;box-sizing:border-box}button{font:inherit;padding:.45rem 1rem}label{font-weight:600}';
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function page(title: string, body: string, script?: string): Page {
  return {
    html: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Netwerkzorg: ${title}</title><style>${STYLE}</style></head><body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`,
    csp: [
      "default-src 'none'", `style-src ${hash(STYLE)}`, script ? `script-src ${hash(script)}` : '', "connect-src 'self'", "form-action 'self'",
      "frame-ancestors 'none'", "base-uri 'none'",
    ].filter(Boolean).join('; '),
  };
}

/**
 * The script of a choose-a-password page: the token stays in the fragment,
 * never sent in a URL. Where the organisation requires a second factor, the
 * answer carries a session for enrolling one, used here at once and ended.
 */
const passwordScript = (endpoint: string, done: string) => `const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
const form = document.getElementById('f'); const out = document.getElementById('out');
const post = (route, body, session) => fetch('/api/v1/auth/' + route, { method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json' }, session ? { Authorization: 'Bearer ' + session } : {}), body: JSON.stringify(body) });
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const password = form.elements.password.value;
  if (password !== form.elements.again.value) { out.textContent = 'De wachtwoorden zijn niet gelijk.'; return; }
  const res = await post('${endpoint}', { token, password });
  const answer = await res.json().catch(() => null);
  const common = !res.ok && !!answer && Array.isArray(answer.issues) && answer.issues.some((i) => i.message === 'password-too-common');
  const providerOnly = !res.ok && !!answer && answer.code === 'password-sign-in-off';
  out.textContent = res.ok ? '${done}'
    : providerOnly ? 'Uw organisatie meldt u aan met het eigen organisatie-account: een wachtwoord voor Netwerkzorg is er niet. Kies in Netwerkzorg “Aanmelden met uw organisatie”.'
    : common ? 'Dit wachtwoord is te bekend of te makkelijk te raden. Kies een langer wachtwoord, bijvoorbeeld een zin van een paar woorden.'
    : 'Dit lukte niet: de link is verlopen of al gebruikt, of het wachtwoord is te kort (minimaal 12 tekens). Vraag zo nodig een nieuwe link.';
  if (!res.ok) return;
  form.hidden = true; history.replaceState(null, '', location.pathname);
  const session = answer && answer.enrolmentToken;
  if (!session) return;
  const started = await post('totp/enrol', { password }, session);
  const secret = started.ok ? await started.json() : null;
  if (!secret) { out.textContent = 'Uw wachtwoord is ingesteld, maar de tweede stap kon niet worden gestart. Vraag via Wachtwoord vergeten? een nieuwe link.'; return; }
  out.textContent = 'Uw wachtwoord is ingesteld. Stel nu de tweede stap in: uw organisatie vraagt die bij het aanmelden.';
  document.getElementById('secret').textContent = secret.secret;
  document.getElementById('uri').href = secret.otpauthUri;
  const enrol = document.getElementById('enrol'); enrol.hidden = false;
  document.getElementById('g').addEventListener('submit', async (e2) => {
    e2.preventDefault();
    const confirmed = await post('totp/confirm', { code: document.getElementById('code').value }, session);
    if (!confirmed.ok) { out.textContent = 'Deze code klopt niet. Kijk of de tijd van uw telefoon goed staat en probeer de volgende code.'; return; }
    await post('sign-out', {}, session);
    enrol.hidden = true;
    out.textContent = 'De tweede stap is ingesteld. U kunt nu aanmelden in Netwerkzorg met uw wachtwoord en een code uit de app.';
  });
});`;

const passwordForm = (heading: string, button: string) => `<h1>${heading}</h1>
<form id="f"><p><label for="pw">Nieuw wachtwoord (minimaal 12 tekens)</label><br><input id="pw" name="password" type="password" minlength="12" maxlength="200" autocomplete="new-password" required></p>
<p><label for="again">Nogmaals</label><br><input id="again" name="again" type="password" minlength="12" maxlength="200" autocomplete="new-password" required></p>
<p><button>${button}</button></p></form><p id="out" role="status"></p>
<section id="enrol" hidden aria-labelledby="enrol-title"><h2 id="enrol-title">Tweede stap instellen</h2>
<p>Voeg in uw authenticator-app een account toe met deze sleutel, of open de link op uw telefoon:</p>
<p><code id="secret"></code></p><p><a id="uri" href="#">Openen in de authenticator-app</a></p>
<form id="g"><p><label for="code">Code uit de app (6 cijfers)</label><br><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required></p>
<p><button>Tweede stap instellen</button></p></form></section>
<p><a href="/forgot-password">Wachtwoord vergeten?</a></p>`;

const FORGOT_SCRIPT = `const form = document.getElementById('f'); const out = document.getElementById('out');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await fetch('/api/v1/auth/request-password-reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: form.elements.email.value }) });
  out.textContent = res.ok ? 'Als dit adres bij een account hoort, is er een mail met een link onderweg. De link werkt 30 minuten.'
    : res.status === 429 ? 'Er zijn te veel aanvragen gedaan. Probeer het over een uur opnieuw.' : 'Dit lukte niet. Controleer het e-mailadres.';
});`;

export const PAGES = {
  '/activate': page('account activeren', passwordForm('Account activeren', 'Wachtwoord instellen'),
    passwordScript('set-password', 'Uw wachtwoord is ingesteld. U kunt nu aanmelden in Netwerkzorg.')),
  '/reset-password': page('nieuw wachtwoord', passwordForm('Nieuw wachtwoord kiezen', 'Wachtwoord opslaan'),
    passwordScript('reset-password', 'Uw nieuwe wachtwoord is ingesteld en u bent overal afgemeld. Meld u opnieuw aan in Netwerkzorg.')),
  '/forgot-password': page('wachtwoord vergeten', `<h1>Wachtwoord vergeten?</h1>
<p>Vul het e-mailadres van uw account in. U krijgt een mail met een link om een nieuw wachtwoord te kiezen.</p>
<form id="f"><p><label for="email">E-mailadres</label><br><input id="email" name="email" type="email" maxlength="254" autocomplete="username" required></p>
<p><button>Link sturen</button></p></form><p id="out" role="status"></p>`, FORGOT_SCRIPT),
  '/open': page('nieuw bericht', `<h1>Er is iets nieuws in Netwerkzorg</h1>
<p>Open Netwerkzorg in de zijbalk van uw browser (het pictogram naast de adresbalk), of op de intranetpagina van uw organisatie, en meld u aan.</p>
<p lang="en">Something new is waiting in Netwerkzorg: open it in your browser's side panel or on your organisation's intranet page.</p>`),
} satisfies Record<string, Page>;

export function pageRoutes(app: Hono) {
  for (const [path, p] of Object.entries(PAGES)) {
    app.get(path, (c) => {
      c.header('Content-Security-Policy', p.csp);
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
      return c.html(p.html);
    });
  }
}

/** The one-click unsubscribe page: a button (a link scanner's GET changes nothing), and its answer. */
export const unsubscribePage = (done: boolean) => page('meldingen uitzetten', done
  ? '<h1>Uitgezet</h1><p>U krijgt voor deze lijst geen mail over nieuwe berichten meer. Aanzetten kan weer in de instellingen van Netwerkzorg.</p><p lang="en">You will no longer get these mails for this list.</p>'
  : '<h1>Meldingen per mail uitzetten</h1><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><p><button>Geen mail meer voor deze lijst</button></p></form>');
