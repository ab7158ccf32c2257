import type { ServerConfig } from './config';
import type { Db, SqlStore } from './db';
import type { EventHub } from './events/hub';
import type { Logger } from './log';
import { SignInThrottle } from './auth/throttle';

/** Everything a route needs; made once per process by `createContext`. */
export interface ServerContext {
  db: Db;
  store: SqlStore;
  hub: EventHub;
  config: ServerConfig;
  now: () => Date;
  log: Logger;
  signInThrottle: SignInThrottle;
}

export function createContext(parts: Omit<ServerContext, 'signInThrottle' | 'now' | 'log'> & Partial<Pick<ServerContext, 'now' | 'log'>>): ServerContext {
  const now = parts.now ?? (() => new Date());
  const ms = () => now().getTime();
  return {
    ...parts,
    now,
    log: parts.log ?? (() => {}),
    signInThrottle: new SignInThrottle(parts.db, ms),
  };
}
