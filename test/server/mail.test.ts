import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPasswordReset, resendInvitation, resetPassword, signIn } from '../../lib/backend/http/auth-client';
import { HttpBackend } from '../../lib/backend/http/http-backend';
import { memoryTokenStore } from '../../lib/backend/http/token-store';
import { parseOidcConfig } from '../../server/auth/oidc/config';
import { createSession } from '../../server/auth/sessions';
import { hashToken } from '../../server/auth/tokens';
import { totpCode } from '../../server/auth/totp';
import { DEMO_PASSWORD } from '../../server/seed';
import { bearer, emailOf, post, testClock, tokenFor } from './helpers';
import { linkTokenFor, serverWithMail, type MailWorld } from './support/mail';

const auditActions = async (w: MailWorld, action: string) =>
  (await w.server.ctx.db.query<{ doc: Record<string, unknown> }>("SELECT doc FROM audit WHERE doc->>'action' = $1", [action])).map((r) => r.doc);

describe('e-mail: invitations to the new person\'s own mailbox (R11, R12, R13)', () => {
  let w: MailWorld;
  beforeAll(async () => {
    w = await serverWithMail();
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('R13: the invitation reaches the new address, its link works once, and no route gives it to the account manager', async () => {
    const managerToken = await tokenFor(w.server, 'p-mulder');
    const manager = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(managerToken) });
    const email = 'n.assistent@lombokhuisartsen.nl';
    const created = await manager.call('createAccount', { name: 'Nieuwe Assistent', email, role: 'assistant', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const [mail] = await w.catcher.waitFor((m) => m.envelopeTo.includes(email));
    expect(mail!.subject).toBe('Uw account voor Netwerkzorg');
    expect(mail!.text).toMatch(/^Beste Nieuwe Assistent,/);
    expect(mail!.text).toContain('Huisartsenpraktijk');
    const token = await linkTokenFor(w.catcher, email, 'activate');
    expect(mail!.text).toContain(`https://netwerkzorg.example.nl/activate#token=${token}`);

    // Every answer the account manager can get about the account is free of the token.
    expect(JSON.stringify(created.value)).not.toContain(token);
    const status = await fetch(`${w.server.url}/api/v1/auth/mail-status`, { headers: bearer(managerToken) });
    const statusText = await status.text();
    expect(status.status).toBe(200);
    expect(JSON.parse(statusText).invitations).toContainEqual(expect.objectContaining({ professionalId: created.value.id, mail: 'sent' }));
    expect(statusText).not.toContain(token);
    const accounts = await manager.call('listAccounts', {});
    expect(JSON.stringify(accounts)).not.toContain(token);
    expect((await post(w.server, '/api/v1/auth/activation-link', { professionalId: created.value.id }, bearer(managerToken))).status).toBe(404);
    // The queue keeps the mail encrypted while it waits and erases it once sent.
    const rows = await w.server.ctx.db.query<{ payload: string | null; sent_at: unknown }>('SELECT payload, sent_at FROM mail_outbox WHERE professional_id = $1', [created.value.id]);
    expect(rows).toEqual([expect.objectContaining({ payload: null })]);
    expect(rows[0]!.sent_at).toBeTruthy();

    // Before activation there is no password to sign in with.
    expect(await signIn(w.server.url, { email, password: 'wat-dan-ook-12' })).toMatchObject({ ok: false, code: 'not-signed-in' });
    expect((await post(w.server, '/api/v1/auth/set-password', { token, password: 'een-goed-wachtwoord' })).json).toEqual({ professionalId: created.value.id });
    expect((await post(w.server, '/api/v1/auth/set-password', { token, password: 'nog-een-wachtwoord' })).status).toBe(404);
    expect(await signIn(w.server.url, { email, password: 'een-goed-wachtwoord' })).toMatchObject({ ok: true, value: { professionalId: created.value.id } });
    // Activated: nothing to send again.
    expect(await resendInvitation(w.server.url, managerToken, created.value.id)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('R12: sending the invitation again makes the old link stop working, is audited, and is only for the own organisation', async () => {
    const managerToken = await tokenFor(w.server, 'p-mulder');
    const manager = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(managerToken) });
    const email = 'opnieuw@lombokhuisartsen.nl';
    const created = await manager.call('createAccount', { name: 'Twee Keer', email, role: 'assistant', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const first = await linkTokenFor(w.catcher, email, 'activate');
    expect(await resendInvitation(w.server.url, await tokenFor(w.server, 'p-bos'), created.value.id)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await resendInvitation(w.server.url, await tokenFor(w.server, 'p-jansen'), created.value.id)).toMatchObject({ ok: false, code: 'account-manager-only' });
    const again = await resendInvitation(w.server.url, managerToken, created.value.id);
    expect(again).toMatchObject({ ok: true, value: { sent: true } });
    expect(JSON.stringify(again)).not.toMatch(/token|activate/);
    const second = await linkTokenFor(w.catcher, email, 'activate', 2);
    expect(second).not.toBe(first);
    expect((await post(w.server, '/api/v1/auth/set-password', { token: first, password: 'een-goed-wachtwoord' })).status).toBe(404);
    expect((await post(w.server, '/api/v1/auth/set-password', { token: second, password: 'een-goed-wachtwoord' })).status).toBe(200);
    expect(await auditActions(w, 'resendInvitation')).toEqual([expect.objectContaining({ objectId: created.value.id, userId: 'p-mulder', orgId: 'org-hap-lombok' })]);
  });

  it('R12: deactivating an account that was never activated makes its link stop working', async () => {
    const manager = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(await tokenFor(w.server, 'p-mulder')) });
    const email = 'vertrokken@lombokhuisartsen.nl';
    const created = await manager.call('createAccount', { name: 'Snel Weg', email, role: 'assistant', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const token = await linkTokenFor(w.catcher, email, 'activate');
    expect(await manager.call('deactivateAccount', { professionalId: created.value.id })).toMatchObject({ ok: true });
    expect((await post(w.server, '/api/v1/auth/set-password', { token, password: 'een-goed-wachtwoord' })).status).toBe(404);
    expect(await requestPasswordReset(w.server.url, email)).toMatchObject({ ok: true });
  });

  it('a mail the relay refuses for good is shown to the organisation\'s account manager', async () => {
    const bounce = await serverWithMail({ refuse: (a) => a.startsWith('bestaat-niet@') });
    try {
      const token = await tokenFor(bounce.server, 'p-mulder');
      const manager = new HttpBackend({ baseUrl: bounce.server.url, tokens: memoryTokenStore(token) });
      const created = await manager.call('createAccount', { name: 'Tik Fout', email: 'bestaat-niet@lombokhuisartsen.nl', role: 'assistant', isCareProfessional: true });
      if (!created.ok) throw new Error(created.code);
      let status: { invitations: { professionalId: string; mail: string }[]; failed: { professionalId: string; kind: string; reason: string }[] } | undefined;
      for (let i = 0; i < 100 && !status?.failed.length; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await (await fetch(`${bounce.server.url}/api/v1/auth/mail-status`, { headers: bearer(token) })).json();
      }
      expect(status!.failed).toEqual([expect.objectContaining({ professionalId: created.value.id, kind: 'invitation', reason: expect.stringMatching(/^SMTP 550/) })]);
      expect(status!.invitations).toContainEqual(expect.objectContaining({ professionalId: created.value.id, mail: 'failed' }));
      // Another organisation's account manager does not see it; someone who is not an account manager sees nothing.
      const other = await (await fetch(`${bounce.server.url}/api/v1/auth/mail-status`, { headers: bearer(await tokenFor(bounce.server, 'p-bos')) })).json();
      expect(other.failed).toEqual([]);
      expect((await fetch(`${bounce.server.url}/api/v1/auth/mail-status`, { headers: bearer(await tokenFor(bounce.server, 'p-jansen')) })).status).toBe(403);
    } finally {
      await bounce.dispose();
    }
  });
});

describe('e-mail: password reset and change', () => {
  let w: MailWorld;
  const clock = testClock(Date.UTC(2026, 5, 1, 9, 0, 0));
  beforeAll(async () => {
    w = await serverWithMail({ now: clock.now });
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('reset for an unknown address sends nothing and answers exactly as for a known one', async () => {
    const known = await emailOf(w.server, 'p-elamrani');
    const unknown = await post(w.server, '/api/v1/auth/request-password-reset', { email: 'niemand@lombokhuisartsen.nl' });
    const real = await post(w.server, '/api/v1/auth/request-password-reset', { email: known });
    expect([unknown.status, unknown.text]).toEqual([real.status, real.text]);
    expect(real.json).toEqual({ accepted: true });
    // The known address's mail is the signal that the queue has been worked through.
    await linkTokenFor(w.catcher, known, 'reset-password');
    await w.server.ctx.mail.drain();
    expect(w.catcher.mails.filter((m) => m.envelopeTo.includes('niemand@lombokhuisartsen.nl'))).toEqual([]);
  });

  it('the reset link works once, for 30 minutes, and ends every session of the account (audited)', async () => {
    const email = await emailOf(w.server, 'p-dekker');
    const session = await tokenFor(w.server, 'p-dekker');
    await requestPasswordReset(w.server.url, email);
    const stale = await linkTokenFor(w.catcher, email, 'reset-password');
    clock.advance(31 * 60_000);
    expect(await resetPassword(w.server.url, stale, 'te-laat-voor-deze-link')).toMatchObject({ ok: false, code: 'not-found' });
    await requestPasswordReset(w.server.url, email);
    const token = await linkTokenFor(w.catcher, email, 'reset-password', 2);
    const done = await resetPassword(w.server.url, token, 'mijn-nieuwe-wachtwoord');
    expect(done).toMatchObject({ ok: true, value: { professionalId: 'p-dekker' } });
    // No second factor required here: no enrolment session either.
    expect(done.ok && done.value.enrolmentToken).toBeUndefined();
    expect(await resetPassword(w.server.url, token, 'nog-een-ander-wachtwoord')).toMatchObject({ ok: false, code: 'not-found' });
    expect((await post(w.server, '/api/v1/ops/session', {}, bearer(session))).status).toBe(401);
    expect(await signIn(w.server.url, { email, password: DEMO_PASSWORD })).toMatchObject({ ok: false });
    expect(await signIn(w.server.url, { email, password: 'mijn-nieuwe-wachtwoord' })).toMatchObject({ ok: true });
    expect(await auditActions(w, 'resetPassword')).toEqual([expect.objectContaining({ userId: 'p-dekker', objectType: 'password' })]);
  });

  it('someone who reads mail in English gets a link to the English page; without ?lang=en every page is Dutch', async () => {
    const email = await emailOf(w.server, 'p-hoekstra');
    await post(w.server, '/api/v1/auth/mail-settings', { lang: 'en' }, bearer(await tokenFor(w.server, 'p-hoekstra')));
    await requestPasswordReset(w.server.url, email);
    const token = await linkTokenFor(w.catcher, email, 'reset-password');
    const mail = w.catcher.mails.find((m) => m.envelopeTo.includes(email) && m.text.includes(token))!;
    expect(mail.subject).not.toMatch(/wachtwoord/i);
    expect(mail.text).toContain(`https://netwerkzorg.example.nl/reset-password?lang=en#token=${token}`);

    const page = async (path: string) => {
      const res = await fetch(`${w.server.url}${path}`);
      const html = await res.text();
      // The page's one script runs only if the policy names its hash.
      const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1];
      const allowed = script !== undefined && res.headers.get('content-security-policy')!.includes(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
      return { html, allowed };
    };
    const english = await page('/reset-password?lang=en');
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain('<h1>Choose a new password</h1>');
    expect(english.html).toContain('New password (at least 12 characters)');
    expect(english.html).toContain('<a href="/forgot-password?lang=en">Forgot your password?</a>');
    expect(english.html).toContain('The two passwords are not the same.');
    expect(english.html).not.toMatch(/wachtwoord/i);
    expect(english.allowed).toBe(true);
    for (const path of ['/reset-password', '/reset-password?lang=de']) {
      const dutch = await page(path);
      expect(dutch.html).toContain('<html lang="nl">');
      expect(dutch.html).toContain('<h1>Nieuw wachtwoord kiezen</h1>');
      expect(dutch.allowed).toBe(true);
    }
    const forgot = await page('/forgot-password?lang=en');
    expect(forgot.html).toContain('Enter the e-mail address of your account.');
    expect(forgot.allowed).toBe(true);
    expect((await page('/activate?lang=en')).html).toContain('<h1>Activate your account</h1>');
  });

  it('reset requests are throttled per address, the same for an address with or without an account', async () => {
    for (const email of [await emailOf(w.server, 'p-ahmadi'), 'geen-account@buurtteam.nl']) {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await post(w.server, '/api/v1/auth/request-password-reset', { email })).status);
      expect(answers, email).toEqual([200, 200, 200, 429]);
    }
  });

  it('a signed-in person changes their password with the current one; their other sessions end and they are told by mail', async () => {
    const email = await emailOf(w.server, 'p-smit');
    const here = await tokenFor(w.server, 'p-smit');
    const elsewhere = await tokenFor(w.server, 'p-smit');
    const wrong = await post(w.server, '/api/v1/auth/change-password', { currentPassword: 'niet-het-wachtwoord', password: 'een-nieuw-wachtwoord' }, bearer(here));
    expect(wrong.status).toBe(400);
    const ok = await post(w.server, '/api/v1/auth/change-password', { currentPassword: DEMO_PASSWORD, password: 'een-nieuw-wachtwoord' }, bearer(here));
    expect(ok.json).toEqual({ changed: true });
    expect((await post(w.server, '/api/v1/ops/session', {}, bearer(here))).status).toBe(200);
    expect((await post(w.server, '/api/v1/ops/session', {}, bearer(elsewhere))).status).toBe(401);
    const [told] = await w.catcher.waitFor((m) => m.envelopeTo.includes(email) && m.subject === 'Uw wachtwoord voor Netwerkzorg is gewijzigd');
    expect(told!.text).not.toContain('een-nieuw-wachtwoord');
    expect(await auditActions(w, 'changePassword')).toEqual([expect.objectContaining({ userId: 'p-smit' })]);
  });

  it('a person whose second factor the account manager resets is told by mail', async () => {
    const email = await emailOf(w.server, 'p-visser');
    const r = await post(w.server, '/api/v1/auth/totp/reset', { professionalId: 'p-visser' }, bearer(await tokenFor(w.server, 'p-mulder')));
    expect(r.status).toBe(200);
    const [told] = await w.catcher.waitFor((m) => m.envelopeTo.includes(email) && /tweede stap/.test(m.subject));
    expect(told!.text).toMatch(/accountbeheerder/);
  });

  it('R13: where the organisation requires a second factor, the mailed link (invitation, then reset) also enrols one, and nothing else', async () => {
    const managerToken = await tokenFor(w.server, 'p-ahmadi');
    const manager = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(managerToken) });
    await w.server.ctx.db.query(
      `INSERT INTO org_settings (org_id, require_totp, require_totp_since) VALUES ('org-buurtteam', true, $1)
       ON CONFLICT (org_id) DO UPDATE SET require_totp = true, require_totp_since = $1`, [clock.now().toISOString()],
    );
    const email = 'nieuw.lid@buurtteamsutrecht.nl';
    const created = await manager.call('createAccount', { name: 'Nieuw Lid', email, role: 'socialWorker', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const set = await post(w.server, '/api/v1/auth/set-password', { token: await linkTokenFor(w.catcher, email, 'activate'), password: 'een-goed-wachtwoord' });
    const session = set.json.enrolmentToken as string;
    expect(session).toMatch(/^[\w-]{43}$/);
    // The session enrols a second factor and does nothing else.
    expect((await post(w.server, '/api/v1/ops/session', {}, bearer(session))).json).toMatchObject({ code: 'not-signed-in', detail: 'totp-enrolment-required' });
    const enrol = async (token: string, password: string) => {
      const started = await post(w.server, '/api/v1/auth/totp/enrol', { password }, bearer(token));
      expect(started.status).toBe(200);
      const code = totpCode(started.json.secret as string, clock.now());
      expect((await post(w.server, '/api/v1/auth/totp/confirm', { code }, bearer(token))).status).toBe(200);
      return started.json.secret as string;
    };
    let secret = await enrol(session, 'een-goed-wachtwoord');
    clock.advance(30_000);
    expect(await signIn(w.server.url, { email, password: 'een-goed-wachtwoord' })).toMatchObject({ ok: false });
    expect(await signIn(w.server.url, { email, password: 'een-goed-wachtwoord', totp: totpCode(secret, clock.now()) })).toMatchObject({ ok: true, value: { totpEnrolmentRequired: false } });

    // The account manager removes the authenticator; a password reset link lets the person enrol a new one.
    expect((await post(w.server, '/api/v1/auth/totp/reset', { professionalId: created.value.id }, bearer(managerToken))).status).toBe(200);
    await requestPasswordReset(w.server.url, email);
    const reset = await resetPassword(w.server.url, await linkTokenFor(w.catcher, email, 'reset-password'), 'nog-een-goed-wachtwoord');
    if (!reset.ok || !reset.value.enrolmentToken) throw new Error('no enrolment session after the reset');
    clock.advance(30_000);
    secret = await enrol(reset.value.enrolmentToken, 'nog-een-goed-wachtwoord');
    clock.advance(30_000);
    expect(await signIn(w.server.url, { email, password: 'nog-een-goed-wachtwoord', totp: totpCode(secret, clock.now()) })).toMatchObject({ ok: true });
    // Both enrolments are audit records.
    expect((await auditActions(w, 'enrolSecondFactor')).filter((e) => e.userId === created.value.id)).toHaveLength(2);
  });
});

describe('e-mail: an organisation that signs in through its own provider only (issue 15)', () => {
  let w: MailWorld;
  let manager: HttpBackend;
  let managerToken: string;
  beforeAll(async () => {
    // Thuiszorg Zorgzaam: its provider only (never reached here), no passwords.
    w = await serverWithMail({ config: { oidc: parseOidcConfig({ 'org-zorgzaam': { issuer: 'http://127.0.0.1:9', clientId: 'nz', clientSecret: 'x', requireMfa: true, passwordSignIn: false } }, '.') } });
    // Its account manager signs in through the provider too: a session as that sign-in would open.
    managerToken = (await createSession(w.server.ctx.db, 'p-bos', w.server.ctx.now(), false)).token;
    manager = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(managerToken) });
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('R12: the invitation says to sign in with the organisation, and carries no link to choose a password', async () => {
    const email = 'n.verzorgende@zorgzaam.nl';
    const created = await manager.call('createAccount', { name: 'Nieuwe Verzorgende', email, role: 'caregiver', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const [mail] = await w.catcher.waitFor((m) => m.envelopeTo.includes(email));
    expect(mail!.subject).toBe('Uw account voor Netwerkzorg');
    expect(mail!.text).toContain('Aanmelden met uw organisatie');
    expect(mail!.text).toContain('Thuiszorg Zorgzaam');
    expect(mail!.text).not.toMatch(/#token=|https?:\/\//);
    // Sent again, it says the same.
    expect(await resendInvitation(w.server.url, managerToken, created.value.id)).toMatchObject({ ok: true });
    const [, again] = await w.catcher.waitFor((m) => m.envelopeTo.includes(email), { count: 2 });
    expect(again!.text).toContain('Aanmelden met uw organisatie');
    expect(again!.text).not.toMatch(/#token=|https?:\/\//);
  });

  it('a password reset asked for such a person mails how to sign in instead, with no link, and answers as always', async () => {
    const email = 'y.yilmaz@zorgzaam.nl';
    expect(await requestPasswordReset(w.server.url, email)).toMatchObject({ ok: true });
    const [mail] = await w.catcher.waitFor((m) => m.envelopeTo.includes(email));
    expect(mail!.subject).toBe('Aanmelden bij Netwerkzorg');
    expect(mail!.text).toContain('Aanmelden met uw organisatie');
    expect(mail!.text).not.toMatch(/#token=|https?:\/\//);
    const resets = await w.server.ctx.db.query('SELECT 1 FROM password_resets WHERE professional_id = $1', ['p-yilmaz']);
    expect(resets).toHaveLength(0);
  });

  it('a link from before the organisation switched sets no password: 403 password-sign-in-off, nothing written', async () => {
    const token = 'a'.repeat(43);
    await w.server.ctx.db.query(
      `INSERT INTO password_resets (token_hash, professional_id, expires_at) VALUES ($1, 'p-yilmaz', $2)`,
      [hashToken(token), new Date(w.server.ctx.now().getTime() + 60_000).toISOString()],
    );
    const r = await post(w.server, '/api/v1/auth/reset-password', { token, password: 'een-goed-lang-wachtwoord' });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ ok: false, code: 'password-sign-in-off' });
    expect(await w.server.ctx.db.query('SELECT 1 FROM password_resets WHERE professional_id = $1', ['p-yilmaz'])).toHaveLength(1);
  });
});

describe('e-mail: notifications without content', () => {
  let w: MailWorld;
  const clock = testClock(Date.UTC(2026, 5, 1, 9, 0, 0));
  const QUIET = 15 * 60_000;
  beforeAll(async () => {
    w = await serverWithMail({ now: clock.now });
  });
  afterAll(async () => {
    await w?.dispose();
  });

  /** A conversation of the GP with the home-care team's shared inbox, about a new client. */
  async function conversation(subject: string, text: string, clientName = 'Gerrit Testpersoon') {
    const gp = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(await tokenFor(w.server, 'p-jansen')) });
    const client = await gp.call('createClient', { name: clientName, birthDate: '1944-04-04' });
    if (!client.ok) throw new Error(client.code);
    await gp.call('recordConsent', { clientId: client.value.id, textId: 'consent-text-v1', givenBy: { kind: 'client' }, method: 'verbal' });
    const network = await gp.call('createNetwork', { clientId: client.value.id });
    if (!network.ok) throw new Error(network.code);
    const conv = await gp.call('startConversation', { networkId: network.value.id, subject, inboxIds: ['inbox-kanaleneiland'], professionalIds: [], messageId: randomUUID(), text });
    if (!conv.ok) throw new Error(conv.code);
    return { gp, conversationId: conv.value.id };
  }

  /** Lets the quiet period pass and the worker finish; the mails that came meanwhile. */
  async function afterQuietPeriod() {
    const before = w.catcher.mails.length;
    clock.advance(QUIET + 1000);
    await w.server.ctx.mail.drain();
    return w.catcher.mails.slice(before);
  }

  it('a burst of 20 messages to a shared inbox in one quiet period gives each member one mail, and the sender none', async () => {
    const { gp, conversationId } = await conversation('Wondzorg', 'Eerste bericht.');
    for (let i = 0; i < 19; i++) {
      const r = await gp.call('postMessage', { conversationId, messageId: randomUUID(), text: `Bericht ${i}` });
      if (!r.ok) throw new Error(r.code);
      clock.advance(10_000);
    }
    const mails = await afterQuietPeriod();
    const to = (id: string) => emailOf(w.server, id);
    const [yilmaz, degraaf, jansen] = await Promise.all([to('p-yilmaz'), to('p-degraaf'), to('p-jansen')]);
    expect(mails.filter((m) => m.envelopeTo.includes(yilmaz))).toHaveLength(1);
    expect(mails.filter((m) => m.envelopeTo.includes(degraaf))).toHaveLength(1);
    expect(mails.filter((m) => m.envelopeTo.includes(jansen))).toHaveLength(0);
    const mail = mails.find((m) => m.envelopeTo.includes(yilmaz))!;
    expect(mail.subject).toBe('Er is iets nieuws in Netwerkzorg');
    expect(mail.text).toContain('"Wijkverpleging Kanaleneiland"');
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/netwerkzorg\.example\.nl\/api\/v1\/mail\/unsubscribe\?t=[\w.-]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // Nothing more is due: the burst was one period.
    expect(await afterQuietPeriod()).toEqual([]);
  });

  it('who saw the message within the quiet period gets no mail', async () => {
    const { conversationId } = await conversation('Medicatie', 'Graag overleg.');
    const yilmaz = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(await tokenFor(w.server, 'p-yilmaz')) });
    expect(await yilmaz.call('readConversation', { conversationId })).toMatchObject({ ok: true });
    const mails = await afterQuietPeriod();
    expect(mails.map((m) => m.envelopeTo[0])).toEqual([await emailOf(w.server, 'p-degraaf')]);
  });

  it('property: no word of a message\'s subject or text, nor the client\'s name, is in any mail', async () => {
    const fc = await import('fast-check');
    const word = fc.stringMatching(/^[a-z]{4,12}$/);
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
    const baseline = (await afterQuietPeriod()).length;
    expect(baseline).toBe(0);
    await fc.assert(fc.asyncProperty(sentence, sentence, fc.tuple(word, word), async (subject, text, [first, last]) => {
      const clientName = `${first[0]!.toUpperCase()}${first.slice(1)} ${last}`;
      await conversation(subject, text, clientName);
      const mails = await afterQuietPeriod();
      expect(mails.length).toBe(2);
      const everything = mails.map((m) => [m.subject, m.text, m.html, ...Object.values(m.headers)].join('\n').toLowerCase()).join('\n');
      const template = (await import('../../server/mail/compose')).notificationMail('nl', { name: '', list: 'Wijkverpleging Kanaleneiland', link: '', unsubscribe: '' });
      const templateWords = new Set(`${template.subject} ${template.text}`.toLowerCase().split(/[^a-z]+/));
      for (const wd of [...subject.split(' '), ...text.split(' '), first, last]) {
        if (templateWords.has(wd)) continue;
        expect(everything, wd).not.toContain(wd);
      }
      expect(everything).not.toContain(clientName.toLowerCase());
    }), { numRuns: 6 });
  });

  it('one click on the unsubscribe link stops that list\'s mails (RFC 8058), audited; the other member still gets them', async () => {
    await conversation('Eerste', 'Tekst.');
    const yilmaz = await emailOf(w.server, 'p-yilmaz');
    const [mail] = (await afterQuietPeriod()).filter((m) => m.envelopeTo.includes(yilmaz));
    const url = /^<(.+)>$/.exec(mail!.headers['list-unsubscribe']!)![1]!.replace('https://netwerkzorg.example.nl', w.server.url);
    const target = mail!.envelopeTo[0]!;
    // A link scanner's GET changes nothing.
    expect((await fetch(url)).status).toBe(200);
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect((await fetch(url.replace(/t=[^.]+\./, 't=AAAA.'), { method: 'POST' })).status).toBe(404);
    await conversation('Tweede', 'Tekst.');
    const after = await afterQuietPeriod();
    expect(after.map((m) => m.envelopeTo[0])).toHaveLength(1);
    expect(after.map((m) => m.envelopeTo[0])).not.toContain(target);
    expect((await auditActions(w, 'changeNotificationSettings')).length).toBeGreaterThanOrEqual(1);
  });

  it('each person chooses per list; unknown lists are refused; deactivated people get nothing', async () => {
    const degraafToken = await tokenFor(w.server, 'p-degraaf');
    const before = await (await fetch(`${w.server.url}/api/v1/auth/mail-settings`, { headers: bearer(degraafToken) })).json();
    expect(before.lists).toEqual(expect.arrayContaining([{ via: '', enabled: true }, { via: 'inbox-kanaleneiland', name: 'Wijkverpleging Kanaleneiland', enabled: true }]));
    const refused = await post(w.server, '/api/v1/auth/mail-settings', { lists: { 'inbox-assistentes': true } }, bearer(degraafToken));
    expect(refused.status).toBe(400);
    const english = await post(w.server, '/api/v1/auth/mail-settings', { lang: 'en' }, bearer(degraafToken));
    expect(english.json).toMatchObject({ lang: 'en' });
    await conversation('Derde', 'Tekst.');
    const [mail] = await afterQuietPeriod();
    expect(mail!.subject).toBe('Something new in Netwerkzorg');

    const manager = new HttpBackend({ baseUrl: w.server.url, tokens: memoryTokenStore(await tokenFor(w.server, 'p-bos')) });
    expect(await manager.call('deactivateAccount', { professionalId: 'p-degraaf' })).toMatchObject({ ok: true });
    await conversation('Vierde', 'Tekst.');
    expect(await afterQuietPeriod()).toEqual([]);
  });
});
