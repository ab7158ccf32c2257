/** The domain: schemas and pure decisions. Imports nothing but zod. */
export * from './base';
export * from './bsn';
export * from './email';
export * from './organisation';
export * from './care';
export * from './conversation';
export * from './audit';
export * from './refusals';
export * from './kernel';
export * from './commands';
export * from './checklist';
export * from './membership';
export * as decide from './decisions';
export type { ConversationView } from "./decide/conversation";
export type { NetworkView } from "./decide/network";
export type { ClientView, RecipientSuggestion } from './decide/read';
export { periodBounds } from './decide/read';
