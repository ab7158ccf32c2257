/**
 * `npx tsx server/tools/verify-audit.ts [--expect-hash HASH]`: checks the
 * audit log against its seals (server/audit/seal.ts) in the database the
 * server's configuration names (DATABASE_URL, or the PGlite folder
 * NZ_DATA_DIR while no server has it open). Exit code 0: intact; 1: a
 * problem, listed; 2: could not check.
 */
import { configFromEnv } from '../config';
import { openPostgres } from '../db/postgres';
import { verifyAudit } from '../audit/seal';

const args = process.argv.slice(2);
const at = args.indexOf('--expect-hash');
const expectHash = at >= 0 ? args[at + 1] : undefined;

try {
  const config = configFromEnv();
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl, { max: 1 })
    : await (await import('../db/pglite')).openPglite({ folder: config.dataDir });
  try {
    const v = await verifyAudit(db, { expectHash });
    process.stdout.write(`${v.seals} seals over ${v.sealed} audit records; ${v.unsealed} newer records not sealed yet.\n`);
    if (v.lastHash) process.stdout.write(`Latest seal: ${v.lastHash}\n`);
    for (const p of v.problems) process.stdout.write(`PROBLEM: ${p}\n`);
    process.stdout.write(v.ok ? 'The audit log matches its seals.\n' : 'The audit log does NOT match its seals.\n');
    process.exitCode = v.ok ? 0 : 1;
  } finally {
    await db.close();
  }
} catch (e) {
  process.stderr.write(`Could not verify the audit log: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
