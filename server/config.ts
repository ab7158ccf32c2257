import { join } from 'node:path';
import { parseEmbedOrigins, type EmbedOrigins } from './embed-origins';

export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL URL; when absent the server keeps its data with PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Web origins allowed to call the API (besides browser extensions). */
  allowedOrigins: string[];
  /** The address people reach this server at, for activation links. */
  publicUrl: string;
  /** Load the demo region (with password `oefenen-netwerkzorg`) into an empty database. */
  demo: boolean;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Per organisation, the intranet origins that may show the widget (NZ_EMBED_ORIGINS, see server/embed-origins.ts). */
  embedOrigins?: EmbedOrigins;
  /** The built widget, `widget.js` and `embed/` (NZ_WIDGET_DIR); default `<NZ_OUT_DIR or .output>/widget`. */
  widgetDir?: string;
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const flag = (v: string | undefined, fallback: boolean) => (v === undefined || v === '' ? fallback : /^(1|true|yes|on)$/i.test(v));

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const host = env.NZ_HOST || '127.0.0.1';
  const port = Number(env.NZ_PORT || env.PORT || 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('NZ_PORT must be a port number');
  return {
    host,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.NZ_DATA_DIR || join(process.cwd(), 'data', 'pglite'),
    allowedOrigins: list(env.NZ_ALLOWED_ORIGINS),
    publicUrl: (env.NZ_PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, ''),
    demo: flag(env.NZ_DEMO, true),
    trustProxy: flag(env.NZ_TRUST_PROXY, false),
    bodyLimit: Number(env.NZ_BODY_LIMIT || 256 * 1024),
    embedOrigins: parseEmbedOrigins(env.NZ_EMBED_ORIGINS, flag(env.NZ_DEMO, true)),
    widgetDir: env.NZ_WIDGET_DIR || undefined,
  };
}
