export { HttpBackend, type HttpBackendOptions, type CallOptions } from './http-backend';
export { signIn, signOut, setPassword, activationLink, eventTicket, eventsUrl } from './auth-client';
export { memoryTokenStore, type TokenStore } from './token-store';
export type { FetchLike } from './fetch-json';
export * from './wire';
