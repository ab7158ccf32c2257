import type { TrainingMode } from '../../contract/port';
import { fail } from '../../contract/result';
import { DEMO_PEOPLE } from '../../service/demo-region';
import type { TrustedBackend } from '../trusted';
import { LocalBackend, resetTraining, TRAINING_DB } from './local-backend';

/**
 * Training mode's backend: a LocalBackend behind a stable TrustedBackend, so
 * starting over (a fresh database) swaps what is inside without its users
 * noticing, and a switch to "offline" to practise messages that wait.
 */
export interface Training {
  mode: TrainingMode;
  backend: TrustedBackend;
  /** The same training data, acting as one given person whoever is chosen now: sends what they left in the outbox. */
  backendAs(professionalId: string): TrustedBackend;
}

export interface TrainingOptions {
  actingAs?: string;
  dbName?: string;
  /** While true every call answers "unavailable", as a server that cannot be reached would. */
  offline?: () => boolean;
  /** Remembers the person acted as, for the next start. */
  remember?: (professionalId: string) => Promise<void>;
}

export async function openTraining(options: TrainingOptions = {}): Promise<Training> {
  const dbName = options.dbName ?? TRAINING_DB;
  const offline = options.offline ?? (() => false);
  let inner = await LocalBackend.open({ dbName, actingAs: options.actingAs });
  // One connection per other person whose messages wait in an outbox; closed when training starts over.
  const others = new Map<string, Promise<LocalBackend>>();
  const guarded = (target: () => Promise<LocalBackend> | LocalBackend): TrustedBackend => ({
    call: async (op, input, o) => (offline() ? fail('unavailable', 'training-offline') : (await target()).call(op, input, o)),
    run: async (op, args, o) => (offline() ? fail('unavailable', 'training-offline') : (await target()).run(op, args, o)),
    files: {
      upload: async (file, o) => (offline() ? fail('unavailable', 'training-offline') : (await target()).files.upload(file, o)),
      download: async (id, v, o) => (offline() ? fail('unavailable', 'training-offline') : (await target()).files.download(id, v, o)),
    },
  });
  return {
    backend: guarded(() => inner),
    mode: {
      kind: 'training',
      people: DEMO_PEOPLE,
      actingAs: () => inner.actingAs,
      async actAs(id) {
        inner.actAs(id);
        await options.remember?.(id);
      },
      async reset() {
        const who = inner.actingAs;
        inner.dispose();
        for (const other of others.values()) void other.then((b) => b.dispose(), () => undefined);
        others.clear();
        await resetTraining(dbName);
        inner = await LocalBackend.open({ dbName, actingAs: who });
      },
    },
    backendAs(id) {
      return guarded(() => {
        if (id === inner.actingAs) return inner;
        let other = others.get(id);
        if (!other) others.set(id, (other = LocalBackend.open({ dbName, actingAs: id, seed: false })));
        return other;
      });
    },
  };
}
