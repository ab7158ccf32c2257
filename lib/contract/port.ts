import type { AttachmentRef, Message, RefusalCode } from '../domain';
import type { OpInput, OpName, OpOutput } from './operations';
import type { AccountAction, AccountInput, AccountOutput, SsoOrganisation } from './wire';
import type { Failure, Result } from './result';

export interface CallOptions {
  /**
   * Made when the person acts, and kept by whatever retries the call (the
   * outbox), so the command runs once however often it is sent. Queries and
   * audited reads ignore it.
   */
  idempotencyKey?: string;
  /** Asked by the software, not the person (the badge's look every minute): it does not keep a session from idling out. */
  background?: boolean;
}

/**
 * The one port the app talks to. Training mode (LocalBackend, IndexedDB),
 * the server (HttpBackend) and the side panel's bridge to its background
 * (RuntimeBackend) implement it, and all pass test/contract. Nothing here
 * throws for a refusal: every answer is a Result.
 */
export interface Backend {
  call<K extends OpName>(op: K, input: OpInput<K>, options?: CallOptions): Promise<Result<OpOutput<K>>>;
  /** R20: photos and documents of messages. */
  readonly files: Files;
}

/** A file as a person picked, dropped or pasted it. */
export interface FileData {
  name: string;
  /** As declared (the browser's guess from the name): never trusted, the bytes decide. */
  type: string;
  bytes: Uint8Array;
}

/** A message's file as stored (a photo cleaned), or its thumbnail. */
export interface DownloadedFile {
  type: string;
  bytes: Uint8Array;
}
export type FileVariant = 'file' | 'thumbnail';

/**
 * R20: an upload is its uploader's until a message takes it (`attachmentIds` of postMessage and
 * startConversation); a download is read like the message's conversation (R8, R13) and audited (R15).
 */
export interface Files {
  upload(file: FileData, options: { idempotencyKey: string }): Promise<Result<AttachmentRef>>;
  download(attachmentId: string, variant?: FileVariant, options?: { emergencyReason?: string }): Promise<Result<DownloadedFile>>;
}

export interface DemoPerson {
  id: string;
  name: string;
  orgId: string;
}

/** Training mode: the demo region in this browser, acting as a demo person of one's choice. */
export interface TrainingMode {
  kind: 'training';
  people: readonly DemoPerson[];
  actingAs(): string;
  actAs(professionalId: string): Promise<void>;
  /** Deletes every change made in training and loads the demo region again. */
  reset(): Promise<void>;
}

export type SignInOutcome =
  | { ok: true; totpEnrolmentRequired: boolean; professionalId: string }
  | { ok: false; code: RefusalCode };

/** The organisation's server: signing in and out, and the live event stream. */
export interface ServerMode {
  kind: 'server';
  baseUrl: string;
  signIn(email: string, password: string, totp?: string): Promise<SignInOutcome>;
  /** The organisations on this server whose people sign in through their own OpenID provider. */
  organisations(): Promise<Result<SsoOrganisation[]>>;
  /** Signs in through that organisation's provider (a window of the browser's own, then back here). */
  signInWithOrganisation(orgId: string): Promise<SignInOutcome>;
  signOut(): Promise<void>;
  /** A one-time address of the live event stream (an EventSource cannot send the token). */
  liveUrl(): Promise<Result<string>>;
  /** Mail settings, invitations, the password: the account's own routes (lib/contract/wire.ts ACCOUNT_ACTIONS). */
  account<A extends AccountAction>(action: A, input: AccountInput<A>): Promise<Result<AccountOutput<A>>>;
}

/** Which backend a page works with: fixed when the page starts. */
export type Mode = TrainingMode | ServerMode;

/** A message the user wrote that the backend has not confirmed yet, as a conversation shows it. */
export interface OutboxItem {
  messageId: string;
  conversationId: string;
  text: string;
  createdAt: string;
  /** R20: how many files wait with it. */
  files?: number;
  /** Refused for good: shown with its refusal, sent again only when the user asks. */
  refused?: RefusalCode;
}

/** What became of a message handed to the outbox. */
export type SendOutcome =
  | { state: 'sent'; message: Message }
  /** Safely kept, tried again by itself: "not sent yet". */
  | { state: 'queued' }
  | { state: 'refused'; failure: Failure };

/** Where messages go to be sent: an outbox that keeps them (the extension), or straight to the backend (the widget). */
export interface OutboxPort {
  /** It keeps what it could not send and sends it later (the extension's); without, a failed send is the user's to retry. */
  readonly keeps: boolean;
  /** `files`: R20, uploaded first (each once, however often the send is tried), then the message with them. */
  send(input: { conversationId: string; messageId: string; text: string; idempotencyKey: string; files?: FileData[] }): Promise<SendOutcome>;
  /** What waits for this conversation; null when unknown (the background did not answer). */
  pending(conversationId: string): Promise<OutboxItem[] | null>;
  /** Send a refused (or waiting) message again, now, under its id and key. */
  retry(messageId: string): Promise<SendOutcome>;
  discard(messageId: string): Promise<void>;
  /** The outbox stored or refused messages of a conversation (`sent`: the stored ones); returns a stop function. */
  subscribe(listener: (conversationId: string, sent: Message[]) => void): () => void;
}

/** Everything a page's models are built over. */
export interface Connection {
  mode: Mode;
  backend: Backend;
  outbox: OutboxPort;
}
