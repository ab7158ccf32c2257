#!/usr/bin/env node
// `npm start`: builds the extension for Chrome and Firefox, then runs the
// reference server (PGlite in ./data by default, PostgreSQL with DATABASE_URL).
// `npm start -- --no-build` (or NZ_SKIP_BUILD=1) starts the server only.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skipBuild = process.argv.includes('--no-build') || /^(1|true|yes)$/i.test(process.env.NZ_SKIP_BUILD ?? '');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (!skipBuild) {
  for (const browser of ['chrome', 'firefox']) {
    process.stdout.write(`Building the extension for ${browser}…\n`);
    const r = spawnSync(npx, ['wxt', 'build', '-b', browser], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      process.stderr.write(`The ${browser} build failed (exit ${r.status ?? r.signal}); the server was not started.\n`);
      process.exit(r.status ?? 1);
    }
  }
  process.stdout.write('Extension builds: .output/chrome-mv3 (load unpacked) and .output/firefox-mv3 (about:debugging).\n\n');
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
