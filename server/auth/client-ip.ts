import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { isIP } from 'node:net';
import type { TrustProxy } from '../config';

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `::ffff:192.0.2.1` and `192.0.2.1` are one address. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();

/**
 * The caller's address. Behind proxies you run, the socket's peer is your
 * last proxy and each proxy appended the address it saw to X-Forwarded-For;
 * everything left of what your own proxies wrote was sent by the caller and
 * may be anything. So the answer is the rightmost entry your proxies did not
 * add: with `hops: n`, the n-th from the right; with `addresses`, the first
 * from the right that is not one of them (and only when the peer is one).
 */
export function clientIp(c: Context, trust: TrustProxy): string {
  const peer = plain(socketAddress(c));
  if (!trust) return peer;
  const header = c.req.header('X-Forwarded-For');
  if (!header) return peer;
  const chain = header.split(',').map((s) => plain(s.trim()));
  if (chain.some((a) => !isIP(a))) return peer;
  if ('hops' in trust) return chain[Math.max(0, chain.length - trust.hops)] ?? peer;
  const ours = new Set(trust.addresses.map(plain));
  if (!ours.has(peer)) return peer;
  for (let i = chain.length - 1; i >= 0; i--) if (!ours.has(chain[i]!)) return chain[i]!;
  return chain[0] ?? peer;
}

/** Whether the request reached the first of your proxies over TLS (X-Forwarded-Proto, trusted only behind them). */
export function forwardedTls(c: Context, trust: TrustProxy): boolean {
  if (!trust) return false;
  const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}
