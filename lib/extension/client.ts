import { browser } from 'wxt/browser';
import type { ContextAnswer } from '../ehr/protocol';
import { watchClientContext, type ContextSource } from '../ehr/watch';
import { canonicalJson } from '../contract/canonical';
import type { OpInput, OpName, OpOutput } from '../contract/operations';
import type { Backend, CallOptions, Connection, FileData, Files, Mode, OutboxPort, SendOutcome } from '../contract/port';
import { fromBase64, toBase64 } from '../util/base64';
import type { Result } from '../contract/result';
import { CHANNEL, unavailable, type Answer, type Envelope, type Hello, type Payload, type Reply, type RequestType, type RuntimeEvent } from './protocol';
import { isOwnPage, type SenderLike } from './sender';

export type Send = <T extends RequestType>(type: T, payload: Payload<T>) => Promise<Answer<T>>;

/** R20: a file goes to the background, which keeps it until it is sent (the page holds no storage). */
const handOver = async (send: Send, file: FileData) =>
  (await send('files.keep', { name: file.name, type: file.type, base64: toBase64(file.bytes) })).fileId;

/** A request the background did not handle (refused, invalid, failed, or no background to answer). */
export class RuntimeError extends Error {}

/** The answer in the background's reply to a request of `type`, or why there is none. */
export async function answerOf<T extends RequestType>(type: T, pending: Promise<Reply | undefined>): Promise<Answer<T>> {
  const reply = await pending;
  if (!reply) throw new RuntimeError(`${type}: no answer`);
  if (!reply.ok) throw new RuntimeError(`${type}: ${reply.error}${reply.detail ? ` (${reply.detail})` : ''}`);
  return reply.answer as Answer<T>;
}

/** Sends one request to the background and unwraps its reply. */
export const sendToBackground: Send = async (type, payload) =>
  answerOf(type, browser.runtime.sendMessage({ channel: CHANNEL, type, payload } as Envelope) as Promise<Reply | undefined>);

/** Same input, same key: `{ via: '', before: undefined }` and `{ before: undefined, via: '' }` are one request. */
const keyOf = (op: string, input: unknown) => `${op}:${canonicalJson(input)}`;

/**
 * The Backend port in a page, answered by the background. A request the
 * background could not handle reads as "unavailable", like a server that
 * cannot be reached.
 */
export class RuntimeBackend implements Backend {
  private readonly primed = new Map<string, Promise<Result<unknown>>>();
  /** Calls wait for a switch of person in training, so they are answered as the new one. */
  private barrier: Promise<unknown> = Promise.resolve();

  readonly files: Files;

  constructor(private readonly send: Send) {
    this.files = {
      upload: async (file, { idempotencyKey }) => {
        try {
          return await send('files.upload', { fileId: await handOver(send, file), idempotencyKey });
        } catch (e) {
          return unavailable(e instanceof Error ? e.message : undefined);
        }
      },
      download: async (attachmentId, variant = 'file', o = {}) => {
        try {
          const r = await send('files.download', { attachmentId, variant, ...(o.emergencyReason ? { emergencyReason: o.emergencyReason } : {}) });
          return r.ok ? { ok: true, value: { type: r.value.type, bytes: fromBase64(r.value.base64) } } : r;
        } catch (e) {
          return unavailable(e instanceof Error ? e.message : undefined);
        }
      },
    };
  }

  async call<K extends OpName>(op: K, input: OpInput<K>, options: CallOptions = {}): Promise<Result<OpOutput<K>>> {
    const key = keyOf(op, input);
    const early = this.primed.get(key);
    if (early) {
      this.primed.delete(key);
      return early as Promise<Result<OpOutput<K>>>;
    }
    await this.barrier;
    return this.request(op, input, options.idempotencyKey) as Promise<Result<OpOutput<K>>>;
  }

  /**
   * Asks now for what the first screen will ask for, before the page knows
   * which backend it has: with a service worker still waking up, the
   * requests wait together instead of one after another. (Queries only: a
   * primed answer is given to the first call with the same input.) `asked`:
   * the reply to a request already sent for it (lib/extension/early.ts).
   */
  prime<K extends OpName>(op: K, input: OpInput<K>, asked?: Promise<Reply | undefined>) {
    this.primed.set(keyOf(op, input), asked ? this.settle(op, answerOf('call', asked)) : this.request(op, input));
  }

  /** Answers asked for ahead and not used: dropped, so nothing stale is shown later. */
  clearPrimed() {
    this.primed.clear();
  }

  /** Later calls wait for this (a switch of person). */
  after(step: Promise<unknown>) {
    this.clearPrimed();
    this.barrier = step.catch(() => undefined);
  }

  private request(op: OpName, input: unknown, idempotencyKey?: string): Promise<Result<unknown>> {
    return this.settle(op, this.send('call', { op, input, ...(idempotencyKey ? { idempotencyKey } : {}) }));
  }

  private async settle(op: OpName, answer: Promise<Result<unknown>>): Promise<Result<unknown>> {
    try {
      return await answer;
    } catch (e) {
      console.error(`backend ${op}:`, e);
      return unavailable(e instanceof Error ? e.message : undefined);
    }
  }
}

const sendFailed = (e: unknown): SendOutcome => ({ state: 'refused', failure: unavailable(e instanceof Error ? e.message : undefined) });

/** The mode the background built, seen from a page: the same interface, each action a request. */
/** A greeting from a background that has a backend to work with. */
export type WorkingHello = Exclude<Hello, { mode: 'none' }>;

function remoteMode(send: Send, backend: RuntimeBackend, hello: WorkingHello): Mode {
  if (hello.mode === 'training') {
    let actingAs = hello.actingAs;
    return {
      kind: 'training',
      people: hello.people,
      actingAs: () => actingAs,
      async actAs(id) {
        actingAs = id;
        const step = send('training.actAs', { professionalId: id });
        backend.after(step);
        await step.catch(() => undefined);
      },
      async reset() {
        backend.clearPrimed();
        await send('training.reset', {});
      },
    };
  }
  return {
    kind: 'server',
    baseUrl: hello.baseUrl,
    async signIn(email, password, totp) {
      try {
        return await send('server.signIn', { email, password, ...(totp ? { totp } : {}) });
      } catch {
        return { ok: false, code: 'unavailable' };
      }
    },
    async organisations() {
      try {
        return await send('server.organisations', {});
      } catch (e) {
        return unavailable(e instanceof Error ? e.message : undefined);
      }
    },
    async signInWithOrganisation(orgId) {
      try {
        return await send('server.signInWithOrganisation', { orgId });
      } catch {
        return { ok: false, code: 'unavailable' };
      }
    },
    async signOut() {
      backend.clearPrimed();
      await send('server.signOut', {});
    },
    async liveUrl() {
      try {
        return await send('server.liveUrl', {});
      } catch (e) {
        return unavailable(e instanceof Error ? e.message : undefined);
      }
    },
    async account(action, input) {
      try {
        return await send('server.account', { action, input }) as never;
      } catch (e) {
        return unavailable(e instanceof Error ? e.message : undefined);
      }
    },
  };
}

/** What the background tells the open pages: checked to come from this extension's own background. */
export function onRuntimeEvent(listener: (event: RuntimeEvent) => void): () => void {
  const own = { runtimeId: browser.runtime.id, ownBase: browser.runtime.getURL('/') };
  const onMessage = (message: unknown, sender: SenderLike) => {
    const m = message as Partial<RuntimeEvent> | null;
    if (m?.channel !== CHANNEL || typeof m.event !== 'string' || !isOwnPage(sender, own.runtimeId, own.ownBase)) return;
    listener(m as RuntimeEvent);
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

/** The background's outbox, for the conversation on screen: what the user writes survives closing the panel. */
export function remoteOutbox(send: Send): OutboxPort {
  return {
    keeps: true,
    send: async ({ files, ...message }) => {
      try {
        const fileIds = files?.length ? await Promise.all(files.map((f) => handOver(send, f))) : undefined;
        return await send('outbox.send', { ...message, ...(fileIds ? { fileIds } : {}) });
      } catch (e) {
        return sendFailed(e);
      }
    },
    pending: (conversationId) => send('outbox.pending', { conversationId }).catch(() => null),
    retry: (messageId) => send('outbox.retry', { messageId }).catch(sendFailed),
    discard: (messageId) => send('outbox.discard', { messageId }).then(() => undefined, () => undefined),
    subscribe: (listener) => onRuntimeEvent((e) => e.event === 'outbox' && listener(e.conversationId, e.sent)),
  };
}

/** Everything a page's models need, over the background: its mode (fixed by `hello`), backend and outbox. */
export function connectToBackground(send: Send, backend: RuntimeBackend, hello: WorkingHello): Connection {
  return { mode: remoteMode(send, backend, hello), backend, outbox: remoteOutbox(send) };
}

/**
 * The record on screen beside the panel: the panel watches its window's tabs,
 * the background asks the tab's EHR content script and checks the answer
 * (so the panel loads no schema library for it).
 */
export function backgroundTabContext(send: Send): ContextSource {
  const read = async (tabId: number): Promise<ContextAnswer> => {
    try {
      return await send('ehr.read', { tabId });
    } catch {
      return { ok: false, reason: 'not-readable' };
    }
  };
  return { watch: (onAnswer) => watchClientContext(onAnswer, { request: read }), read };
}
