import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEhrDemo, type EhrDemo } from '../../../demo/ehr/server';
import { Panel } from '../workflows/panel';

/**
 * The side panel beside the demo record systems. The panel page sits in a
 * tab of the same window as the record tabs; as in the real side panel, it
 * follows whichever record tab is active (the panel tab itself never is here).
 */
describe('the side panel follows the record on screen', () => {
  let demo: EhrDemo;
  let panel: Panel;
  let records: Page[];

  beforeAll(async () => {
    demo = await serveEhrDemo(0);
    panel = await Panel.open(360);
    records = [await panel.browser.context.newPage(), await panel.browser.context.newPage()];
  });
  afterAll(async () => {
    await panel?.close();
    await demo?.close();
  });

  /** The "Huidige cliënt" box (or "Geen cliënt herkend") in the panel. */
  const current = (): Locator => panel.main.getByRole('region', { name: /^(Huidige cliënt|Geen cliënt herkend)/ });

  /** Shows a record in a tab and makes that tab the active one, as a user clicking it would. */
  async function show(tab: number, url: string) {
    const record = records[tab]!;
    await record.goto(url);
    await record.bringToFront();
  }

  async function activate(tab: number) {
    await records[tab]!.bringToFront();
  }

  async function expectCurrent(...texts: string[]) {
    for (const text of texts) await current().getByText(text).first().waitFor();
  }

  it('GP system: shows the client on screen with a masked BSN, known in the training region', async () => {
    await show(0, `${demo.his}patient-1.html`);
    await expectCurrent('Jan Pietersen', 'uit Praktijkdossier Demo', 'BSN ••••••333', 'Bekend in Netwerkzorg.');
    expect(await current().innerText()).not.toContain('111222333');
  });

  it('home-care record: shows the client read from its labelled list', async () => {
    await show(1, `${demo.ecd}clienten/40233`);
    await expectCurrent('Maria Hendriks', 'uit Zorgdossier Demo', 'BSN ••••••782');
  });

  it('follows a tab switch: each tab has its own client', async () => {
    await activate(0);
    await expectCurrent('Jan Pietersen');
    await activate(1);
    await expectCurrent('Maria Hendriks');
    await activate(0);
    await expectCurrent('Jan Pietersen');
  });

  it('does not take a record whose BSN fails the 11-test as a client', async () => {
    await show(0, `${demo.his}patient-4.html`);
    await expectCurrent('Geen cliënt herkend', 'Het BSN op deze pagina klopt niet (elfproef). Controleer het dossier.');
    expect(await panel.main.innerText()).not.toContain('Kees Bakker');
    await show(0, demo.his);
    await expectCurrent('Deze pagina toont geen dossier van één cliënt.');
  });

  it('warns when the client open in the panel is not the record on screen, in an alert, and goes to the right client', async () => {
    await show(0, `${demo.his}patient-1.html`);
    await current().getByRole('button', { name: 'Openen in Netwerkzorg' }).click();
    await panel.title('Jan Pietersen');
    const warning = panel.main.getByRole('alert').filter({ hasText: 'Let op: dit is niet de cliënt van het dossier op uw scherm.' });
    expect(await warning.count()).toBe(0);
    await activate(1);
    await warning.waitFor();
    expect(await warning.innerText()).toContain('Hier: Jan Pietersen. In Zorgdossier Demo: Maria Hendriks.');
    await panel.accessible('mismatch warning');
    await warning.getByRole('button', { name: 'Naar Maria Hendriks' }).click();
    await panel.title('Maria Hendriks');
    await warning.waitFor({ state: 'detached' });
  });

  it('GP practice: from the record, consent and a network, with the patient card proposed from the GP system (R5)', async () => {
    await show(0, `${demo.his}patient-3.html`);
    await expectCurrent('Ahmed Bouzid');
    await current().getByRole('button', { name: 'Openen in Netwerkzorg' }).click();
    await panel.title('Ahmed Bouzid');
    await panel.recordConsent();
    await panel.createNetwork('Ahmed Bouzid');
    expect(await panel.main.getByLabel('Systeem', { exact: true }).inputValue()).toBe('Praktijkdossier Demo');
    expect(await panel.main.getByLabel('Patiëntnummer in uw systeem').inputValue()).toBe('100588');
    await panel.main.getByRole('button', { name: 'Patiëntenkaart koppelen' }).click();
    await panel.status('De patiëntenkaart is gekoppeld.');
    await panel.main.getByText('Patiëntenkaart: Praktijkdossier Demo 100588').waitFor();
    // The same record now leads straight to the network.
    await panel.go('Cliënten');
    await panel.title('Cliënten');
    await current().getByRole('button', { name: 'Openen in Netwerkzorg' }).click();
    await panel.title('Netwerk van Ahmed Bouzid');
  });

  it('home care: a client not known yet is created from the record, then consent and a network', async () => {
    await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
    await show(1, `${demo.ecd}clienten/40391`);
    await expectCurrent('Truus de Wit', 'Nog niet in Netwerkzorg.');
    await current().getByRole('button', { name: 'Cliënt aanmaken en toestemming vragen' }).click();
    await panel.title('Truus de Wit');
    await panel.status('Truus de Wit is vastgelegd.');
    await panel.recordConsent();
    await panel.createNetwork('Truus de Wit');
    await expectCurrent('Bekend in Netwerkzorg.');
    await panel.accessible('network created from the record');
  });

  it('fits a 320 px panel without sideways scrolling', async () => {
    await panel.page.setViewportSize({ width: 320, height: 800 });
    await expectCurrent('Truus de Wit');
    const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
