import { createHmac, timingSafeEqual } from 'node:crypto';
import { subkey } from '../auth/secret-box';

/**
 * One-click unsubscribe (RFC 8058): the link names a person and a list and
 * carries a MAC made with the server's key, so nobody can switch off
 * another person's mails by guessing, and the link works without signing in.
 */
const mac = (key: Buffer, body: string) => createHmac('sha256', subkey(key, 'unsubscribe links')).update(body).digest().subarray(0, 16);

export function unsubscribeToken(key: Buffer, professionalId: string, via: string): string {
  const body = Buffer.from(JSON.stringify([professionalId, via])).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export function readUnsubscribeToken(key: Buffer, token: string): { professionalId: string; via: string } | undefined {
  const [body, tag] = token.split('.');
  if (!body || !tag || body.length > 800) return undefined;
  const given = Buffer.from(tag, 'base64url');
  const want = mac(key, body);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { professionalId: v[0], via: v[1] };
  } catch {
    // fall through: not a token of ours
  }
  return undefined;
}
