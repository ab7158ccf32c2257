import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { requestPasswordReset, signIn as signInOverHttp } from '../../../lib/backend/http/auth-client';
import { HttpBackend } from '../../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../../lib/backend/http/token-store';
import { totpCode } from '../../../server/auth/totp';
import { bearer, emailOf, post, tokenFor } from '../../server/helpers';
import { freePort } from '../../server/pg-cluster';
import { linkTokenFor, serverWithMail, type MailWorld } from '../../server/support/mail';
import type { Panel } from '../workflows/panel';
import { newProfile, signIn } from './profiles';

/**
 * Issue 12 in Chromium, against the reference server whose mail goes over
 * SMTP to a catcher the test started: the practice's account manager creates
 * an account in the side panel and sends the invitation once more; it
 * reaches the new colleague's mailbox; she opens its link, chooses a password on the server's page and
 * signs in in the side panel of her own browser. Later "Wachtwoord
 * vergeten?" in the side panel brings a reset mail whose link works.
 */
// `UPDATE_SCREENSHOTS=1` writes the pictures of the sign-in screen, a caught mail and the server's page to docs/screenshots/.
const DIR = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : mkdtempSync(join(tmpdir(), 'nz-screens-'));
const shot = (page: Page, name: string) => page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true, animations: 'disabled' });

const DUTCH = { password: 'Nieuw wachtwoord (minimaal 12 tekens)', again: 'Nogmaals' };
const ENGLISH = { password: 'New password (at least 12 characters)', again: 'Again' };

describe('issue 12: an invitation by mail, and a forgotten password', () => {
  let w: MailWorld;
  const panels: Panel[] = [];
  const email = 'f.bakker@lombokhuisartsen.nl';

  beforeAll(async () => {
    // The links in the mails point at this server, as NZ_PUBLIC_URL makes them in production.
    const port = await freePort();
    w = await serverWithMail({ config: { port, publicUrl: `http://127.0.0.1:${port}` }, catcherPage: true });
  });
  afterAll(async () => {
    for (const p of panels) await p.close();
    await w?.dispose();
  });

  /** Opens a mail's link in a tab of this profile and chooses a password on the server's page. */
  async function choosePassword(p: Panel, link: string, button: string, done: RegExp, password: string, labels = DUTCH): Promise<Page> {
    const tab = await p.browser.context.newPage();
    await tab.goto(link);
    await tab.getByLabel(labels.password).fill(password);
    await tab.getByLabel(labels.again).fill(password);
    await tab.getByRole('button', { name: button }).click();
    await tab.getByRole('status').getByText(done).waitFor();
    // The token leaves the address bar once used.
    expect(tab.url()).not.toContain('token=');
    return tab;
  }

  it('the account manager creates an account; the invitation arrives; the new colleague sets a password and signs in', async () => {
    const manager = await newProfile(w.server, { clock: false });
    panels.push(manager);
    await signIn(manager, w.server, { id: 'p-mulder' }, 'Peter Mulder');
    await manager.go('Beheer');
    await manager.title('Beheer');
    const accounts = manager.main.getByRole('region', { name: 'Accounts' });
    await accounts.getByText('Nieuw account').click();
    const form = accounts.getByRole('form', { name: 'Nieuw account' });
    await form.getByLabel('Naam').fill('Fleur Bakker');
    await form.getByLabel('E-mailadres van de organisatie').fill(email);
    await form.getByLabel('Functie').selectOption({ label: 'Doktersassistent' });
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    await manager.status('Account voor Fleur Bakker aangemaakt.');
    // Nothing on the account manager's screen carries the link.
    expect(await manager.page.content()).not.toMatch(/activate#token=/);

    // The account manager can only send the invitation again; the first link then stops working.
    await linkTokenFor(w.catcher, email, 'activate');
    const row = accounts.getByRole('listitem').filter({ hasText: email });
    await row.getByText('Uitnodiging nog niet gebruikt').waitFor();
    await row.getByRole('button', { name: 'Uitnodiging opnieuw sturen' }).click();
    await manager.status('Er is een nieuwe uitnodiging naar Fleur Bakker gemaild. De vorige link werkt niet meer.');
    expect(await manager.page.content()).not.toMatch(/activate#token=/);
    const token = await linkTokenFor(w.catcher, email, 'activate', 2);
    const invitation = w.catcher.mails.find((m) => m.envelopeTo.includes(email))!;
    expect(invitation.subject).toBe('Uw account voor Netwerkzorg');
    const fleur = await newProfile(w.server, { clock: false });
    panels.push(fleur);
    await fleur.title('Aanmelden');
    const inbox = await fleur.browser.context.newPage();
    await inbox.setViewportSize({ width: 700, height: 600 });
    await inbox.goto(w.catcher.pageUrl!);
    await inbox.getByRole('heading', { name: 'Uw account voor Netwerkzorg' }).first().waitFor();
    await shot(inbox, 'mail-invitation');
    await inbox.close();
    const tab = await choosePassword(fleur, `${w.server.url}/activate#token=${token}`, 'Wachtwoord instellen', /Uw wachtwoord is ingesteld/, 'fiets tulp regen kaas');
    await tab.close();
    await fleur.page.bringToFront();
    await signIn(fleur, w.server, { email }, 'Fleur Bakker', 'fiets tulp regen kaas');
  });

  it('“Wachtwoord vergeten?” in the side panel brings a reset mail whose link sets a new password', async () => {
    const fleur = panels[1]!;
    await fleur.page.getByRole('banner').getByRole('button', { name: 'Afmelden' }).click();
    await fleur.title('Aanmelden');
    await fleur.main.getByRole('link', { name: 'Wachtwoord vergeten?' }).waitFor();
    await shot(fleur.page, 'signin');
    const [forgot] = await Promise.all([
      fleur.browser.context.waitForEvent('page'),
      fleur.main.getByRole('link', { name: 'Wachtwoord vergeten?' }).click(),
    ]);
    await forgot.waitForLoadState();
    expect(forgot.url()).toBe(`${w.server.url}/forgot-password`);
    await forgot.getByLabel('E-mailadres').fill(email);
    await forgot.getByRole('button', { name: 'Link sturen' }).click();
    await forgot.getByRole('status').getByText(/Als dit adres bij een account hoort/).waitFor();
    await forgot.setViewportSize({ width: 500, height: 500 });
    await shot(forgot, 'forgot-password');
    await forgot.close();

    const token = await linkTokenFor(w.catcher, email, 'reset-password');
    const tab = await choosePassword(fleur, `${w.server.url}/reset-password#token=${token}`, 'Wachtwoord opslaan', /Uw nieuwe wachtwoord is ingesteld/, 'zon maan sterren wolk');
    await tab.close();
    await fleur.page.bringToFront();
    await signIn(fleur, w.server, { email }, 'Fleur Bakker', 'zon maan sterren wolk');
  });

  it('on the options page she turns off mail for her own list and changes her password', async () => {
    const fleur = panels[1]!;
    const options = await fleur.browser.openPanel(500, 'options.html');
    const mail = options.getByRole('region', { name: 'Mail bij nieuwe berichten' });
    const own = mail.getByLabel('Mijn lijst');
    expect(await own.isChecked()).toBe(true);
    await own.uncheck();
    await mail.getByRole('status').getByText('Uw keuze voor mail is opgeslagen.').waitFor();
    const stored = await w.server.ctx.db.query<{ lists: Record<string, boolean> }>(
      "SELECT m.lists FROM mail_settings m JOIN professionals p ON p.id = m.professional_id WHERE p.doc->>'email' = $1", [email],
    );
    expect(stored).toEqual([{ lists: { '': false } }]);
    const form = mail.getByRole('form', { name: 'Wachtwoord wijzigen' });
    await form.getByLabel('Huidig wachtwoord').fill('niet het goede wachtwoord');
    await form.getByLabel('Nieuw wachtwoord (minimaal 12 tekens)').fill('regen wind hagel zon');
    await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await mail.getByRole('alert').getByText('Het huidige wachtwoord klopt niet.').waitFor();
    await form.getByLabel('Huidig wachtwoord').fill('zon maan sterren wolk');
    await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await mail.getByRole('status').getByText('Uw wachtwoord is gewijzigd. Op andere apparaten bent u afgemeld.').waitFor();
    await mail.screenshot({ path: `${DIR}/options-mail.png`, animations: 'disabled' });
    await w.catcher.waitFor((m) => m.envelopeTo.includes(email) && m.subject === 'Uw wachtwoord voor Netwerkzorg is gewijzigd');
    await options.close();
  });

  it('R13: where the organisation requires a second factor, the invitation page sets the password and enrols the authenticator in one go', async () => {
    const manager = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(await tokenFor(w.server, 'p-ahmadi')) });
    await w.server.ctx.db.query(
      "INSERT INTO org_settings (org_id, require_totp, require_totp_since) VALUES ('org-buurtteam', true, now()) ON CONFLICT (org_id) DO UPDATE SET require_totp = true",
    );
    const address = 'b.vos@buurtteamsutrecht.nl';
    const created = await manager.call('createAccount', { name: 'Bram Vos', email: address, role: 'socialWorker', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const token = await linkTokenFor(w.catcher, address, 'activate');
    const tab = await choosePassword(panels[0]!, `${w.server.url}/activate#token=${token}`, 'Wachtwoord instellen', /Stel nu de tweede stap in/, 'berg dal heuvel rivier');
    const enrol = tab.getByRole('region', { name: 'Tweede stap instellen' });
    const secret = (await enrol.locator('#secret').textContent())!;
    expect(await enrol.getByRole('link', { name: 'Openen in de authenticator-app' }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
    await enrol.getByLabel('Code uit de app (6 cijfers)').fill(totpCode(secret, new Date()));
    await enrol.getByRole('button', { name: 'Tweede stap instellen' }).click();
    await tab.getByRole('status').getByText(/De tweede stap is ingesteld/).waitFor();
    await tab.close();
    // Enrolled, and the page's session is gone: none is left for the account.
    const sessions = await w.server.ctx.db.query('SELECT 1 FROM sessions WHERE professional_id = $1', [created.value.id]);
    expect(sessions).toEqual([]);
    const creds = await w.server.ctx.db.query<{ totp_secret: string | null }>('SELECT totp_secret FROM credentials WHERE professional_id = $1', [created.value.id]);
    expect(creds[0]!.totp_secret).toBeTruthy();
  });

  it('someone who reads mail in English chooses a new password on the English page the mail links to', async () => {
    const hoekstra = await emailOf(w.server, 'p-hoekstra');
    await post(w.server, '/api/v1/auth/mail-settings', { lang: 'en' }, bearer(await tokenFor(w.server, 'p-hoekstra')));
    await requestPasswordReset(w.server.url, hoekstra);
    const token = await linkTokenFor(w.catcher, hoekstra, 'reset-password');
    const link = /https?:\/\/\S+reset-password\S*/.exec(w.catcher.mails.find((m) => m.text.includes(token))!.text)![0];
    expect(link).toBe(`${w.server.url}/reset-password?lang=en#token=${token}`);
    const tab = await choosePassword(panels[0]!, link, 'Save password', /Your new password is set/, 'rain over the old bridge', ENGLISH);
    expect(tab.url()).toBe(`${w.server.url}/reset-password?lang=en`);
    expect(await tab.getByRole('link', { name: 'Forgot your password?' }).getAttribute('href')).toBe('/forgot-password?lang=en');
    await tab.close();
    expect(await signInOverHttp(w.server.url, { email: hoekstra, password: 'rain over the old bridge' })).toMatchObject({ ok: true });
  });
});
