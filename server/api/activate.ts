import { createHash } from 'node:crypto';

/** The page an activation link opens: a form that sets the password (the token stays in the fragment). */
export const ACTIVATE_SCRIPT = `const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
const form = document.getElementById('f'); const out = document.getElementById('out');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const password = form.elements.password.value;
  if (password !== form.elements.again.value) { out.textContent = 'De wachtwoorden zijn niet gelijk.'; return; }
  const res = await fetch('/api/v1/auth/set-password', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, password }) });
  const answer = res.ok ? null : await res.json().catch(() => null);
  const common = !!answer && Array.isArray(answer.issues) && answer.issues.some((i) => i.message === 'password-too-common');
  out.textContent = res.ok ? 'Uw wachtwoord is ingesteld. U kunt nu aanmelden in Netwerkzorg.'
    : common ? 'Dit wachtwoord is te bekend of te makkelijk te raden. Kies een langer wachtwoord, bijvoorbeeld een zin van een paar woorden.'
    : 'Dit lukte niet: de link is verlopen of al gebruikt, of het wachtwoord is te kort (minimaal 12 tekens).';
  if (res.ok) { form.hidden = true; history.replaceState(null, '', location.pathname); }
});`;
export const ACTIVATE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(ACTIVATE_SCRIPT).digest('base64')}'`;

export const ACTIVATE_PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Netwerkzorg: account activeren</title></head><body>
<h1>Account activeren</h1>
<form id="f"><p><label>Nieuw wachtwoord (minimaal 12 tekens)<br><input name="password" type="password" minlength="12" maxlength="200" autocomplete="new-password" required></label></p>
<p><label>Nogmaals<br><input name="again" type="password" minlength="12" maxlength="200" autocomplete="new-password" required></label></p>
<p><button>Wachtwoord instellen</button></p></form><p id="out" role="status"></p>
<script>${ACTIVATE_SCRIPT}</script></body></html>`;
