import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { OperationRegistry } from '../lib/contract/operations';
import { createApp } from './app';
import { sweepExpired } from './auth/sessions';
import type { ServerConfig } from './config';
import { createContext, type ServerContext } from './context';
import { openDatabase, sqlStore } from './db';
import { serverCommitHooks } from './api/commit-hooks';
import { startHub } from './events/hub';
import type { Logger } from './log';
import { seedDemo } from './seed';

export interface RunningServer {
  ctx: ServerContext;
  url: string;
  port: number;
  /** Whether this start loaded the demo region. */
  seeded: boolean;
  close(): Promise<void>;
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
  const { db } = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, loadDataDir: options.loadDataDir });
  const now = options.now ?? (() => new Date());
  // The server's store: an operation's commit also announces it live and carries out its effects.
  const store = sqlStore(db, { hooks: serverCommitHooks(now), now });
  let server: ServerType | undefined;
  try {
    const seeded = config.demo ? await seedDemo(store, now()) : false;
    const hub = await startHub(db);
    const ctx = createContext({ db, store, hub, config, now, log: options.log });
    const app = createApp(ctx, options.operations);
    const info = await new Promise<AddressInfo>((resolve, reject) => {
      server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, resolve);
      server.once('error', reject);
    });
    const sweep = setInterval(() => void sweepExpired(db, ctx.now()).catch(() => {}), 10 * 60_000);
    sweep.unref();
    const host = info.address.includes(':') ? `[${info.address}]` : info.address;
    let closing: Promise<void> | undefined;
    return {
      ctx,
      url: `http://${host}:${info.port}`,
      port: info.port,
      seeded,
      close() {
        closing ??= (async () => {
          clearInterval(sweep);
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
