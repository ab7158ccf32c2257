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
  process.stdout.write('Building the widget…\n');
  const w = spawnSync(process.execPath, ['--import', 'tsx', 'widget/build.ts'], { cwd: root, stdio: 'inherit' });
  if (w.status !== 0) {
    process.stderr.write('The widget build failed; the server was not started.\n');
    process.exit(w.status ?? 1);
  }
  process.stdout.write(`
Extension builds:
  Chrome/Edge: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3
  Firefox:     about:debugging#/runtime/this-firefox → Load Temporary Add-on → .output/firefox-mv3/manifest.json
  It starts in training mode (no server needed). To use this server instead: the extension's options
  page → Server → http://127.0.0.1:8787, and sign in with a demo account below.

`);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit', env: process.env });
const demos = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-servers.ts'], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of [server, demos]) if (child.exitCode === null) child.kill(signal);
  });
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
