import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { totpKeyFromEnv } from './auth/secret-box';
import { parseEmbedOrigins, type EmbedOrigins } from './embed-origins';
import { fhirClientsFromFile, type FhirClients } from './fhir/clients';
import { oidcConfigFromFile, type OidcConfig } from './auth/oidc/config';
import { parseExtensionIds } from './auth/oidc/return-url';

/** Off, a number of proxy hops, or the addresses of your proxies. */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL URL; when absent the server keeps its data with PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL URL of the schema's owner, whom migrations run as (NZ_MIGRATION_DATABASE_URL); see server/README.md, Security. */
  migrationDatabaseUrl?: string;
  dataDir: string;
  /** Web origins allowed to call the API (besides browser extensions). */
  allowedOrigins: string[];
  /** The address people reach this server at, for activation links. */
  publicUrl: string;
  /** Load the demo region (with password `oefenen-netwerkzorg`) into an empty database. */
  demo: boolean;
  /** The proxies you run in front of the server, whose X-Forwarded-For entries are believed (see auth/client-ip.ts). */
  trustProxy: TrustProxy;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /**
   * The key (32 bytes) that encrypts TOTP secrets at rest and keys the
   * pseudonyms of account names in the security log (NZ_TOTP_KEY).
   */
  totpKey: Buffer;
  /** NODE_ENV=production: refuse to start without what a real deployment needs (see server/README.md, Security). */
  production: boolean;
  /** How often this process seals the audit records written since the last seal (NZ_AUDIT_SEAL_SECONDS; 0: never). */
  auditSealMs: number;
  /** Per organisation, the intranet origins that may show the widget (NZ_EMBED_ORIGINS, see server/embed-origins.ts). */
  embedOrigins?: EmbedOrigins;
  /** The built widget, `widget.js` and `embed/` (NZ_WIDGET_DIR); default `<NZ_OUT_DIR or .output>/widget`. */
  widgetDir?: string;
  /** The SMTP relay (NZ_SMTP_URL); without it mails stay queued. STARTTLS is required except to loopback. */
  smtpUrl?: string;
  /** The sender of every mail (NZ_MAIL_FROM). */
  mailFrom: string;
  /** How long a new message may stay unseen before its notification mail goes (NZ_NOTIFY_QUIET_SECONDS). */
  notifyQuietMs: number;
  /** How often the mail worker looks for due mail and notifications (NZ_MAIL_POLL_MS; 0: no worker). */
  mailPollMs: number;
  /** The record API's registered systems, per client id (NZ_FHIR_CLIENTS names their file; server/fhir/clients.ts). */
  fhirClients?: FhirClients;
  /** Per organisation, sign-in through its own OpenID provider (NZ_OIDC_CONFIG names the file; server/auth/oidc/config.ts). */
  oidc?: OidcConfig;
  /** Extension ids besides the built-in ones whose sign-in window may receive a one-time code (NZ_SSO_EXTENSION_IDS). */
  ssoExtensionIds?: string[];
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
/** NZ_TRUST_PROXY: off (default, `false`, `0`), a hop count (`1`, `2`; `true` is one hop), or a comma-separated list of proxy addresses. */
export function parseTrustProxy(v: string | undefined): TrustProxy {
  const text = (v ?? '').trim();
  if (!text || /^(0|false|no|off)$/i.test(text)) return false;
  if (/^(true|yes|on)$/i.test(text)) return { hops: 1 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = list(text);
  if (addresses.some((a) => !isIP(a))) throw new Error('NZ_TRUST_PROXY must be off, a number of proxy hops, or a list of proxy IP addresses');
  return { addresses };
}

const seconds = (v: string | undefined, fallback: number, name: string) => {
  const n = Number(v === undefined || v === '' ? fallback : v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number`);
  return n;
};

const flag = (v: string | undefined, fallback: boolean) => (v === undefined || v === '' ? fallback : /^(1|true|yes|on)$/i.test(v));

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const host = env.NZ_HOST || '127.0.0.1';
  const port = Number(env.NZ_PORT || env.PORT || 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('NZ_PORT must be a port number');
  const production = env.NODE_ENV === 'production';
  const dataDir = env.NZ_DATA_DIR || join(process.cwd(), 'data', 'pglite');
  const seal = Number(env.NZ_AUDIT_SEAL_SECONDS ?? 300);
  if (!Number.isFinite(seal) || seal < 0) throw new Error('NZ_AUDIT_SEAL_SECONDS must be a number of seconds');
  return {
    host,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.NZ_MIGRATION_DATABASE_URL || undefined,
    dataDir,
    allowedOrigins: list(env.NZ_ALLOWED_ORIGINS),
    publicUrl: (env.NZ_PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, ''),
    demo: flag(env.NZ_DEMO, true),
    trustProxy: parseTrustProxy(env.NZ_TRUST_PROXY),
    bodyLimit: Number(env.NZ_BODY_LIMIT || 256 * 1024),
    embedOrigins: parseEmbedOrigins(env.NZ_EMBED_ORIGINS, flag(env.NZ_DEMO, true)),
    widgetDir: env.NZ_WIDGET_DIR || undefined,
    totpKey: totpKeyFromEnv(env.NZ_TOTP_KEY, { production, devKeyFile: join(dirname(dataDir), 'dev-totp.key') }),
    production,
    auditSealMs: seal * 1000,
    smtpUrl: env.NZ_SMTP_URL || undefined,
    mailFrom: env.NZ_MAIL_FROM || 'Netwerkzorg <noreply@netwerkzorg.invalid>',
    notifyQuietMs: seconds(env.NZ_NOTIFY_QUIET_SECONDS, 15 * 60, 'NZ_NOTIFY_QUIET_SECONDS') * 1000,
    mailPollMs: seconds(env.NZ_MAIL_POLL_MS, 1000, 'NZ_MAIL_POLL_MS'),
    fhirClients: fhirClientsFromFile(env.NZ_FHIR_CLIENTS || undefined),
    oidc: oidcConfigFromFile(env.NZ_OIDC_CONFIG || undefined),
    ssoExtensionIds: parseExtensionIds(env.NZ_SSO_EXTENSION_IDS),
  };
}
