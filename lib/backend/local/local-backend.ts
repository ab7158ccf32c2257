import type { Source } from '../../domain';
import { DEMO_PEOPLE, seedDemoRegion } from '../demo-region';
import type { OpInput, OpName, OpOutput } from '../operations';
import type { Backend } from '../port';
import type { Result } from '../result';
import { createService, type ServiceOptions } from '../service';
import { openIdbStore } from './idb-store';

export const TRAINING_DB = 'netwerkzorg-training';

/**
 * Training mode: the whole region in this browser's IndexedDB, acting as the
 * demo person the user picks. The same service and domain as the server.
 */
export class LocalBackend implements Backend {
  readonly mode = 'training' as const;

  private constructor(
    private readonly service: ReturnType<typeof createService>,
    private readonly close: () => void,
    public actingAs: string,
    private readonly source: Source,
  ) {}

  static async open(options: ServiceOptions & { dbName?: string; actingAs?: string; source?: Source; seed?: boolean } = {}) {
    const store = await openIdbStore(options.dbName ?? TRAINING_DB);
    if (options.seed !== false) await seedDemoRegion(store);
    return new LocalBackend(createService(store, options), store.close, options.actingAs ?? DEMO_PEOPLE[1]!.id, options.source ?? 'sidepanel');
  }

  get store() {
    return this.service.store;
  }

  call<K extends OpName>(op: K, input: OpInput<K>): Promise<Result<OpOutput<K>>> {
    return this.service.run(this.actingAs, this.source, op, input);
  }

  /** Training mode only: act as another demo person. */
  actAs(professionalId: string) {
    this.actingAs = professionalId;
  }

  dispose() {
    this.close();
  }
}

/** Starts training over: deletes the training database; the next open seeds it again. */
export async function resetTraining(dbName = TRAINING_DB): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}
