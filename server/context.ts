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
  /** The mail worker (server/mail/worker.ts): `kick` after queuing a mail sends it now rather than at the next poll. */
  mail: { kick(): void; drain(): Promise<void> };
}

export function createContext(parts: Omit<ServerContext, 'signInThrottle' | 'now' | 'log' | 'mail'> & Partial<Pick<ServerContext, 'now' | 'log' | 'mail'>>): ServerContext {
  const now = parts.now ?? (() => new Date());
  const ms = () => now().getTime();
  return {
    ...parts,
    now,
    log: parts.log ?? (() => {}),
    signInThrottle: new SignInThrottle(parts.db, ms),
    mail: parts.mail ?? { kick() {}, async drain() {} },
  };
}
