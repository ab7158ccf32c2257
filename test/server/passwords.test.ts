import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../lib/backend/http/auth-client';
import { hashPassword, needsRehash, verifyPassword } from '../../server/auth/password';
import { passwordProblem } from '../../server/auth/password-policy';
import { DEMO_PASSWORD } from '../../server/seed';
import { backendFor, emailOf, post, tokenFor, type TestServer } from './helpers';
import { linkTokenFor, serverWithMail, type MailWorld } from './support/mail';

describe('passwords', () => {
  let world: MailWorld;
  let server: TestServer;
  beforeAll(async () => {
    world = await serverWithMail();
    server = world.server;
  });
  afterAll(async () => {
    await world?.dispose();
  });

  it('passwords: a minimum of 12 characters and no common, repeated or personal password', async () => {
    const mulder = await backendFor(server, 'p-mulder');
    const created = await mulder.call('createAccount', { name: 'Kees Verhoef', email: 'k.verhoef@lombokhuisartsen.nl', role: 'assistant', isCareProfessional: true });
    if (!created.ok) throw new Error(created.code);
    const token = await linkTokenFor(world.catcher, 'k.verhoef@lombokhuisartsen.nl', 'activate');
    const refusal = async (password: string) => {
      const r = await post(server, '/api/v1/auth/set-password', { token, password });
      const message = (r.json.issues as { message: string }[] | undefined)?.[0]?.message ?? '';
      return r.status !== 400 ? r.status : /^password-/.test(message) ? message : 'too-short';
    };
    expect(await refusal('kort-11-tkn')).toBe('too-short');
    for (const weak of ['aaaaaaaaaaaa', 'password1234', 'qwertyuiop12', '123456789012', 'iloveyou1234', 'kees-verhoef-1']) {
      expect(await refusal(weak), weak).toBe('password-too-common');
    }
    // A refusal leaves the link usable.
    expect(await refusal('een-goed-wachtwoord-voor-kees')).toBe(200);
    expect(await signIn(server.url, { email: 'k.verhoef@lombokhuisartsen.nl', password: 'een-goed-wachtwoord-voor-kees' })).toMatchObject({ ok: true });
  });

  it('passwords: the policy accepts passphrases', () => {
    expect(passwordProblem('een-goed-wachtwoord')).toBeUndefined();
    expect(passwordProblem('fiets tulp regen kaas')).toBeUndefined();
  });

  it('scrypt at OWASP\'s parameters: a hash made with older ones is replaced at the next successful sign-in', async () => {
    const old = await hashPassword(DEMO_PASSWORD, { N: 2 ** 15, r: 8, p: 1 });
    expect(needsRehash(old)).toBe(true);
    await server.ctx.db.query("UPDATE credentials SET password_hash = $1 WHERE professional_id = 'p-elamrani'", [old]);
    // A wrong password does not touch the hash.
    expect((await post(server, '/api/v1/auth/sign-in', { email: await emailOf(server, 'p-elamrani'), password: 'niet-het-goede-wachtwoord' })).status).toBe(401);
    const stored = async () => (await server.ctx.db.query<{ password_hash: string }>("SELECT password_hash FROM credentials WHERE professional_id = 'p-elamrani'"))[0]!.password_hash;
    expect(await stored()).toBe(old);
    await tokenFor(server, 'p-elamrani');
    const now = await stored();
    expect(now).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(now)).toBe(false);
    expect(await verifyPassword(DEMO_PASSWORD, now)).toBe(true);
    await tokenFor(server, 'p-elamrani');
  });
});
