import { DEMO_PEOPLE } from '../backend/demo-region';
import { LocalBackend, resetTraining, TRAINING_DB } from '../backend/local/local-backend';
import type { Backend } from '../backend/port';

/**
 * Training mode's backend: the LocalBackend behind a stable Backend, so
 * starting over (a fresh database) swaps what is inside without the models
 * noticing.
 */
export interface TrainingHost {
  backend: Backend;
  /** The demo people one can act as. */
  people: typeof DEMO_PEOPLE;
  actingAs(): string;
  actAs(professionalId: string): void;
  /** Deletes every change made in training and loads the demo region again. */
  reset(): Promise<void>;
}

export async function openTraining(options: { actingAs?: string; dbName?: string } = {}): Promise<TrainingHost> {
  const dbName = options.dbName ?? TRAINING_DB;
  let inner = await LocalBackend.open({ dbName, actingAs: options.actingAs });
  const backend: Backend = {
    mode: 'training',
    call: (op, input) => inner.call(op, input),
  };
  return {
    backend,
    people: DEMO_PEOPLE,
    actingAs: () => inner.actingAs,
    actAs: (id) => inner.actAs(id),
    async reset() {
      const who = inner.actingAs;
      inner.dispose();
      await resetTraining(dbName);
      inner = await LocalBackend.open({ dbName, actingAs: who });
    },
  };
}
