import { DEMO_PEOPLE } from '../backend/demo-region';
import { LocalBackend, resetTraining, TRAINING_DB } from '../backend/local/local-backend';
import type { Backend } from '../backend/port';
import { fail } from '../backend/result';

/**
 * Training mode's backend: the LocalBackend behind a stable Backend, so
 * starting over (a fresh database) swaps what is inside without the models
 * noticing.
 */
export interface TrainingHost {
  backend: Backend;
  /** The demo people one can act as. */
  people: readonly { id: string; name: string; orgId: string }[];
  actingAs(): string;
  actAs(professionalId: string): void;
  /** The same training data, acting as one given person whoever is chosen now: sends what they left in the outbox. */
  backendAs(professionalId: string): Backend;
  /** Deletes every change made in training and loads the demo region again. */
  reset(): Promise<void>;
}

export interface TrainingOptions {
  actingAs?: string;
  dbName?: string;
  /** While true every call answers "unavailable", as a server that cannot be reached would. */
  offline?: () => boolean;
}

export async function openTraining(options: TrainingOptions = {}): Promise<TrainingHost> {
  const dbName = options.dbName ?? TRAINING_DB;
  const offline = options.offline ?? (() => false);
  let inner = await LocalBackend.open({ dbName, actingAs: options.actingAs });
  // One connection per other person whose messages wait in an outbox; closed when training starts over.
  const others = new Map<string, Promise<LocalBackend>>();
  const guarded = (target: () => Promise<Backend> | Backend): Backend => ({
    mode: 'training',
    call: async (op, input) => (offline() ? fail('unavailable', 'training-offline') : (await target()).call(op, input)),
  });
  const backend = guarded(() => inner);
  return {
    backend,
    people: DEMO_PEOPLE,
    actingAs: () => inner.actingAs,
    actAs: (id) => inner.actAs(id),
    backendAs(id) {
      return guarded(() => {
        if (id === inner.actingAs) return inner;
        let other = others.get(id);
        if (!other) others.set(id, (other = LocalBackend.open({ dbName, actingAs: id, seed: false })));
        return other;
      });
    },
    async reset() {
      const who = inner.actingAs;
      inner.dispose();
      for (const other of others.values()) void other.then((b) => b.dispose(), () => undefined);
      others.clear();
      await resetTraining(dbName);
      inner = await LocalBackend.open({ dbName, actingAs: who });
    },
  };
}
