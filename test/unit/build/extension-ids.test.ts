import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, CHROME_PUBLIC_KEY, chromeIdOf, FIREFOX_EXTENSION_ID } from '../../../scripts/extension-ids';

describe('the extension ids IT writes policies for', () => {
  it('the Chrome/Edge id is the one the manifest key gives', () => {
    expect(chromeIdOf(CHROME_PUBLIC_KEY)).toBe(CHROME_EXTENSION_ID);
  });

  it('the README names both ids', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(CHROME_EXTENSION_ID);
    expect(readme).toContain(FIREFOX_EXTENSION_ID);
  });
});
