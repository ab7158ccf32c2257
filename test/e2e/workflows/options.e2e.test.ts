import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Panel } from './panel';

// The options page: language (stored in local storage) applies to the side panel; training mode is the default.
describe('options page', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open();
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('chooses English; the side panel then speaks English, training mode stays the default', async () => {
    const options = await panel.browser.openPanel(800, 'options.html');
    await options.getByRole('heading', { level: 1, name: 'Netwerkzorg – instellingen' }).waitFor();
    expect(await options.getByLabel(/^Oefenomgeving/).isChecked()).toBe(true);
    await options.getByLabel('English').check();
    await options.getByRole('button', { name: 'Opslaan' }).click();
    await options.getByRole('heading', { level: 1, name: 'Netwerkzorg – settings' }).waitFor();
    expect(await options.locator('html').getAttribute('lang')).toBe('en');
    await panel.page.reload();
    await panel.page.getByRole('heading', { level: 2, name: 'My list' }).waitFor();
    expect(await panel.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await panel.page.getByRole('region', { name: /Training environment/ }).innerText()).toContain('Training data, no real clients.');
    await panel.accessible('inbox in English');
  });
});
