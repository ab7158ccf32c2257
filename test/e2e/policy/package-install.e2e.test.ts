/**
 * `npm run package` as IT uses it: the packages served from a web server, Chromium told by policy
 * (ExtensionSettings, force_installed, update_url) to install the CRX, as on a managed machine; the
 * XPI checked by the linter Mozilla's signing runs. Without the signing key (NZ_CRX_KEY) the package
 * is signed with a throwaway key, so its id is that key's, not the documented one.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../../scripts/extension-ids';
// @ts-expect-error plain ESM helper shared with scripts/
import { chromiumPath } from '../../../scripts/chromium-path.mjs';
import { policyFile, policyTestsRun } from './support';

const run = promisify(execFile);
const policy = policyFile('install');
const HOSTED = 'https://netwerkzorg.example.nl/extension/';
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe.skipIf(!policyTestsRun)('packages to host (npm run package)', () => {
  let out: string;
  let hosted: string;
  let web: Server;
  let base: string;
  let id: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'nz-packages-'));
    hosted = mkdtempSync(join(tmpdir(), 'nz-packages-hosted-'));
    web = createServer((req, res) => {
      try {
        const body = readFileSync(join(out, resolve('/', req.url!.split('?')[0]!)));
        res.writeHead(200).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(web.address() as { port: number }).port}/`;
    const key = process.env.NZ_CRX_KEY ? [] : ['--throwaway-key'];
    // Firefox takes only an https update link: those packages as an organisation hosts them; Chromium installs from this loopback server.
    await run('npx', ['tsx', 'scripts/package.ts', '--base-url', HOSTED, '--out', hosted, ...key], { maxBuffer: 16 << 20 });
    await run('npx', ['tsx', 'scripts/package.ts', '--base-url', base, '--out', out, ...key], { maxBuffer: 16 << 20 });
    id = /appid="([a-p]{32})"/.exec(readFileSync(join(out, 'updates.xml'), 'utf8'))![1]!;
  }, 240_000);
  afterAll(async () => {
    policy.remove();
    await new Promise((r) => web?.close(r));
    for (const dir of [out, hosted]) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the CRX with its update manifest, the id the signing key gives (the documented one with the real key)', () => {
    const xml = readFileSync(join(out, 'updates.xml'), 'utf8');
    expect(xml).toContain(`codebase="${base}netwerkzorg-${version}.crx" version="${version}"`);
    if (process.env.NZ_CRX_KEY) expect(id).toBe(CHROME_EXTENSION_ID);
    const updates = JSON.parse(readFileSync(join(out, 'updates.json'), 'utf8'));
    expect(updates.addons[FIREFOX_EXTENSION_ID].updates).toEqual([{ version, update_link: `${base}netwerkzorg-${version}.xpi` }]);
  });

  it('is installed by Chromium from the policy alone, and runs', async () => {
    // DeveloperToolsAvailability 1: by default Chromium keeps DevTools, and so this test's driver (CDP), off the
    // pages of an extension installed by policy (Debian's Chromium 156 closes such a page at once); IT leaves that as it is.
    policy.write({ ExtensionSettings: { [id]: { installation_mode: 'force_installed', update_url: `${base}updates.xml` } }, DeveloperToolsAvailability: 1 });
    const profile = mkdtempSync(join(tmpdir(), 'nz-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath() ?? '/usr/bin/chromium', headless: true,
      // Playwright starts Chromium without extensions; a managed machine has them.
      // (and fetches nothing in the background, which is how the policy's extension arrives).
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking', '--disable-component-update', '--disable-default-apps'],
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
    });
    try {
      // Installed once Chromium has fetched the update manifest and the CRX (seconds); the extensions page says when.
      const internals = await context.newPage();
      await expect.poll(async () => {
        await internals.goto('chrome://extensions-internals');
        return (await internals.locator('body').innerText()).includes(`"id": "${id}"`);
      }, { timeout: 60_000, interval: 1000 }).toBe(true);
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/sidepanel.html`);
      await expect.poll(() => page.getByRole('heading').first().textContent()).toContain('Netwerkzorg');
      expect(await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string; update_url?: string } } } }).chrome.runtime.getManifest()))
        .toMatchObject({ version, update_url: `${base}updates.xml` });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('the XPI passes the linter Mozilla signs with, and names its id and update manifest', async () => {
    const xpi = join(hosted, `netwerkzorg-${version}.xpi`);
    // Self-hosted (unlisted): an update_url is allowed, as `web-ext sign --channel unlisted` lints it.
    const { stdout } = await run(resolve('node_modules/.bin/addons-linter'), [xpi, '--self-hosted', '--output', 'json'], { maxBuffer: 16 << 20 }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    const report = JSON.parse(stdout) as { errors: unknown[] };
    expect(report.errors).toEqual([]);
    const { stdout: manifest } = await run('unzip', ['-p', xpi, 'manifest.json']);
    expect(JSON.parse(manifest).browser_specific_settings.gecko).toMatchObject({ id: FIREFOX_EXTENSION_ID, update_url: `${HOSTED}updates.json` });
  });
});
