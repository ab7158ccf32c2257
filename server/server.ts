import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { OperationRegistry } from '../lib/contract/operations';
import { createApp } from './app';
import { sweepExpired } from './auth/sessions';
import { sealLegacySecrets } from './auth/totp-secrets';
import type { ServerConfig } from './config';
import { createContext, type ServerContext } from './context';
import { serverCommitHooks } from './api/commit-hooks';
import { openDatabase, sqlStore, type Db } from './db';
import { auditWritableBecause } from './db/roles';
import { startHub } from './events/hub';
import { errorFields, type Logger } from './log';
import { sealAudit } from './audit/seal';
import { seedDemo } from './seed';
import { startMailWorker } from './mail/worker';
import { sweepUnusedUploads } from './attachments/sweep';
import { smtpTransport } from './mail/transport';

export interface RunningServer {
  ctx: ServerContext;
  url: string;
  port: number;
  /** Whether this start loaded the demo region. */
  seeded: boolean;
  /** What the operator should know about this start (printed by main.ts). */
  warnings: string[];
  close(): Promise<void>;
}

/**
 * R15: on PostgreSQL the server's role must not be able to change or remove
 * audit records. Production refuses to run otherwise; elsewhere (one role,
 * as a quick local PostgreSQL has) it says so. PGlite has one role and one
 * process: its protection is the append-only trigger.
 */
async function checkAuditProtection(db: Db, config: ServerConfig, log: Logger | undefined): Promise<string[]> {
  if (db.kind !== 'postgres') return [];
  const why = await auditWritableBecause(db);
  if (!why) return [];
  if (config.production) throw new Error(`the audit table is not protected: ${why} (set NZ_MIGRATION_DATABASE_URL, see server/README.md)`);
  log?.('audit-unprotected', { reason: why });
  return [`The audit table is not protected: ${why}. Set up the two roles with server/tools/db-roles.ts (server/README.md, Security).`];
}

/**
 * Opens the database (PGlite in the data folder, or DATABASE_URL), brings
 * its schema up to date, loads the demo region when asked and the database
 * is empty, and listens. `close` stops taking requests, ends live streams
 * and closes the database (releasing the PGlite folder).
 */
export async function startServer(
  config: ServerConfig, options: { now?: () => Date; log?: Logger; loadDataDir?: Blob | File; operations?: OperationRegistry } = {},
): Promise<RunningServer> {
  const { db } = await openDatabase({
    databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, loadDataDir: options.loadDataDir,
  });
  const now = options.now ?? (() => new Date());
  // The server's store: an operation's commit also announces it live and carries out its effects.
  const store = sqlStore(db, { hooks: serverCommitHooks(now, config), now });
  let server: ServerType | undefined;
  try {
    const warnings = await checkAuditProtection(db, config, options.log);
    const seeded = config.demo ? await seedDemo(store, now()) : false;
    for (const orgId of Object.keys(config.oidc ?? {})) {
      if (!(await store.transaction('read', (tx) => tx.get('organisations', orgId)))) {
        warnings.push(`NZ_OIDC_CONFIG names ${orgId}, which is no organisation here: nobody signs in through its provider.`);
      }
    }
    const hub = await startHub(db);
    const ctx = createContext({ db, store, hub, config, now, log: options.log });
    await sealLegacySecrets(ctx, db);
    if (!config.smtpUrl) warnings.push('NZ_SMTP_URL is not set: mails (invitations, password resets, notifications) are queued and not sent until it is.');
    const mail = startMailWorker(ctx, config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : undefined);
    ctx.mail = mail;
    const app = createApp(ctx, options.operations);
    const info = await new Promise<AddressInfo>((resolve, reject) => {
      server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, resolve);
      server.once('error', reject);
    });
    // Every ten minutes: expired sessions and keys, and uploads no message took within a day (R20).
    const sweep = setInterval(() => void sweepExpired(db, ctx.now()).then(() => sweepUnusedUploads(db, ctx.now())).catch(() => {}), 10 * 60_000);
    sweep.unref();
    const seal = () => sealAudit(db, ctx.now()).then((s) => {
      if (s) ctx.log('audit-sealed', { seq: s.seq, records: s.records, hash: s.hash });
    }).catch((e: unknown) => ctx.log('audit-seal-failed', errorFields(e)));
    const sealer = config.auditSealMs > 0 ? setInterval(() => void seal(), config.auditSealMs) : undefined;
    sealer?.unref();
    const host = info.address.includes(':') ? `[${info.address}]` : info.address;
    let closing: Promise<void> | undefined;
    return {
      ctx,
      url: `http://${host}:${info.port}`,
      port: info.port,
      seeded,
      warnings,
      close() {
        closing ??= (async () => {
          clearInterval(sweep);
          clearInterval(sealer);
          await mail.stop();
          // What was written since the last seal is sealed before the process goes.
          if (sealer) await seal();
          await hub.stop();
          await new Promise<void>((resolve) => {
            server!.close(() => resolve());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          });
          await db.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    server?.close();
    await db.close();
    throw e;
  }
}
