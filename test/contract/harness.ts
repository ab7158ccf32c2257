import type { Backend } from '../../lib/backend/port';

/**
 * What the contract suite needs from an adapter: a fresh demo region
 * (lib/backend/demo-region.ts) and a Backend acting as any of its people.
 * The suite knows nothing of IndexedDB, HTTP or SQL.
 */
export interface ContractHarness {
  name: string;
  setup(): Promise<ContractRegion>;
}

export interface ContractRegion {
  /** A Backend signed in (or acting) as this demo professional. */
  as(professionalId: string): Promise<Backend>;
  /** Everything stored, serialised in a stable order: equal strings mean nothing changed. */
  snapshot(): Promise<string>;
  dispose(): Promise<void>;
}
