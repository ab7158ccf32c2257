import type { Context } from 'hono';
import type { Source } from '../../lib/domain';
import { EXTENSION_ORIGIN } from './origins';

/**
 * Where a request came from, for the audit log (R15), from how it arrived
 * rather than from anything the caller says: a browser extension's origin is
 * the side panel, this server's own origin is its embed page (the widget),
 * anything else (no Origin: another system) the API.
 */
export function requestSource(c: Context, publicUrl: string): Source {
  const origin = c.req.header('Origin');
  if (!origin) return 'server';
  if (EXTENSION_ORIGIN.test(origin)) return 'sidepanel';
  const own = new URL(c.req.url).origin;
  if (origin === own || origin === new URL(publicUrl).origin) return 'widget';
  return 'server';
}
