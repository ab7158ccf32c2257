import type { Source } from '../../domain';
import type { OpArgs, OpInput, OpName, OpOutput } from '../../contract/operations';
import { uploadOperations } from '../../contract/operations/attachments';
import { operations as contractOperations, type OperationRegistry } from '../../contract/operations';
import type { Backend, CallOptions, Files } from '../../contract/port';
import { fail, type Result } from '../../contract/result';
import { DEMO_PEOPLE, seedDemoRegion } from '../../service/demo-region';
import { fileIntake, type FileIntake, type ImageCleaner } from '../../service/files';
import { createService, type Caller, type ServiceOptions } from '../../service/service';
import { sniffType } from '../../service/sniff';
import { canvasCleaner } from './canvas-cleaner';
import { idbFiles, sweepUnusedUploads } from './files';
import { openIdbStore } from './idb-store';

export const TRAINING_DB = 'netwerkzorg-training';

/**
 * Training mode: the whole region in this browser's IndexedDB, acting as the
 * demo person the user picks. The same service and domain as the server.
 */
export class LocalBackend implements Backend {
  /** Like a server session: what this page opened (R15) is its own. */
  private readonly session = crypto.randomUUID();
  private orgOf = new Map<string, string>();

  readonly files: Files;

  private constructor(
    private readonly service: ReturnType<typeof createService>,
    intake: FileIntake,
    private readonly close: () => void,
    public actingAs: string,
    private readonly source: Source,
  ) {
    this.files = {
      upload: async (file, o) => {
        const caller = await this.caller();
        return caller ? intake.upload(caller, file, o.idempotencyKey) : fail('not-signed-in');
      },
      download: async (id, variant = 'file', o = {}) => {
        const caller = await this.caller();
        return caller ? intake.download(caller, id, variant, o.emergencyReason) : fail('not-signed-in');
      },
    };
  }

  /** `images`: how photos are cleaned (R20); the browser's canvas unless given (Node has none). */
  static async open(options: ServiceOptions & { dbName?: string; actingAs?: string; source?: Source; seed?: boolean; images?: ImageCleaner } = {}) {
    const store = await openIdbStore(options.dbName ?? TRAINING_DB);
    if (options.seed !== false) await seedDemoRegion(store);
    await sweepUnusedUploads(store.db, options.now?.() ?? new Date());
    const registry = options.operations ?? (contractOperations as unknown as OperationRegistry);
    const uploads = createService(store, { ...options, operations: { ...registry, ...uploadOperations } as unknown as OperationRegistry });
    const intake = fileIntake(uploads, options.images ?? canvasCleaner, idbFiles(store.db), sniffType);
    return new LocalBackend(createService(store, options), intake, store.close, options.actingAs ?? DEMO_PEOPLE[1]!.id, options.source ?? 'sidepanel');
  }

  get store() {
    return this.service.store;
  }

  /** Input as a user sent it: parsed here, the boundary of training mode. */
  async call<K extends OpName>(op: K, input: OpInput<K>, options: CallOptions = {}): Promise<Result<OpOutput<K>>> {
    const caller = await this.caller();
    return caller ? this.service.call(caller, op, input, options) : fail('not-signed-in');
  }

  /** Input parsed already (by the extension's background, at its boundary). */
  async run<K extends OpName>(op: K, args: OpArgs<K>, options: CallOptions = {}): Promise<Result<OpOutput<K>>> {
    const caller = await this.caller();
    return caller ? this.service.run(caller, op, args, options) : fail('not-signed-in');
  }

  private async caller(): Promise<Caller | undefined> {
    const id = this.actingAs;
    let orgId = this.orgOf.get(id);
    if (!orgId) {
      orgId = (await this.service.store.transaction('read', (tx) => tx.get('professionals', id)))?.orgId;
      if (!orgId) return undefined;
      this.orgOf.set(id, orgId);
    }
    return { professionalId: id, orgId, source: this.source, session: this.session };
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
