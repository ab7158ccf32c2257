import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './support/extension';

describe('the built extension', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads in Chromium and opens its side panel page in Dutch', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const page = await browser.openPanel();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await expect.poll(() => page.getByRole('heading').first().textContent()).toContain('Netwerkzorg');
  });
});
