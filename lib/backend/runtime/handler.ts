import type { Lang } from '../../domain/refusals';
import { requestClientContext } from '../../ehr/protocol';
import { isQuery, operations, type OpArgs, type OpName } from '../operations';
import type { Result } from '../result';
import type { ActiveHost, HostCache } from './hosts';
import { deleteOutboxes, knownAuthors } from './outbox-runner';
import type { Answer, Envelope, Payload, RequestType } from './protocol';

export interface HandlerDeps {
  hosts: HostCache;
  lang(): Promise<Lang>;
  /** Remembers the demo person training acts as, for the next start. */
  rememberActingAs(id: string): Promise<void>;
  /** Something changed that the badge may show: refresh it soon. */
  changed(): void;
}

type Handlers = { [K in RequestType]: (payload: Payload<K>) => Promise<Answer<K>> };

/** The operation's input, checked with its own schema; refused as `invalid-input` like the service would. */
function checkInput<K extends OpName>(op: K, input: unknown): Result<OpArgs<K>> {
  const parsed = operations[op].input.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as OpArgs<K> };
  return {
    ok: false, code: 'invalid-input',
    issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  };
}

function training(host: ActiveHost) {
  if (host.mode !== 'training') throw new Error('not in training mode');
  return host;
}
function server(host: ActiveHost) {
  if (host.mode !== 'server') throw new Error('not in server mode');
  return host;
}

/** Sends what waits, without holding up the answer; a round cut short (the host was replaced meanwhile) is retried by the alarm. */
const sendSoon = (host: ActiveHost) => void host.outbox.flush().catch((e: unknown) => console.warn('netwerkzorg: outbox round cut short', e));

/** What the background does for each request, once the sender and the message have been checked. */
export function createHandler(deps: HandlerDeps): (request: Envelope) => Promise<unknown> {
  const { hosts } = deps;

  const handlers: Handlers = {
    async hello() {
      const [host, lang] = await Promise.all([hosts.get(), deps.lang()]);
      if (host.mode === 'training') {
        return { mode: 'training', lang, actingAs: host.training.actingAs(), people: host.training.people.map((p) => ({ ...p })) };
      }
      return { mode: 'server', lang, baseUrl: host.baseUrl, signedIn: (await host.author()) !== null };
    },

    async call({ op, input }) {
      const args = checkInput(op, input);
      if (!args.ok) return args;
      const host = await hosts.get();
      if (op === 'postMessage') {
        const author = await host.author();
        if (!author) return { ok: false, code: 'not-signed-in' };
        const result = await host.outbox.post(author, args.value as OpArgs<'postMessage'>);
        deps.changed();
        return result;
      }
      const result = await host.backend.call(op, args.value);
      // Who is signed in names their outbox, also while the server cannot be reached later.
      if (host.mode === 'server' && op === 'session' && result.ok) {
        const id = (result.value as { professional: { id: string } }).professional.id;
        if ((await host.author()) !== `server/${host.baseUrl}/${id}`) await host.rememberIdentity(id);
      }
      if (!isQuery(op) && result.ok) deps.changed();
      return result;
    },

    async 'training.actAs'({ professionalId }) {
      const host = training(await hosts.get());
      host.training.actAs(professionalId);
      await deps.rememberActingAs(professionalId);
      deps.changed();
      // What this person left waiting goes out now.
      sendSoon(host);
      return null;
    },

    async 'training.reset'() {
      const host = training(await hosts.get());
      host.outbox.close();
      await host.training.reset();
      // The conversations are gone, so is what waited to be sent to them.
      await deleteOutboxes((await knownAuthors()).filter((a) => a.startsWith('training/')));
      deps.changed();
      return null;
    },

    async 'server.signIn'({ email, password, totp }) {
      const host = server(await hosts.get());
      const outcome = await host.server.signIn(email, password, totp);
      if (outcome.ok) {
        const session = await host.backend.call('session', {});
        if (session.ok) await host.rememberIdentity(session.value.professional.id);
        sendSoon(host);
        deps.changed();
      }
      return outcome;
    },

    async 'server.signOut'() {
      const host = server(await hosts.get());
      await host.server.signOut();
      await host.rememberIdentity(null);
      deps.changed();
      return null;
    },

    async 'server.liveUrl'() {
      return server(await hosts.get()).server.liveUrl();
    },

    async 'outbox.pending'({ conversationId }) {
      const host = await hosts.get();
      const author = await host.author();
      return author ? host.outbox.pending(author, conversationId) : [];
    },

    async 'outbox.retry'({ messageId }) {
      const host = await hosts.get();
      const author = await host.author();
      if (!author) return { ok: false, code: 'not-signed-in' };
      const result = await host.outbox.retry(author, messageId);
      deps.changed();
      return result;
    },

    async 'outbox.discard'({ messageId }) {
      const host = await hosts.get();
      const author = await host.author();
      if (author) await host.outbox.discard(author, messageId);
      return null;
    },

    'ehr.read': ({ tabId }) => requestClientContext(tabId),
  };

  return (request) => (handlers[request.type] as (p: unknown) => Promise<unknown>)(request.payload);
}
