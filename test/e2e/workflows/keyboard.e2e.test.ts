import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actingAs, Panel } from './panel';

/** Tabs until the focused element has this accessible text, pressing nothing else; fails after `max` tabs. */
async function tabTo(panel: Panel, text: string | RegExp, max = 60) {
  for (let i = 0; i < max; i++) {
    await panel.page.keyboard.press('Tab');
    const label = await panel.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() || (el as HTMLInputElement).labels?.[0]?.innerText || '' : '';
    });
    if (typeof text === 'string' ? label === text : text.test(label)) return;
  }
  throw new Error(`no focusable element "${text}" within ${max} tabs`);
}

/** The focused element shows a focus ring (an outline wider than zero). */
async function focusVisible(panel: Panel) {
  return panel.page.evaluate(() => {
    const el = document.activeElement!;
    const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
}

// Every step of a workflow by keyboard alone, with a visible focus ring, at the narrowest panel width.
describe('keyboard only, at 320 px', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open(320);
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('W1 by keyboard: open a client, record consent, create the network; focus is visible and lands on each new screen', async () => {
    await tabTo(panel, 'Cliënten');
    expect(await focusVisible(panel)).toBe(true);
    await panel.page.keyboard.press('Enter');
    await panel.title('Cliënten');
    // Focus moved to the new screen's title.
    expect(await panel.page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await tabTo(panel, /^Jan Pietersen/);
    await panel.page.keyboard.press('Enter');
    await panel.title('Jan Pietersen');
    await tabTo(panel, 'Toestemming vastleggen');
    expect(await focusVisible(panel)).toBe(true);
    await panel.page.keyboard.press('Enter');
    await panel.status(/Toestemming vastgelegd/);
    await tabTo(panel, 'Netwerk aanmaken');
    await panel.page.keyboard.press('Enter');
    await panel.title('Netwerk van Jan Pietersen');
    await tabTo(panel, 'Patiëntnummer in uw systeem');
    await panel.page.keyboard.type('HIS-1');
    await panel.page.keyboard.press('Enter');
    await panel.status('De patiëntenkaart is gekoppeld.');
  });

  it('the training switch works by keyboard', async () => {
    await panel.page.getByLabel('Werken als').focus();
    expect(await focusVisible(panel)).toBe(true);
    await panel.page.getByLabel('Werken als').selectOption('p-visser');
    await panel.page.keyboard.press('Tab');
    await panel.page.keyboard.press('Enter');
    await actingAs(panel.page, 'Mark Visser');
  });

  it.each(['Mijn lijst', 'Cliënten', 'Adresboek'])('nothing overflows sideways at 320 px: %s', async (screen) => {
    await panel.go(new RegExp(`^${screen}`));
    await panel.title(screen);
    const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await panel.accessible(`${screen} at 320 px`);
  });
});
