// `npm run package`: the packages an organisation's IT hosts (docs/deploy.md):
//   - netwerkzorg-<version>.crx, signed, with updates.xml (Chrome/Edge ExtensionSettings' update_url);
//   - netwerkzorg-<version>.xpi with updates.json (Firefox), unsigned: Firefox installs only what
//     Mozilla signed, so sign it with `web-ext sign --channel unlisted` (see docs/deploy.md).
//
//   npm run package -- --base-url https://netwerkzorg.example.nl/extension/ [--out DIR]
//
// The CRX is signed with the private key in the file NZ_CRX_KEY names, kept outside the repository:
// its public half is the manifest's key, which gives the documented id. `--throwaway-key` signs with a
// new key instead, to try the packaging (the id is then another one, and the script says so).
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROME_EXTENSION_ID, chromeIdOf, FIREFOX_EXTENSION_ID } from './extension-ids';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const base = (option('--base-url') ?? process.env.NZ_UPDATE_BASE_URL ?? 'https://netwerkzorg.example.nl/extension/').replace(/\/?$/, '/');
const out = resolve(option('--out') ?? '.output/packages');
const throwaway = args.includes('--throwaway-key');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const bin = (name: string) => resolve('node_modules/.bin', name);
const run = (cmd: string, argv: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env }, maxBuffer: 64 << 20 });

function signingKey(): string {
  if (throwaway) {
    const file = join(out, 'throwaway-key.pem');
    writeFileSync(file, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    return file;
  }
  const file = process.env.NZ_CRX_KEY;
  if (!file || !existsSync(file)) {
    console.error('npm run package: set NZ_CRX_KEY to the file with the private key that signs the extension (kept outside the repository),\n'
      + 'or pass --throwaway-key to try the packaging with a new key (the extension then has another id).');
    process.exit(2);
  }
  return file;
}

const publicKeyOf = (pemFile: string) =>
  createPublicKey(createPrivateKey(readFileSync(pemFile))).export({ type: 'spki', format: 'der' }).toString('base64');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const key = signingKey();
const builds = join(out, 'build');
for (const browser of ['chrome', 'firefox']) run(bin('wxt'), ['build', '-b', browser], { NZ_OUT_DIR: builds, NZ_UPDATE_BASE_URL: base });

// Chrome/Edge: the manifest's key must be the signing key's public half, or the browser refuses the package.
const chromeDir = join(builds, 'chrome-mv3');
const manifestFile = join(chromeDir, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { key: string };
const publicKey = publicKeyOf(key);
if (publicKey !== manifest.key) {
  if (!throwaway) {
    console.error(`npm run package: the key in NZ_CRX_KEY is not the one whose public half is in the manifest (scripts/extension-ids.ts): it would give another id than ${CHROME_EXTENSION_ID}.`);
    process.exit(2);
  }
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, key: publicKey }));
}
const id = chromeIdOf(publicKey);
const crx = `netwerkzorg-${version}.crx`;
run(bin('crx3'), ['-p', key, '-o', join(out, crx), '-x', join(out, 'updates.xml'), '--appVersion', version, '--crxURL', base + crx, '--', chromeDir]);

// Firefox: the XPI (a zip of the build, as web-ext makes it) and the update manifest its update_url names.
const xpi = `netwerkzorg-${version}.xpi`;
run(bin('web-ext'), ['build', '--source-dir', join(builds, 'firefox-mv3'), '--artifacts-dir', out, '--filename', xpi, '--overwrite-dest', '--no-config-discovery']);
writeFileSync(join(out, 'updates.json'), `${JSON.stringify({
  addons: { [FIREFOX_EXTENSION_ID]: { updates: [{ version, update_link: base + xpi }] } },
}, null, 2)}\n`);
cpSync(join(builds, 'chrome-mv3', 'managed_schema.json'), join(out, 'managed_schema.json'));
rmSync(builds, { recursive: true, force: true });

console.log(`Packages ${version} in ${out}, to be served from ${base}:
  ${crx}      Chrome/Edge, id ${id}${id === CHROME_EXTENSION_ID ? '' : ` (a throwaway key: NOT the documented id ${CHROME_EXTENSION_ID})`}
  updates.xml              ExtensionSettings → update_url: ${base}updates.xml
  ${xpi}      Firefox, id ${FIREFOX_EXTENSION_ID}, UNSIGNED: sign it with
                           web-ext sign --channel unlisted --source-dir <build> --api-key … --api-secret …
  updates.json             Firefox's update_url: ${base}updates.json
  managed_schema.json      what IT may set by policy`);
