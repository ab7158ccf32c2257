import type { TokenStore } from '../lib/backend/http/token-store';

const KEY = 'netwerkzorg.embed.token';

/**
 * The session token in the frame's own sessionStorage (the server's origin,
 * partitioned under the intranet page's site): it survives a reload of the
 * intranet page, ends with the tab, and is never posted to the host page.
 * Where storage is refused (blocked third-party storage) it lives in memory.
 */
export function sessionTokenStore(storage: () => Storage = () => sessionStorage): TokenStore {
  let memory: string | undefined;
  const store = () => {
    try {
      return storage();
    } catch {
      return null;
    }
  };
  return {
    async get() {
      try {
        return store()?.getItem(KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    async set(token) {
      memory = token;
      try {
        if (token) store()?.setItem(KEY, token);
        else store()?.removeItem(KEY);
      } catch {
        /* memory only */
      }
    },
  };
}
