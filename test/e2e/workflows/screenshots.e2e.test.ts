import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Panel } from './panel';

// `UPDATE_SCREENSHOTS=1` writes docs/screenshots/; otherwise the flow runs and the pictures go to a temporary folder.
const DIR = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : mkdtempSync(join(tmpdir(), 'nz-screens-'));
const AT = new Date('2026-03-02T09:15:00+01:00');

/** Saves the main screens at side-panel width (400 px), with a fixed clock, for the docs and for a look by eye. */
describe('screenshots of the side panel', () => {
  let panel: Panel;
  /** A picture of the screen, once it shows every one of `shows` (so no picture is of a half-loaded screen). */
  const shot = async (name: string, shows: (string | RegExp)[]) => {
    for (const text of shows) await panel.main.getByText(text).first().waitFor();
    const content = await panel.main.textContent();
    for (const text of shows) expect(content, `${name}: ${text}`).toMatch(text);
    await panel.page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true, animations: 'disabled' });
  };

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    panel = await Panel.open(400, AT);
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('consent, network with checklist, conversation and inbox', async () => {
    await panel.openClient('Maria Hendriks');
    await shot('consent', ['Maria Hendriks', /Toestemming digitale netwerkzorg/, 'Kees Hendriks']);
    await panel.recordConsent({ name: 'Kees Hendriks', relation: 'zoon' });
    await panel.createNetwork('Maria Hendriks');
    await panel.main.getByLabel('Patiëntnummer in uw systeem').fill('HIS-20931');
    await panel.main.getByRole('button', { name: 'Patiëntenkaart koppelen' }).click();
    await panel.status('De patiëntenkaart is gekoppeld.');
    await panel.startConversation({
      org: 'Thuiszorg Zorgzaam', subject: 'Wondzorg rechterbeen',
      text: 'Mevrouw Hendriks heeft sinds gisteren een open wond aan het rechterbeen. Kan de wijkverpleging deze week langskomen?',
    });
    await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
    await panel.openInbox('Wijkverpleging Kanaleneiland');
    await panel.openConversation('Wondzorg rechterbeen');
    await panel.send('Ik kom donderdagochtend langs en stuur daarna een foto van de wond.\nProtocol: https://example.org/wondzorg');
    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.openInbox('Mijn lijst');
    await shot('inbox', ['Wondzorg rechterbeen', 'Maria Hendriks']);
    await panel.openConversation('Wondzorg rechterbeen');
    await panel.main.getByText(/^Deelnemers/).click();
    await shot('conversation', ['Wondzorg rechterbeen', 'Ik kom donderdagochtend langs', 'Yusuf Yilmaz', 'Wijkverpleging Kanaleneiland']);
    await panel.main.getByRole('button', { name: 'Netwerk bekijken' }).click();
    await panel.title('Netwerk van Maria Hendriks');
    await shot('network', ['Netwerk van Maria Hendriks', /Toestemming/, /Patiëntenkaart/, 'Wondzorg rechterbeen']);
  });

  it('management', async () => {
    await panel.actAs('p-mulder', 'Peter Mulder');
    await panel.go('Beheer');
    await panel.title('Beheer');
    await panel.main.getByRole('region', { name: 'Accounts' }).waitFor();
    await shot('management', ['Accounts', 'Sanne Jansen', 'Doktersassistentes']);
  });
});
