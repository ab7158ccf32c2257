import { afterAll } from 'vitest';
import { startCluster, type PgCluster } from '../server/pg-cluster';
import { postgresSuite } from '../server/postgres-gate';
import { httpHarness, postgresRegions } from './http-harness';
import { contractSuite } from './suite';

// The contract over HTTP on a real PostgreSQL: a throwaway cluster started here (initdb + pg_ctl).
if (postgresSuite('HttpBackend → server on PostgreSQL')) {
  let cluster: Promise<PgCluster> | undefined;
  const url = async () => (cluster ??= startCluster());
  afterAll(async () => {
    await (await cluster)?.stop();
  });
  let regions: ReturnType<typeof postgresRegions> | undefined;
  contractSuite(httpHarness('HttpBackend → server on PostgreSQL', async () => {
    const c = await url();
    regions ??= postgresRegions(c);
    return regions();
  }));
}
