import { LocalBackend } from '../../lib/backend/local/local-backend';
import type { TrustedBackend } from '../../lib/backend/trusted';
import type { Mode } from '../../lib/contract/port';
import { RuntimeBackend, RuntimeError, type Send } from '../../lib/extension/client';
import { createHandler } from '../../lib/extension/handler';
import type { BackgroundHost, HostCache } from '../../lib/extension/hosts';
import { createOutboxes } from '../../lib/extension/outboxes';
import { CHANNEL, type Answer } from '../../lib/extension/protocol';
import { parseRequest } from '../../lib/extension/schema';
import type { ContractHarness, ContractRegion } from './harness';

/**
 * The side panel's backend: a page's RuntimeBackend, whose every call goes
 * through the runtime protocol (structured-cloned both ways, the envelope
 * checked as the background's listener checks it) to the background's
 * handler, and from there to `backend`.
 */
export function runtimeBackendOver(backend: TrustedBackend, mode: Mode): RuntimeBackend {
  const host: BackgroundHost = {
    mode, backend,
    outboxes: createOutboxes({ authors: async () => [], sendingAs: () => null }),
    author: async () => null,
    dispose() {},
  };
  const hosts: HostCache = { get: async () => host, forget() {} };
  const handle = createHandler({ hosts, lang: async () => 'nl', changed: () => {} });
  const send: Send = async (type, payload) => {
    const parsed = parseRequest(structuredClone({ channel: CHANNEL, type, payload }));
    if (!parsed.ok) throw new RuntimeError(`${type}: invalid-request (${parsed.detail})`);
    return structuredClone(await handle(parsed.request)) as Answer<typeof type>;
  };
  return new RuntimeBackend(send);
}

const trainingMode = (b: LocalBackend): Mode => ({
  kind: 'training', people: [], actingAs: () => b.actingAs, actAs: async (id) => b.actAs(id), reset: async () => {},
});

/** Each inner harness's region, every person reached through a page's bridge to the background. */
export function runtimeHarness(inner: ContractHarness): ContractHarness {
  return {
    name: `RuntimeBackend (page → background) → ${inner.name}`,
    async setup(options) {
      const region = await inner.setup(options);
      const wrapped: ContractRegion = {
        ...region,
        async as(id) {
          const backend = await region.as(id) as TrustedBackend;
          return runtimeBackendOver(backend, backend instanceof LocalBackend ? trainingMode(backend) : {
            kind: 'server', baseUrl: '', signIn: async () => ({ ok: false, code: 'unavailable' }),
            organisations: async () => ({ ok: true, value: [] }), signInWithOrganisation: async () => ({ ok: false, code: 'unavailable' }), signOut: async () => {}, liveUrl: async () => ({ ok: false, code: 'unavailable' }),
            account: async () => ({ ok: false, code: 'unavailable' }),
          });
        },
      };
      return wrapped;
    },
  };
}
