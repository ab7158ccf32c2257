import { localHarness } from './local-harness';
import { runtimeHarness } from './runtime-harness';
import { contractSuite } from './suite';

// The contract through the side panel's bridge: page → background → training mode (IndexedDB).
contractSuite(runtimeHarness(localHarness));
