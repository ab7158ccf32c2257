/** Where the HTTP client keeps its session token (the extension: `storage.session`). */
export interface TokenStore {
  get(): Promise<string | undefined>;
  set(token: string | undefined): Promise<void>;
}

/** A TokenStore in memory: tests, and pages that sign in each time. */
export function memoryTokenStore(initial?: string): TokenStore {
  let token = initial;
  return {
    async get() {
      return token;
    },
    async set(next) {
      token = next;
    },
  };
}
