import type { Lang } from '../i18n/lang';
import { requestClientContext } from '../ehr/protocol';
import { operations } from '../contract/operations';
import type { SendOutcome, ServerMode, TrainingMode } from '../contract/port';
import type { BackgroundHost, HostCache } from './hosts';
import type { Answer, Envelope, Payload, RequestType } from './protocol';
import { fromBase64, toBase64 } from '../util/base64';
import { dropKept, keepFile, readKept } from './file-handoff';
import { parseCall } from './schema';
import { parseWith } from '../contract/result';
import { ACCOUNT_ACTIONS, AUTH_ROUTES } from '../contract/wire';

export interface HandlerDeps {
  hosts: HostCache;
  lang(): Promise<Lang>;
  /** Something changed that the badge may show: refresh it soon. */
  changed(): void;
}

type Handlers = { [K in RequestType]: (payload: Payload<K>) => Promise<Answer<K>> };

function training(host: BackgroundHost): TrainingMode {
  if (host.mode.kind !== 'training') throw new Error('not in training mode');
  return host.mode;
}
function server(host: BackgroundHost): ServerMode {
  if (host.mode.kind !== 'server') throw new Error('not in server mode');
  return host.mode;
}

const notSignedIn: SendOutcome = { state: 'refused', failure: { ok: false, code: 'not-signed-in' } };

/** What the background does for each request, once the sender and the message have been checked. */
export function createHandler(deps: HandlerDeps): (request: Envelope) => Promise<unknown> {
  const { hosts } = deps;
  /** Whatever the outbox did, the badge may show it. */
  const changedAfter = async <T>(work: Promise<T>) => {
    const r = await work;
    deps.changed();
    return r;
  };

  const handlers: Handlers = {
    async hello() {
      const [host, lang] = await Promise.all([hosts.get(), deps.lang()]);
      const { mode } = host;
      if (mode.kind === 'none') return { mode: 'none', lang };
      if (mode.kind === 'training') return { mode: 'training', lang, actingAs: mode.actingAs(), people: mode.people.map((p) => ({ ...p })) };
      return { mode: 'server', lang, baseUrl: mode.baseUrl, signedIn: (await host.author()) !== null };
    },

    async call({ op, input, idempotencyKey }) {
      // The page → background boundary: the input is parsed here, once, and handed on as parsed.
      const args = parseCall(op, input);
      if (!args.ok) return args;
      const host = await hosts.get();
      const result = await host.backend.run(op, args.value as never, { idempotencyKey });
      // A command, or an audited read (opening marks read): the badge may show it.
      if (operations[op].kind !== 'query' && result.ok) deps.changed();
      return result;
    },

    async 'training.actAs'({ professionalId }) {
      await training(await hosts.get()).actAs(professionalId);
      deps.changed();
      return null;
    },

    async 'training.reset'() {
      await training(await hosts.get()).reset();
      deps.changed();
      return null;
    },

    async 'server.signIn'({ email, password, totp }) {
      return changedAfter(server(await hosts.get()).signIn(email, password, totp));
    },

    async 'server.organisations'() {
      return server(await hosts.get()).organisations();
    },

    async 'server.signInWithOrganisation'({ orgId }) {
      return changedAfter(server(await hosts.get()).signInWithOrganisation(orgId));
    },

    async 'server.signOut'() {
      await changedAfter(server(await hosts.get()).signOut());
      return null;
    },

    async 'server.liveUrl'() {
      return server(await hosts.get()).liveUrl();
    },

    async 'server.account'({ action, input }) {
      const parsed = parseWith(AUTH_ROUTES[ACCOUNT_ACTIONS[action]].input, input);
      return parsed.ok ? server(await hosts.get()).account(action, parsed.value as never) : parsed;
    },

    async 'outbox.send'(message) {
      const host = await hosts.get();
      const author = await host.author();
      return author ? changedAfter(host.outboxes.send(author, message)) : notSignedIn;
    },

    async 'outbox.pending'({ conversationId }) {
      const host = await hosts.get();
      const author = await host.author();
      return author ? host.outboxes.pending(author, conversationId) : [];
    },

    async 'outbox.retry'({ messageId }) {
      const host = await hosts.get();
      const author = await host.author();
      return author ? changedAfter(host.outboxes.retry(author, messageId)) : notSignedIn;
    },

    async 'outbox.discard'({ messageId }) {
      const host = await hosts.get();
      const author = await host.author();
      if (author) await host.outboxes.discard(author, messageId);
      return null;
    },

    async 'files.keep'({ name, type, base64 }) {
      return { fileId: await keepFile({ name, type, bytes: fromBase64(base64) }) };
    },

    async 'files.upload'({ fileId, idempotencyKey }) {
      const file = await readKept(fileId);
      if (!file) return { ok: false, code: 'not-found', detail: 'file' };
      const r = await (await hosts.get()).backend.files.upload(file, { idempotencyKey });
      await dropKept([fileId]);
      return r;
    },

    async 'files.download'({ attachmentId, variant, emergencyReason }) {
      const r = await (await hosts.get()).backend.files.download(attachmentId, variant, emergencyReason ? { emergencyReason } : {});
      return r.ok ? { ok: true, value: { type: r.value.type, base64: toBase64(r.value.bytes) } } : r;
    },

    'ehr.read': ({ tabId }) => requestClientContext(tabId),
  };

  return (request) => (handlers[request.type] as (p: unknown) => Promise<unknown>)(request.payload);
}
