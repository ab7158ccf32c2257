import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../crypto';

/** An opaque secret: 256 random bits, base64url. Only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = sha256Hex;

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  return m?.[1];
}
