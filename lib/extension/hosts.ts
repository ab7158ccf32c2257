import { connectServer } from '../backend/http/server-connection';
import { identityStep } from './identity';
import { openTraining } from '../backend/local/training';
import type { Message } from '../domain';
import type { Mode, SignInOutcome } from '../contract/port';
import type { TrustedBackend } from '../backend/trusted';
import { deleteOutboxes, knownAuthors } from './outbox';
import { createOutboxes, type Author, type Outboxes } from './outboxes';
import { CHANNEL, unavailable, type RuntimeEvent } from './protocol';
import { readBackend, serverIdentityItem, tokenItem, trainingOfflineItem, trainingPersonItem } from './settings';

/** The backend the background runs: training mode or the organisation's server, as the options page or policy set it; with its outboxes. */
export interface BackgroundHost {
  mode: Mode | NoBackend;
  backend: TrustedBackend;
  outboxes: Outboxes;
  /** Who writes now (names their outbox), or null when nobody is signed in. */
  author(): Promise<Author | null>;
  dispose(): void;
}

/** The organisation switched the training environment off and no server is set yet: the panel says so, and nothing runs. */
export interface NoBackend {
  kind: 'none';
}

const TRAINING = 'training/';

export async function buildHost(broadcast: (e: RuntimeEvent) => void): Promise<BackgroundHost> {
  // Training's own settings are read with the backend setting, not after it: each read is a round trip to the browser.
  const [{ setting }, offlineAtStart, person] = await Promise.all([readBackend(), trainingOfflineItem.getValue(), trainingPersonItem.getValue()]);
  const settled = (conversationId: string, sent: Message[]) => broadcast({ channel: CHANNEL, event: 'outbox', conversationId, sent });
  if (!setting) return noBackendHost(settled);
  return setting.kind === 'server' ? serverHost(setting.url, settled) : trainingHost(offlineAtStart, person ?? undefined, settled);
}

function noBackendHost(settled: (conversationId: string, sent: Message[]) => void): BackgroundHost {
  const refused = async () => unavailable('no-backend');
  const outboxes = createOutboxes({ authors: async () => [], sendingAs: () => null, settled });
  return {
    mode: { kind: 'none' },
    backend: { run: refused, call: refused, files: { upload: refused, download: refused } },
    outboxes,
    author: async () => null,
    dispose: () => outboxes.close(),
  };
}

async function serverHost(baseUrl: string, settled: (conversationId: string, sent: Message[]) => void): Promise<BackgroundHost> {
  const server = connectServer(baseUrl, {
    get: async () => (await tokenItem.getValue()) ?? undefined,
    set: async (token) => {
      if (token) return tokenItem.setValue(token);
      // The session ended: whoever it was, their outbox waits until they sign in again.
      await Promise.all([tokenItem.removeValue(), serverIdentityItem.removeValue()]);
    },
  }, identityStep());
  const authorOf = (id: string | null) => (id ? `server/${baseUrl}/${id}` : null);
  // Who is signed in names their outbox, also while the server cannot be reached later.
  let current: Author | null = authorOf(await serverIdentityItem.getValue());
  const unwatch = serverIdentityItem.watch((id) => (current = authorOf(id)));
  const outboxes = createOutboxes({
    authors: async () => (current ? [current] : []),
    sendingAs: (a) => (a === current ? server.backend : null),
    settled,
  });
  const remember = async (id: string | null) => {
    current = authorOf(id);
    await (id ? serverIdentityItem.setValue(id) : serverIdentityItem.removeValue());
  };
  /** Signed in, however: who it is names the outbox, and what they left waiting goes out now. */
  const signedIn = async (outcome: SignInOutcome) => {
    if (outcome.ok) {
      await remember(outcome.professionalId);
      void outboxes.flush().catch(() => undefined);
    }
    return outcome;
  };
  return {
    backend: server.backend,
    outboxes,
    author: async () => current,
    mode: {
      ...server.mode,
      signIn: async (email, password, totp) => signedIn(await server.mode.signIn(email, password, totp)),
      signInWithOrganisation: async (orgId) => signedIn(await server.mode.signInWithOrganisation(orgId)),
      async signOut() {
        await server.mode.signOut();
        await remember(null);
      },
    },
    dispose() {
      unwatch();
      outboxes.close();
    },
  };
}

async function trainingHost(offlineAtStart: boolean, person: string | undefined, settled: (conversationId: string, sent: Message[]) => void): Promise<BackgroundHost> {
  let offline = offlineAtStart;
  const unwatch = trainingOfflineItem.watch((v) => (offline = v ?? false));
  const training = await openTraining({ actingAs: person, offline: () => offline, remember: (id) => trainingPersonItem.setValue(id) });
  const outboxes = createOutboxes({
    // Training has no sign-in: what any demo person left waiting is sent as them.
    authors: async () => (await knownAuthors()).filter((a) => a.startsWith(TRAINING)),
    sendingAs: (a) => (a.startsWith(TRAINING) ? training.backendAs(a.slice(TRAINING.length)) : null),
    settled,
  });
  return {
    backend: training.backend,
    outboxes,
    author: async () => `${TRAINING}${training.mode.actingAs()}`,
    mode: {
      ...training.mode,
      async actAs(id) {
        await training.mode.actAs(id);
        // What this person left waiting goes out now.
        void outboxes.flush().catch(() => undefined);
      },
      async reset() {
        outboxes.close();
        await training.mode.reset();
        // The conversations are gone, so is what waited to be sent to them.
        await deleteOutboxes((await knownAuthors()).filter((a) => a.startsWith(TRAINING)));
      },
    },
    dispose() {
      unwatch();
      outboxes.close();
    },
  };
}

/**
 * The host of the moment, built on first use. A service worker can be
 * stopped at any time, so nothing here outlives it: the next message after
 * a restart builds the host again from storage.
 */
export function createHostCache(build: () => Promise<BackgroundHost>) {
  let current: Promise<BackgroundHost> | null = null;
  return {
    get(): Promise<BackgroundHost> {
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
