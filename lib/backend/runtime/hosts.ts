import { createServerHost, type ServerHost } from '../../app/server';
import {
  readBackend, serverIdentityItem, tokenItem, trainingOfflineItem, trainingPersonItem,
} from '../../app/settings';
import { openTraining, type TrainingHost } from '../../app/training';
import type { Message } from '../../domain';
import type { Backend } from '../port';
import { createOutboxRunner, knownAuthors, type Author, type OutboxRunner } from './outbox-runner';
import { CHANNEL, type RuntimeEvent } from './protocol';

interface Common {
  backend: Backend;
  outbox: OutboxRunner;
  /** Who writes now (names their outbox), or null when nobody is signed in. */
  author(): Promise<Author | null>;
  dispose(): void;
}

export type ActiveHost =
  | (Common & { mode: 'training'; training: TrainingHost })
  | (Common & { mode: 'server'; server: ServerHost; baseUrl: string; rememberIdentity(professionalId: string | null): Promise<void> });

const TRAINING = 'training/';

/** Training mode or the organisation's server, as the options page or policy set it; with its outboxes. */
export async function buildHost(broadcast: (e: RuntimeEvent) => void): Promise<ActiveHost> {
  // Training's own settings are read with the backend setting, not after it: each read is a round trip to the browser.
  const [{ setting }, offlineAtStart, person] = await Promise.all([readBackend(), trainingOfflineItem.getValue(), trainingPersonItem.getValue()]);
  const settled = (conversationId: string, sent: Message[]) => broadcast({ channel: CHANNEL, event: 'outbox', conversationId, sent });

  if (setting.kind === 'server') {
    const baseUrl = setting.url;
    const server = createServerHost(baseUrl, {
      get: async () => (await tokenItem.getValue()) ?? undefined,
      set: async (token) => {
        if (token) return tokenItem.setValue(token);
        // The session ended: whoever it was, their outbox waits until they sign in again.
        await Promise.all([tokenItem.removeValue(), serverIdentityItem.removeValue()]);
      },
    });
    const author = async () => {
      const id = await serverIdentityItem.getValue();
      return id ? `server/${baseUrl}/${id}` : null;
    };
    let current: Author | null = await author();
    const unwatch = serverIdentityItem.watch((id) => (current = id ? `server/${baseUrl}/${id}` : null));
    const outbox = createOutboxRunner({
      authors: async () => (current ? [current] : []),
      sendingAs: (a) => (a === current ? server.backend : null),
      settled,
    });
    return {
      mode: 'server', server, baseUrl, backend: server.backend, outbox, author,
      async rememberIdentity(id) {
        current = id ? `server/${baseUrl}/${id}` : null;
        await (id ? serverIdentityItem.setValue(id) : serverIdentityItem.removeValue());
      },
      dispose() {
        unwatch();
        outbox.close();
      },
    };
  }

  let offline = offlineAtStart;
  const unwatch = trainingOfflineItem.watch((v) => (offline = v ?? false));
  const training = await openTraining({ actingAs: person ?? undefined, offline: () => offline });
  const outbox = createOutboxRunner({
    // Training has no sign-in: what any demo person left waiting is sent as them.
    authors: async () => (await knownAuthors()).filter((a) => a.startsWith(TRAINING)),
    sendingAs: (a) => (a.startsWith(TRAINING) ? training.backendAs(a.slice(TRAINING.length)) : null),
    settled,
  });
  return {
    mode: 'training', training, backend: training.backend, outbox,
    author: async () => `${TRAINING}${training.actingAs()}`,
    dispose() {
      unwatch();
      outbox.close();
    },
  };
}

/**
 * The host of the moment, built on first use. A service worker can be
 * stopped at any time, so nothing here outlives it: the next message after
 * a restart builds the host again from storage.
 */
export function createHostCache(build: () => Promise<ActiveHost>) {
  let current: Promise<ActiveHost> | null = null;
  return {
    get(): Promise<ActiveHost> {
      if (!current) {
        const building = build();
        current = building;
        // A failed start (storage, IndexedDB) is tried again on the next message.
        building.catch(() => {
          if (current === building) current = null;
        });
      }
      return current;
    },
    /** The backend setting changed: the next message builds the new host. */
    forget() {
      const old = current;
      current = null;
      void old?.then((h) => h.dispose(), () => undefined);
    },
  };
}
export type HostCache = ReturnType<typeof createHostCache>;
