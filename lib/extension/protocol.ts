import type { Message } from '../domain';
import type { Lang } from '../i18n/lang';
import type { ContextAnswer } from '../ehr/protocol';
import type { OpName } from '../contract/operations';
import type { AttachmentRef } from '../domain';
import type { DemoPerson, FileVariant, OutboxItem, SendOutcome, SignInOutcome } from '../contract/port';
import type { Failure, Result } from '../contract/result';
import type { AccountAction, SsoOrganisation } from '../contract/wire';

/**
 * The one protocol between the extension's pages (side panel, options) and
 * the background, which owns the backend. Types only: a page imports nothing
 * of zod or the domain to speak it; the background validates what arrives
 * (schema.ts) before acting on it.
 */

/** Marks our messages, so other runtime traffic (the EHR content script's) is never mistaken for them. */
export const CHANNEL = 'netwerkzorg/runtime';

/** What a page learns first: which backend the background built, and the user's language. */
export type Hello =
  | { mode: 'training'; lang: Lang; actingAs: string; people: DemoPerson[] }
  | { mode: 'server'; lang: Lang; baseUrl: string; signedIn: boolean }
  /** The organisation switched the training environment off and no server is set yet (lib/extension/hosts.ts). */
  | { mode: 'none'; lang: Lang };

export interface OutboxMessage {
  conversationId: string; messageId: string; text: string; idempotencyKey: string;
  /** R20: its files, handed to the background first ('files.keep': their ids there), in the order sent. */
  fileIds?: string[];
}

/** Every request a page may send: what it carries and what it is answered. */
export interface Requests {
  hello: { payload: Record<string, never>; answer: Hello };
  /** One operation of the Backend port, with the idempotency key the page made when the user acted. */
  call: { payload: { op: OpName; input: unknown; idempotencyKey?: string }; answer: Result<unknown> };
  'training.actAs': { payload: { professionalId: string }; answer: null };
  'training.reset': { payload: Record<string, never>; answer: null };
  'server.signIn': { payload: { email: string; password: string; totp?: string }; answer: SignInOutcome };
  /** The organisations whose people sign in through their own provider (lib/backend/http/sso.ts). */
  'server.organisations': { payload: Record<string, never>; answer: Result<SsoOrganisation[]> };
  /** Signs in through the organisation's provider: the background opens the browser's own sign-in window. */
  'server.signInWithOrganisation': { payload: { orgId: string }; answer: SignInOutcome };
  'server.signOut': { payload: Record<string, never>; answer: null };
  /** A one-time address of the server's live event stream, for the page's EventSource (the token stays here). */
  'server.liveUrl': { payload: Record<string, never>; answer: Result<string> };
  /** One of the account's own routes (ACCOUNT_ACTIONS), with the token the background keeps. */
  'server.account': { payload: { action: AccountAction; input: unknown }; answer: Result<unknown> };
  /** A message to send: kept in the author's outbox, then tried at once. */
  'outbox.send': { payload: OutboxMessage; answer: SendOutcome };
  'outbox.pending': { payload: { conversationId: string }; answer: OutboxItem[] };
  /** R20: a file the person picked, kept in the background (file-handoff.ts) until it is sent; its id there. */
  'files.keep': { payload: { name: string; type: string; base64: string }; answer: { fileId: string } };
  /** R20: upload a file kept in the background. */
  'files.upload': { payload: { fileId: string; idempotencyKey: string }; answer: Result<AttachmentRef> };
  /** R20: a message's file or thumbnail, as base64. */
  'files.download': { payload: { attachmentId: string; variant: FileVariant; emergencyReason?: string }; answer: Result<{ type: string; base64: string }> };
  /** Send a refused (or waiting) message again now, under the same message id and key. */
  'outbox.retry': { payload: { messageId: string }; answer: SendOutcome };
  'outbox.discard': { payload: { messageId: string }; answer: null };
  /** The client on screen in this tab, as its EHR content script reads it, checked here (the page is not trusted). */
  'ehr.read': { payload: { tabId: number }; answer: ContextAnswer };
}

export type RequestType = keyof Requests;
export type Payload<T extends RequestType> = Requests[T]['payload'];
export type Answer<T extends RequestType> = Requests[T]['answer'];

export type Envelope<T extends RequestType = RequestType> = { [K in T]: { channel: typeof CHANNEL; type: K; payload: Payload<K> } }[T];

/** The background's reply: the answer, or why the request was not handled at all. */
export type Reply<T extends RequestType = RequestType> =
  | { ok: true; answer: Answer<T> }
  | { ok: false; error: 'refused-sender' | 'invalid-request' | 'failed'; detail?: string };

/** What the background tells every open page, unasked. */
export type RuntimeEvent =
  /** The outbox stored or refused something in this conversation; `sent` are the stored messages. */
  { channel: typeof CHANNEL; event: 'outbox'; conversationId: string; sent: Message[] };

/** How a transport failure reads to the models: as an unreachable backend, never a crash. */
export const unavailable = (detail?: string): Failure => ({ ok: false, code: 'unavailable', detail });
