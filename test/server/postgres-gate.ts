import { describe, it } from 'vitest';
import { mustHavePostgres, postgresMissing } from './pg-cluster';

/**
 * Whether the PostgreSQL tests named `name` can run here. Without PostgreSQL
 * they are listed as skipped, saying why; in CI (CI=true) a failing test says
 * what is missing instead, so a run never passes without them.
 */
export function postgresSuite(name: string): boolean {
  const missing = postgresMissing();
  if (!missing) return true;
  if (mustHavePostgres) {
    describe(name, () => {
      it('needs PostgreSQL (CI=true: missing binaries fail instead of skipping)', () => {
        throw new Error(`PostgreSQL is required in CI: ${missing}`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${missing})`, () => {
      it('needs PostgreSQL', () => {});
    });
  }
  return false;
}
