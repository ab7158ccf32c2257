#!/usr/bin/env node
// `npm start`: builds the extension for Chrome and Firefox, then runs the
// reference server (PGlite in ./data by default, PostgreSQL with DATABASE_URL).
// `npm start -- --no-build` (or NZ_SKIP_BUILD=1) starts the server only.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
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

const env = { ...process.env };
const children = [];

/** Starts a demo helper (its script under demo/) and waits for the line that says it is ready; stops npm start if it cannot. */
async function startHelper(script, ready, whyNot, helperEnv = env) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: helperEnv });
  children.push(child);
  await new Promise((resolve, reject) => {
    child.stdout.on('data', function waiting(chunk) {
      process.stdout.write(chunk);
      if (String(chunk).includes(ready)) {
        child.stdout.off('data', waiting);
        child.stdout.pipe(process.stdout);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`${whyNot} (exit ${code})`)));
  }).catch((e) => {
    process.stderr.write(`${e.message}\n`);
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    process.exit(1);
  });
}

// Unless NZ_SMTP_URL names a relay, the server's mail goes to a local catcher whose page lists every mail.
if (!env.NZ_SMTP_URL) {
  const smtpPort = env.NZ_CATCHER_SMTP_PORT || '2525';
  await startHelper('demo/mail/serve.ts', 'Mail catcher', `the mail catcher stopped; is port ${smtpPort} or 8791 in use?`);
  env.NZ_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
}

// Unless NZ_OIDC_CONFIG names the organisations' providers, one demo organisation signs in through a local OpenID provider.
if (!env.NZ_OIDC_CONFIG && !/^(0|false|no|off)$/i.test(env.NZ_DEMO ?? '')) {
  const config = join(dirname(env.NZ_DATA_DIR || join(root, 'data', 'pglite')), 'demo-oidc', 'config.json');
  await startHelper('demo/oidc/serve.ts', 'OpenID provider', `the demo OpenID provider stopped; is port ${env.NZ_OIDC_DEMO_PORT || 8792} in use?`, { ...env, NZ_OIDC_DEMO_CONFIG: config });
  env.NZ_OIDC_CONFIG = config;
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit', env });
const demos = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-servers.ts'], { cwd: root, stdio: 'inherit', env });
children.push(server, demos);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  });
}
server.on('exit', (code, signal) => {
  for (const child of children) if (child !== server && child.exitCode === null) child.kill('SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});
