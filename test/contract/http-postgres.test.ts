import { afterAll, describe, it } from 'vitest';
import { mustHavePostgres, postgresMissing, startCluster, type PgCluster } from '../server/pg-cluster';
import { httpHarness, postgresRegions } from './http-harness';
import { contractSuite } from './suite';

// The contract over HTTP on a real PostgreSQL: a throwaway cluster started here (initdb + pg_ctl).
const missing = postgresMissing();
if (missing && mustHavePostgres) {
  describe('HttpBackend → server on PostgreSQL', () => {
    it('needs PostgreSQL (CI=true: missing binaries fail instead of skipping)', () => {
      throw new Error(`PostgreSQL is required in CI: ${missing}`);
    });
  });
} else if (missing) {
  describe.skip(`HttpBackend → server on PostgreSQL (skipped: ${missing})`, () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  let cluster: Promise<PgCluster> | undefined;
  const url = async () => (cluster ??= startCluster());
  afterAll(async () => {
    await (await cluster)?.stop();
  });
  let regions: ReturnType<typeof postgresRegions> | undefined;
  contractSuite(httpHarness('HttpBackend → server on PostgreSQL', async () => {
    const c = await url();
    regions ??= postgresRegions(c.url);
    return regions();
  }));
}
