import type { ServerConfig } from './config';
import type { Db, SqlStore } from './db';
import type { EventHub } from './events/hub';
import type { Logger } from './log';
import { Throttle } from './auth/throttle';

/** Everything a route needs; made once per process by `createContext`. */
export interface ServerContext {
  db: Db;
  store: SqlStore;
  hub: EventHub;
  config: ServerConfig;
  now: () => Date;
  log: Logger;
  throttles: { account: Throttle; ip: Throttle };
}

export function createContext(parts: Omit<ServerContext, 'throttles' | 'now' | 'log'> & Partial<Pick<ServerContext, 'now' | 'log'>>): ServerContext {
  const now = parts.now ?? (() => new Date());
  const ms = () => now().getTime();
  return {
    ...parts,
    now,
    log: parts.log ?? (() => {}),
    throttles: {
      // Five wrong passwords for one account in 15 minutes, or 30 from one address, and it waits.
      account: new Throttle(parts.db, 5, 15 * 60_000, ms),
      ip: new Throttle(parts.db, 30, 15 * 60_000, ms),
    },
  };
}
