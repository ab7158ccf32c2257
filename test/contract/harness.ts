import type { OperationRegistry } from '../../lib/contract/operations';
import type { Backend } from '../../lib/contract/port';

/**
 * What the contract suite needs from an adapter: a fresh demo region
 * (lib/service/demo-region.ts) and a Backend acting as any of its people.
 * The suite knows nothing of IndexedDB, HTTP or SQL.
 */
export interface ContractHarness {
  name: string;
  /**
   * A fresh demo region. The suite calls this once per describe block (about
   * twenty times), so an adapter with a slow start should copy a seeded
   * template rather than seed each time.
   */
  setup(options?: HarnessOptions): Promise<ContractRegion>;
}

export interface HarnessOptions {
  /** The operations the adapter runs: the contract's, unless a test extends them. */
  operations?: OperationRegistry;
}

export interface ContractRegion {
  /**
   * A Backend signed in (or acting) as this demo professional. The suite asks
   * once per person and region and keeps using it, also after that account is
   * deactivated (R12), when every call must answer `account-inactive`.
   */
  as(professionalId: string): Promise<Backend>;
  /**
   * Everything stored, serialised in a stable order: equal strings mean nothing
   * changed. Taken before and after every refusal the suite provokes.
   */
  snapshot(): Promise<string>;
  dispose(): Promise<void>;
}
