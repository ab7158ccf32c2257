import { httpHarness, pgliteRegion } from './http-harness';
import { runtimeHarness } from './runtime-harness';
import { contractSuite } from './suite';

// The contract through the side panel's bridge: page → background → the server on PGlite.
contractSuite(runtimeHarness(httpHarness('HttpBackend → server on PGlite', pgliteRegion)));
