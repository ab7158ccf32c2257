import { httpHarness, pgliteRegion } from './http-harness';
import { contractSuite } from './suite';

// The contract over HTTP: the reference server on PGlite, each region a fresh folder from a seeded template.
contractSuite(httpHarness('HttpBackend → server on PGlite', pgliteRegion));
