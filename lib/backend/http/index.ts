export { HttpBackend, type HttpBackendOptions } from './http-backend';
export { signIn, signOut, setPassword, resendInvitation, requestPasswordReset, resetPassword, changePassword, eventTicket, eventsUrl } from './auth-client';
export { memoryTokenStore, type TokenStore } from './token-store';
export { connectServer, type ServerConnection } from './server-connection';
export type { FetchLike } from './fetch-json';
