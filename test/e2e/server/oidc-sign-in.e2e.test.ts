import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/pg-cluster';
import { signInAtProviderPage, ssoRegion, type SsoRegion } from '../../server/support/oidc';
import { actingAs, type Panel } from '../workflows/panel';
import { newProfile } from './profiles';

/**
 * Issue 15 in Chromium: "Aanmelden met uw organisatie" in the side panel, through the browser's own
 * sign-in window (identity.launchWebAuthFlow) at a real OpenID provider on loopback, back to the
 * extension's identity address, and the person's own list on screen.
 */
// `UPDATE_SCREENSHOTS=1` writes the sign-in screen with the organisation's button to docs/screenshots/.
const DIR = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : mkdtempSync(join(tmpdir(), 'nz-screens-'));

describe('issue 15: signing in with the organisation\'s own account', () => {
  let region: SsoRegion;
  let panel: Panel;
  beforeAll(async () => {
    region = await ssoRegion({ port: await freePort() });
    panel = await newProfile(region.server, { clock: false });
  });
  afterAll(async () => {
    await panel?.close();
    await region?.close();
  });

  it('R11, R12: "Aanmelden met uw organisatie" signs the nurse in at her provider and shows her own list', async () => {
    await panel.title('Aanmelden');
    const main = panel.main;
    // Two organisations sign in through a provider on this server: choose one first.
    await main.getByLabel('Uw organisatie', { exact: true }).selectOption({ label: 'Thuiszorg Zorgzaam' });
    await panel.page.screenshot({ path: `${DIR}/signin-organisation.png`, animations: 'disabled' });
    const window = panel.browser.context.waitForEvent('page');
    await main.getByRole('button', { name: 'Aanmelden met uw organisatie' }).click();
    await signInAtProviderPage(await window, region, 'y.yilmaz@zorgzaam.nl');
    await actingAs(panel.page, 'Yusuf Yilmaz');
    await panel.title('Mijn lijst');
    expect(region.logs.some(([event, f]) => event === 'sso-sign-in' && f.professionalId === 'p-yilmaz')).toBe(true);
  });
});
