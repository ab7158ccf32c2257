import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { bearer, pgliteServer, tokenFor, type TestServer } from './helpers';

describe('HTTP hardening', () => {
  let plain: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    plain = await pgliteServer();
    proxied = await pgliteServer({ config: { trustProxy: { hops: 1 } } });
  });
  afterAll(async () => {
    await plain?.region.dispose();
    await proxied?.region.dispose();
  });

  it('HSTS: sent when the request came over TLS to a trusted proxy, never over plain HTTP or on an untrusted header', async () => {
    const tls = { 'X-Forwarded-Proto': 'https' };
    const behind = await fetch(`${proxied.url}/api/v1/health`, { headers: tls });
    expect(behind.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await fetch(`${proxied.url}/api/v1/health`)).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${proxied.url}/api/v1/health`, { headers: { 'X-Forwarded-Proto': 'http' } })).headers.get('strict-transport-security')).toBeNull();
    // Without trusted proxies the header is the caller's word: ignored.
    expect((await fetch(`${plain.url}/api/v1/health`, { headers: tls })).headers.get('strict-transport-security')).toBeNull();
  });

  it('POST routes require Content-Type: application/json (415 otherwise), before anything is read or changed', async () => {
    const token = await tokenFor(plain, 'p-jansen');
    const send = (path: string, type: string | undefined, body = '{}') => fetch(`${plain.url}${path}`, {
      method: 'POST', headers: { ...bearer(token), 'Idempotency-Key': crypto.randomUUID(), ...(type ? { 'Content-Type': type } : {}) }, body,
    });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', undefined]) {
      for (const path of ['/api/v1/ops/session', '/api/v1/auth/sign-out', '/api/v1/auth/sign-in']) {
        const res = await send(path, type, type === undefined ? new Blob(['{}']) as unknown as string : '{}');
        expect(res.status, `${path} ${type}`).toBe(415);
        expect(await res.json()).toMatchObject({ ok: false, code: 'invalid-input', detail: 'content-type' });
      }
    }
    // The session was not signed out by any of them; JSON with a charset is JSON.
    expect((await send('/api/v1/ops/session', 'application/json; charset=utf-8')).status).toBe(200);
    expect((await send('/api/v1/ops/session', 'Application/JSON')).status).toBe(200);
  });
});

describe('the server key for TOTP secrets (NZ_TOTP_KEY)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nz-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = (more: Record<string, string>) => ({ NZ_DATA_DIR: join(dir, 'pglite'), ...more });

  it('TOTP key: production refuses to start without one', () => {
    expect(() => configFromEnv(env({ NODE_ENV: 'production' }))).toThrow(/NZ_TOTP_KEY is required in production/);
    expect(() => configFromEnv(env({ NODE_ENV: 'production', NZ_TOTP_KEY: 'te-kort' }))).toThrow(/32 bytes/);
    const key = 'ab'.repeat(32);
    expect(configFromEnv(env({ NODE_ENV: 'production', NZ_TOTP_KEY: key })).totpKey.toString('hex')).toBe(key);
  });

  it('TOTP key: outside production a development key is made once, readable by its owner only, and kept', () => {
    const first = configFromEnv(env({})).totpKey;
    const file = join(dir, 'dev-totp.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(configFromEnv(env({})).totpKey.equals(first)).toBe(true);
  });
});
