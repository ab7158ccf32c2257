import { configFromEnv } from './config';
import { errorFields, jsonLogger } from './log';
import { DEMO_PASSWORD, demoAccounts } from './seed';
import { startServer } from './server';

// The reference server: `node --import tsx server/main.ts` (npm start builds the extension first).
const config = configFromEnv();
const starting = startServer(config, { log: process.env.NZ_LOG === 'off' ? () => {} : jsonLogger });

// Installed before start-up finishes: a SIGTERM during migrations or seeding waits for the start,
// then closes the database cleanly instead of leaving PGlite's data folder mid-write.
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping\n`);
  const started = await starting.catch(() => undefined);
  // Bounds the close only: a slow start-up is waited for, a hanging close is not.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await started?.close();
    process.exit(0);
  } catch (e) {
    jsonLogger('stop-failed', errorFields(e));
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

let running: Awaited<typeof starting>;
try {
  running = await starting;
} catch (e) {
  process.stderr.write(`Netwerkzorg server could not start: ${(e as Error).message}\n`);
  process.exit(1);
}
if (stopping) await new Promise(() => {}); // stop() exits once the server is closed.

const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
process.stdout.write(`Netwerkzorg server on ${running.url} (data: ${where})\n`);
process.stdout.write(`API: ${running.url}/api/v1/docs and ${running.url}/api/v1/openapi.json\n`);
if (config.smtpUrl) {
  // Host and port only: the URL may carry the relay's password.
  const relay = new URL(config.smtpUrl);
  process.stdout.write(`Mail: through ${relay.protocol}//${relay.host}, from ${config.mailFrom}\n`);
}
const sso = Object.values(config.oidc ?? {});
if (sso.length) {
  process.stdout.write('Sign-in with the organisation\'s own account (OpenID Connect):\n');
  for (const o of sso) {
    const how = [o.requireMfa ? 'second factor required' : '', o.passwordSignIn ? 'passwords still allowed' : 'no password sign-in'].filter(Boolean).join(', ');
    process.stdout.write(`  ${o.orgId.padEnd(20)} ${o.issuer} (${how}); start: ${running.url}/api/v1/auth/oidc/${o.orgId}/start?return=…\n`);
  }
}
for (const w of running.warnings) process.stdout.write(`Warning: ${w}\n`);
const demo = await demoAccounts(running.ctx.store);
if (demo.length) {
  process.stdout.write(`\nDemo accounts (training data), password "${DEMO_PASSWORD}":\n`);
  for (const a of demo) {
    const what = [a.careProfessional ? a.role : 'no care role', a.accountManager ? 'account manager' : ''].filter(Boolean).join(', ');
    process.stdout.write(`  ${a.email.padEnd(36)} ${a.name} — ${a.org} (${what})\n`);
  }
  process.stdout.write('\n');
}
