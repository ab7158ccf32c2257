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

function page(lang: 'nl' | 'en', title: string, body: string, script?: string): Page {
  return {
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Netwerkzorg: ${title}</title><style>${STYLE}</style></head><body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`,
    csp: [
      "default-src 'none'", `style-src ${hash(STYLE)}`, script ? `script-src ${hash(script)}` : '', "connect-src 'self'", "form-action 'self'",
      "frame-ancestors 'none'", "base-uri 'none'",
    ].filter(Boolean).join('; '),
  };
}

type Lang = 'nl' | 'en';

/** The pages' texts in both languages: a mail in English links to the page with `?lang=en`. */
const TEXTS = {
  nl: {
    different: 'De wachtwoorden zijn niet gelijk.',
    providerOnly: 'Uw organisatie meldt u aan met het eigen organisatie-account: een wachtwoord voor Netwerkzorg is er niet. Kies in Netwerkzorg “Aanmelden met uw organisatie”.',
    common: 'Dit wachtwoord is te bekend of te makkelijk te raden. Kies een langer wachtwoord, bijvoorbeeld een zin van een paar woorden.',
    failed: 'Dit lukte niet: de link is verlopen of al gebruikt, of het wachtwoord is te kort (minimaal 12 tekens). Vraag zo nodig een nieuwe link.',
    enrolNotStarted: 'Uw wachtwoord is ingesteld, maar de tweede stap kon niet worden gestart. Vraag via Wachtwoord vergeten? een nieuwe link.',
    enrolNow: 'Uw wachtwoord is ingesteld. Stel nu de tweede stap in: uw organisatie vraagt die bij het aanmelden.',
    codeWrong: 'Deze code klopt niet. Kijk of de tijd van uw telefoon goed staat en probeer de volgende code.',
    enrolled: 'De tweede stap is ingesteld. U kunt nu aanmelden in Netwerkzorg met uw wachtwoord en een code uit de app.',
    newPassword: 'Nieuw wachtwoord (minimaal 12 tekens)',
    again: 'Nogmaals',
    enrolTitle: 'Tweede stap instellen',
    enrolExplain: 'Voeg in uw authenticator-app een account toe met deze sleutel, of open de link op uw telefoon:',
    enrolOpen: 'Openen in de authenticator-app',
    code: 'Code uit de app (6 cijfers)',
    forgot: 'Wachtwoord vergeten?',
    activateTitle: 'account activeren', activateHeading: 'Account activeren', activateButton: 'Wachtwoord instellen',
    activateDone: 'Uw wachtwoord is ingesteld. U kunt nu aanmelden in Netwerkzorg.',
    resetTitle: 'nieuw wachtwoord', resetHeading: 'Nieuw wachtwoord kiezen', resetButton: 'Wachtwoord opslaan',
    resetDone: 'Uw nieuwe wachtwoord is ingesteld en u bent overal afgemeld. Meld u opnieuw aan in Netwerkzorg.',
    forgotTitle: 'wachtwoord vergeten',
    forgotExplain: 'Vul het e-mailadres van uw account in. U krijgt een mail met een link om een nieuw wachtwoord te kiezen.',
    email: 'E-mailadres', send: 'Link sturen',
    sent: 'Als dit adres bij een account hoort, is er een mail met een link onderweg. De link werkt 30 minuten.',
    tooMany: 'Er zijn te veel aanvragen gedaan. Probeer het over een uur opnieuw.',
    notSent: 'Dit lukte niet. Controleer het e-mailadres.',
  },
  en: {
    different: 'The two passwords are not the same.',
    providerOnly: 'Your organisation signs you in with its own organisation account: there is no Netwerkzorg password. In Netwerkzorg, choose “Sign in with your organisation”.',
    common: 'This password is too well known or too easy to guess. Choose a longer one, for example a sentence of a few words.',
    failed: 'That did not work: the link has expired or was used already, or the password is too short (at least 12 characters). Ask for a new link if needed.',
    enrolNotStarted: 'Your password is set, but the second step could not be started. Ask for a new link with Forgot your password?',
    enrolNow: 'Your password is set. Now set up the second step: your organisation asks for it when you sign in.',
    codeWrong: 'This code is not right. Check that the time on your phone is correct and try the next code.',
    enrolled: 'The second step is set up. You can now sign in to Netwerkzorg with your password and a code from the app.',
    newPassword: 'New password (at least 12 characters)',
    again: 'Again',
    enrolTitle: 'Set up the second step',
    enrolExplain: 'In your authenticator app, add an account with this key, or open the link on your phone:',
    enrolOpen: 'Open in the authenticator app',
    code: 'Code from the app (6 digits)',
    forgot: 'Forgot your password?',
    activateTitle: 'activate your account', activateHeading: 'Activate your account', activateButton: 'Set password',
    activateDone: 'Your password is set. You can now sign in to Netwerkzorg.',
    resetTitle: 'new password', resetHeading: 'Choose a new password', resetButton: 'Save password',
    resetDone: 'Your new password is set and you are signed out everywhere. Sign in to Netwerkzorg again.',
    forgotTitle: 'forgotten password',
    forgotExplain: 'Enter the e-mail address of your account. You will get a mail with a link to choose a new password.',
    email: 'E-mail address', send: 'Send the link',
    sent: 'If this address belongs to an account, a mail with a link is on its way. The link works for 30 minutes.',
    tooMany: 'Too many requests were made. Try again in an hour.',
    notSent: 'That did not work. Check the e-mail address.',
  },
} satisfies Record<Lang, Record<string, string>>;
type Texts = (typeof TEXTS)['nl'];

/** The query that keeps a page's language on the links it shows. */
const langQuery = (lang: Lang) => (lang === 'en' ? '?lang=en' : '');

/**
 * The script of a choose-a-password page: the token stays in the fragment,
 * never sent in a URL. Where the organisation requires a second factor, the
 * answer carries a session for enrolling one, used here at once and ended.
 * Its texts travel as a JSON literal, so no text can end a string or the script.
 */
const passwordScript = (t: Texts, endpoint: string, done: string) => `const T = ${JSON.stringify({ ...t, done })};
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
const form = document.getElementById('f'); const out = document.getElementById('out');
const post = (route, body, session) => fetch('/api/v1/auth/' + route, { method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json' }, session ? { Authorization: 'Bearer ' + session } : {}), body: JSON.stringify(body) });
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const password = form.elements.password.value;
  if (password !== form.elements.again.value) { out.textContent = T.different; return; }
  const res = await post('${endpoint}', { token, password });
  const answer = await res.json().catch(() => null);
  const common = !res.ok && !!answer && Array.isArray(answer.issues) && answer.issues.some((i) => i.message === 'password-too-common');
  const providerOnly = !res.ok && !!answer && answer.code === 'password-sign-in-off';
  out.textContent = res.ok ? T.done : providerOnly ? T.providerOnly : common ? T.common : T.failed;
  if (!res.ok) return;
  form.hidden = true; history.replaceState(null, '', location.pathname + location.search);
  const session = answer && answer.enrolmentToken;
  if (!session) return;
  const started = await post('totp/enrol', { password }, session);
  const secret = started.ok ? await started.json() : null;
  if (!secret) { out.textContent = T.enrolNotStarted; return; }
  out.textContent = T.enrolNow;
  document.getElementById('secret').textContent = secret.secret;
  document.getElementById('uri').href = secret.otpauthUri;
  const enrol = document.getElementById('enrol'); enrol.hidden = false;
  document.getElementById('g').addEventListener('submit', async (e2) => {
    e2.preventDefault();
    const confirmed = await post('totp/confirm', { code: document.getElementById('code').value }, session);
    if (!confirmed.ok) { out.textContent = T.codeWrong; return; }
    await post('sign-out', {}, session);
    enrol.hidden = true;
    out.textContent = T.enrolled;
  });
});`;

const passwordForm = (t: Texts, lang: Lang, heading: string, button: string) => `<h1>${heading}</h1>
<form id="f"><p><label for="pw">${t.newPassword}</label><br><input id="pw" name="password" type="password" minlength="12" maxlength="200" autocomplete="new-password" required></p>
<p><label for="again">${t.again}</label><br><input id="again" name="again" type="password" minlength="12" maxlength="200" autocomplete="new-password" required></p>
<p><button>${button}</button></p></form><p id="out" role="status"></p>
<section id="enrol" hidden aria-labelledby="enrol-title"><h2 id="enrol-title">${t.enrolTitle}</h2>
<p>${t.enrolExplain}</p>
<p><code id="secret"></code></p><p><a id="uri" href="#">${t.enrolOpen}</a></p>
<form id="g"><p><label for="code">${t.code}</label><br><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required></p>
<p><button>${t.enrolTitle}</button></p></form></section>
<p><a href="/forgot-password${langQuery(lang)}">${t.forgot}</a></p>`;

const forgotScript = (t: Texts) => `const T = ${JSON.stringify({ sent: t.sent, tooMany: t.tooMany, notSent: t.notSent })};
const form = document.getElementById('f'); const out = document.getElementById('out');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await fetch('/api/v1/auth/request-password-reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: form.elements.email.value }) });
  out.textContent = res.ok ? T.sent : res.status === 429 ? T.tooMany : T.notSent;
});`;

/** The pages of one language; each is static, its script allowed by its hash. */
function pagesIn(lang: Lang): Record<string, Page> {
  const t = TEXTS[lang];
  return {
    '/activate': page(lang, t.activateTitle, passwordForm(t, lang, t.activateHeading, t.activateButton), passwordScript(t, 'set-password', t.activateDone)),
    '/reset-password': page(lang, t.resetTitle, passwordForm(t, lang, t.resetHeading, t.resetButton), passwordScript(t, 'reset-password', t.resetDone)),
    '/forgot-password': page(lang, t.forgotTitle, `<h1>${t.forgot}</h1>
<p>${t.forgotExplain}</p>
<form id="f"><p><label for="email">${t.email}</label><br><input id="email" name="email" type="email" maxlength="254" autocomplete="username" required></p>
<p><button>${t.send}</button></p></form><p id="out" role="status"></p>`, forgotScript(t)),
    // Linked from notification mails in either language: it says the little it says in both.
    '/open': page('nl', 'nieuw bericht', `<h1>Er is iets nieuws in Netwerkzorg</h1>
<p>Open Netwerkzorg in de zijbalk van uw browser (het pictogram naast de adresbalk), of op de intranetpagina van uw organisatie, en meld u aan.</p>
<p lang="en">Something new is waiting in Netwerkzorg: open it in your browser's side panel or on your organisation's intranet page.</p>`),
  };
}

/** Every page in each language: Dutch unless the link asks for English. */
export const PAGES = { nl: pagesIn('nl'), en: pagesIn('en') } satisfies Record<Lang, Record<string, Page>>;

export function pageRoutes(app: Hono) {
  for (const path of Object.keys(PAGES.nl)) {
    app.get(path, (c) => {
      const p = PAGES[c.req.query('lang') === 'en' ? 'en' : 'nl'][path]!;
      c.header('Content-Security-Policy', p.csp);
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
      return c.html(p.html);
    });
  }
}

/** The one-click unsubscribe page: a button (a link scanner's GET changes nothing), and its answer. */
export const unsubscribePage = (done: boolean) => page('nl', 'meldingen uitzetten', done
  ? '<h1>Uitgezet</h1><p>U krijgt voor deze lijst geen mail over nieuwe berichten meer. Aanzetten kan weer in de instellingen van Netwerkzorg.</p><p lang="en">You will no longer get these mails for this list.</p>'
  : '<h1>Meldingen per mail uitzetten</h1><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><p><button>Geen mail meer voor deze lijst</button></p></form>');
