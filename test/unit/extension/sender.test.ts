import { describe, expect, it } from 'vitest';
import { isOwnPage } from '../../../lib/extension/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;

describe('the background answers only the extension’s own pages', () => {
  it.each([
    ['the side panel', { id: ID, url: `${BASE}sidepanel.html` }, true],
    ['the options page', { id: ID, url: `${BASE}options.html` }, true],
    ['the side panel opened in a tab', { id: ID, url: `${BASE}sidepanel.html#x`, tab: { id: 3 } }, true],
    ['our own content script in an EHR page (same id, web URL)', { id: ID, url: 'http://127.0.0.1:8788/dossier/1' }, false],
    ['a content script in a page that names our origin in its path', { id: ID, url: `https://evil.example/${BASE}` }, false],
    ['another extension', { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: `chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/x.html` }, false],
    ['an id that extends ours', { id: ID, url: `chrome-extension://${ID}x/sidepanel.html` }, false],
    ['a sender without URL', { id: ID }, false],
    ['a sender without id', { url: `${BASE}sidepanel.html` }, false],
    ['no sender at all', undefined, false],
  ])('%s → %s', (_name, sender, expected) => {
    expect(isOwnPage(sender, ID, BASE)).toBe(expected);
  });

  it('works for Firefox’s moz-extension origin, with or without the trailing slash given', () => {
    const base = 'moz-extension://4b1c0e3a-1111-2222-3333-444455556666';
    expect(isOwnPage({ id: 'netwerkzorg@netwerkzorg.nl', url: `${base}/sidepanel.html` }, 'netwerkzorg@netwerkzorg.nl', base)).toBe(true);
    expect(isOwnPage({ id: 'netwerkzorg@netwerkzorg.nl', url: `${base}0/sidepanel.html` }, 'netwerkzorg@netwerkzorg.nl', base)).toBe(false);
  });

  it('refuses everything when the runtime id is unknown', () => {
    expect(isOwnPage({ id: '', url: `${BASE}sidepanel.html` }, '', BASE)).toBe(false);
  });
});
