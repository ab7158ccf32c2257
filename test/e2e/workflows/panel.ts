import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchExtension, type ExtensionBrowser } from '../support/extension';

/**
 * Waits until the banner names who acts. Only the "who am I" line counts: the
 * training switch in the same banner lists every demo person as an option.
 */
export async function actingAs(page: Page, name: string) {
  await page.getByRole('banner').locator('.whoami .name').getByText(name, { exact: true }).waitFor();
}

/**
 * A page object for the side panel in training mode: what a user sees and
 * does, by role and label. Every step waits for what the user would wait for.
 */
export class Panel {
  private constructor(readonly browser: ExtensionBrowser, readonly page: Page) {}

  /** `at` fixes the page's clock (for screenshots that do not change with every run). */
  static async open(width = 400, at?: Date): Promise<Panel> {
    const browser = await launchExtension();
    if (at) await browser.context.clock.setFixedTime(at);
    const page = await browser.openPanel(width);
    const panel = new Panel(browser, page);
    await panel.nav.waitFor();
    return panel;
  }

  /** A panel the test opened itself (e.g. in server mode, where signing in comes first). */
  static of(browser: ExtensionBrowser, page: Page): Panel {
    return new Panel(browser, page);
  }

  close() {
    return this.browser.close();
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Hoofdmenu' });
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }

  /** The live region's confirmation, or its refusal. */
  async status(text: string | RegExp) {
    await this.page.getByRole('status').getByText(text).waitFor();
  }

  async refusal(text: string | RegExp) {
    await this.page.getByRole('alert').getByText(text).waitFor();
  }

  async title(name: string | RegExp, timeout?: number) {
    await this.main.getByRole('heading', { level: 2, name }).waitFor({ timeout });
  }

  /** Training switch: act as another demo person (by id) and wait for their own list. */
  async actAs(personId: string, name: string) {
    await this.page.getByLabel('Werken als').selectOption(personId);
    await this.page.getByRole('button', { name: 'Wisselen' }).click();
    await actingAs(this.page, name);
    await this.title('Mijn lijst');
  }

  async go(item: string | RegExp) {
    await this.nav.getByRole('button', { name: item }).click();
  }

  async openInbox(name: string) {
    await this.go(new RegExp(`^${name}`));
    await this.title(name);
  }

  /** The rows of the list on screen (subject and meta), as text. */
  async rows(): Promise<string[]> {
    // The list says when it is loading (aria-busy); read it once it is done.
    const list = this.main.getByRole('list', { name: 'Gesprekken' }).and(this.main.locator('[aria-busy="false"]'));
    await list.waitFor({ state: 'attached' });
    return list.getByRole('listitem').allInnerTexts();
  }

  async openConversation(subject: string) {
    await this.main.getByRole('button', { name: new RegExp(subject) }).first().click();
    await this.title(subject);
  }

  async openClient(name: string) {
    await this.go('Cliënten');
    await this.title('Cliënten');
    await this.main.getByRole('button', { name: new RegExp(name) }).click();
    await this.title(name);
  }

  async recordConsent(carer?: { name: string; relation: string }) {
    const consent = this.main.getByRole('region', { name: 'Toestemming' });
    if (carer) {
      await consent.getByLabel('Een mantelzorger namens de cliënt').check();
      await consent.getByLabel('Naam mantelzorger').fill(carer.name);
      await consent.getByLabel('Relatie tot de cliënt').fill(carer.relation);
    }
    await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await this.status(/Toestemming vastgelegd met tekstversie/);
  }

  async createNetwork(clientName: string) {
    await this.main.getByRole('button', { name: 'Netwerk aanmaken' }).click();
    await this.title(`Netwerk van ${clientName}`);
  }

  checklistStep(step: string): Locator {
    return this.main.getByRole('region', { name: /^Stappen/ }).getByRole('listitem').filter({ hasText: step });
  }

  async startConversation(o: { org: string; subject: string; text: string; expectProposed?: string }) {
    await this.main.getByRole('button', { name: 'Nieuw gesprek' }).click();
    await this.title('Nieuw gesprek');
    await this.main.getByLabel('Organisatie').selectOption({ label: o.org });
    if (o.expectProposed) {
      await this.main.getByText(`Voorgesteld: ${o.expectProposed}.`).waitFor();
      expect(await this.main.getByRole('checkbox', { name: new RegExp(`^${o.expectProposed}`) }).isChecked()).toBe(true);
    }
    await this.main.getByLabel('Onderwerp').fill(o.subject);
    await this.main.getByLabel('Eerste bericht').fill(o.text);
    await this.main.getByRole('button', { name: 'Gesprek starten' }).click();
    await this.title(o.subject);
  }

  async send(text: string) {
    const box = this.main.getByLabel('Bericht', { exact: true });
    await box.fill(text);
    await box.press('Control+Enter');
    await this.messages().filter({ hasText: text }).first().waitFor();
  }

  /** R20: pastes a file into the message box, as a screenshot from the record system arrives. */
  async pasteFile(name: string, type: string, bytes: Uint8Array) {
    await this.main.getByLabel('Bericht', { exact: true }).evaluate((box, f) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, { name, type, b64: Buffer.from(bytes).toString('base64') });
  }

  /** R20: picks a file with the composer's file button. */
  async attachFile(name: string, type: string, bytes: Uint8Array) {
    await this.main.locator('form.composer input[type="file"]').setInputFiles({ name, mimeType: type, buffer: Buffer.from(bytes) });
  }

  messages(): Locator {
    return this.main.getByRole('list', { name: 'Berichten' }).getByRole('listitem');
  }

  async participants(): Promise<string> {
    const summary = this.main.getByText(/^Deelnemers \(\d+\)$/);
    await summary.click();
    const text = await this.main.getByRole('group').filter({ hasText: /^Deelnemers \(\d+\)/ }).innerText();
    await summary.click();
    return text;
  }

  /** axe-core on the screen as it is now: no serious or critical violations. */
  async accessible(screen: string) {
    const violations = await seriousViolations(this.page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
}

/**
 * A starting point several workflows share: home care (Yusuf Yilmaz) records
 * consent for Maria Hendriks, creates her network and writes to the GP
 * practice, whose shared inbox "Doktersassistentes" is proposed (R17).
 */
export async function homeCareWritesToPractice(panel: Panel, subject: string, text: string) {
  await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
  await writesToPractice(panel, subject, text);
}

/** The same, by whoever is signed in to the panel (a home-care professional). */
export async function writesToPractice(panel: Panel, subject: string, text: string) {
  await panel.openClient('Maria Hendriks');
  await panel.recordConsent({ name: 'Kees Hendriks', relation: 'zoon' });
  await panel.createNetwork('Maria Hendriks');
  await panel.startConversation({ org: 'Huisartsenpraktijk Lombok', expectProposed: 'Doktersassistentes', subject, text });
}
