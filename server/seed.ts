import { DEMO, demoRegion } from '../lib/service/demo-region';
import type { SqlStore } from './db';
import { hashPassword } from './auth/password';
import { setPasswordHash } from './auth/credentials';

/** The password of every demo account (training data only). */
export const DEMO_PASSWORD = 'oefenen-netwerkzorg';

/**
 * Loads the demo region into an empty database, every person with the demo
 * password, in one transaction. A database that has it is left alone.
 */
export async function seedDemo(store: SqlStore, now = new Date()): Promise<boolean> {
  const present = await store.transaction('read', (tx) => tx.get('organisations', DEMO.gp));
  if (present) return false;
  const puts = await demoRegion(now.toISOString());
  const people = puts.flatMap((p) => (p.store === 'professionals' ? [p.value.id] : []));
  // scrypt runs on libuv's thread pool: the hashes are made side by side, before the transaction.
  const hashes = await Promise.all(people.map(() => hashPassword(DEMO_PASSWORD)));
  return store.transactionWith('write', async (tx, sql) => {
    if (await tx.get('organisations', DEMO.gp)) return false;
    for (const p of puts) await tx.put(p);
    for (const [i, id] of people.entries()) await setPasswordHash(sql, id, hashes[i]!, now);
    return true;
  });
}

/** The demo accounts, to print at start: name, e-mail, organisation, what they may do. */
export async function demoAccounts(store: SqlStore) {
  return store.transaction('read', async (tx) => {
    if (!(await tx.get('organisations', DEMO.gp))) return [];
    const orgs = new Map((await tx.all('organisations')).map((o) => [o.id, o.name]));
    return (await tx.all('professionals')).filter((p) => p.active).map((p) => ({
      name: p.name, email: p.email, org: orgs.get(p.orgId) ?? p.orgId, role: p.role,
      accountManager: p.isAccountManager, careProfessional: p.isCareProfessional,
    }));
  });
}
