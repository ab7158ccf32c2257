import { configFromEnv } from './config';
import { errorFields, jsonLogger } from './log';
import { DEMO_PASSWORD, demoAccounts } from './seed';
import { startServer } from './server';

// The reference server: `node --import tsx server/main.ts` (npm start builds the extension first).
const config = configFromEnv();
let running: Awaited<ReturnType<typeof startServer>>;
try {
  running = await startServer(config, { log: process.env.NZ_LOG === 'off' ? () => {} : jsonLogger });
} catch (e) {
  process.stderr.write(`Netwerkzorg server could not start: ${(e as Error).message}\n`);
  process.exit(1);
}

const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
process.stdout.write(`Netwerkzorg server on ${running.url} (data: ${where})\n`);
process.stdout.write(`API: ${running.url}/api/v1/docs and ${running.url}/api/v1/openapi.json\n`);
const demo = await demoAccounts(running.ctx.store);
if (demo.length) {
  process.stdout.write(`\nDemo accounts (training data), password "${DEMO_PASSWORD}":\n`);
  for (const a of demo) {
    const what = [a.careProfessional ? a.role : 'no care role', a.accountManager ? 'account manager' : ''].filter(Boolean).join(', ');
    process.stdout.write(`  ${a.email.padEnd(36)} ${a.name} — ${a.org} (${what})\n`);
  }
  process.stdout.write('\n');
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping\n`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await running.close();
    process.exit(0);
  } catch (e) {
    jsonLogger('stop-failed', errorFields(e));
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
