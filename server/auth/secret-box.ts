import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 32;
const PREFIX = 'v1';

/** A 32-byte key written as 64 hex digits or as base64 / base64url. */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, /[-_]/.test(t) ? 'base64url' : 'base64');
  if (key.length !== KEY_BYTES) throw new Error('NZ_TOTP_KEY must be 32 bytes (64 hex digits or base64)');
  return key;
}

/**
 * NZ_TOTP_KEY, or outside production a development key kept in a file
 * (created on first start, readable only by its owner), so TOTP secrets
 * survive a restart of `npm start`. Production without a key refuses to
 * start: secrets encrypted with a key nobody keeps are lost with it.
 */
export function totpKeyFromEnv(value: string | undefined, options: { production: boolean; devKeyFile: string }): Buffer {
  if (value) return parseKey(value);
  if (options.production) throw new Error('NZ_TOTP_KEY is required in production (32 bytes, e.g. `openssl rand -hex 32`)');
  if (existsSync(options.devKeyFile)) return parseKey(readFileSync(options.devKeyFile, 'utf8'));
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dirname(options.devKeyFile), { recursive: true });
  try {
    writeFileSync(options.devKeyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process starting at the same moment wrote it first: theirs is the key.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseKey(readFileSync(options.devKeyFile, 'utf8'));
    throw e;
  }
  chmodSync(options.devKeyFile, 0o600);
  return key;
}

/** A key for one purpose, so one configured key never serves two. */
export const subkey = (key: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `netwerkzorg ${purpose}`, KEY_BYTES));

/**
 * AES-256-GCM with a random 96-bit nonce. `context` (the owner's id) is
 * authenticated with it: a secret copied to another person's row does not
 * decrypt there.
 */
export function seal(key: Buffer, plaintext: string, context: string, purpose = 'totp secrets'): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subkey(key, purpose), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [PREFIX, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export const isSealed = (stored: string) => stored.startsWith(`${PREFIX}.`);

/** The plaintext, or undefined when the value was not made with this key and context. */
export function open(key: Buffer, stored: string, context: string, purpose = 'totp secrets'): string | undefined {
  const [prefix, iv, body, tag] = stored.split('.');
  if (prefix !== PREFIX || !iv || !body || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', subkey(key, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
