import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../lib/domain/refusals';
import { createI18n, fill, loadI18n, type Dictionary } from '../../lib/i18n';
import { readFileSync } from 'node:fs';
import { en as enCore } from '../../lib/i18n/en';
import { enScreens } from '../../lib/i18n/en-screens';
import { nl as nlCore } from '../../lib/i18n/nl';
import { nlScreens } from '../../lib/i18n/nl-screens';

const nl = { ...nlCore, ...nlScreens };
const en = { ...enCore, ...enScreens };

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The type system refuses a dictionary that misses a key (and en.ts is checked with `satisfies Dictionary`).
// @ts-expect-error a dictionary without every key does not type-check
const incomplete: Dictionary = { 'app.title': 'Netwerkzorg' };
void incomplete;

describe('dictionaries', () => {
  it('the first-load and the screens\' parts have the same keys in Dutch and English, and share none', () => {
    expect(Object.keys(enCore).sort()).toEqual(Object.keys(nlCore).sort());
    expect(Object.keys(enScreens).sort()).toEqual(Object.keys(nlScreens).sort());
    expect(Object.keys(nlCore).filter((k) => k in nlScreens)).toEqual([]);
  });

  it('every text an eagerly loaded view or the background uses is in the first-load part', () => {
    const eager = ['components/App.tsx', 'components/Nav.tsx', 'components/InboxScreen.tsx', 'components/SignIn.tsx', 'components/StatusRegion.tsx',
      'components/TrainingBar.tsx', 'components/ui.tsx', 'components/CurrentClient.tsx', 'embed/EmbedApp.tsx', 'lib/notify/attention.ts'];
    const used = eager.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\(['`]([a-zA-Z]+\.[\w.-]+)['`]/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => !(k in nlCore))).toEqual([]);
  });

  it('loads the screens\' texts when asked, once, into the same dictionary', async () => {
    const i18n = await loadI18n('en');
    expect(i18n.screensLoaded).toBe(false);
    expect(i18n.t('admin.title')).toBe('admin.title');
    await Promise.all([i18n.loadScreens(), i18n.loadScreens()]);
    expect(i18n.screensLoaded).toBe(true);
    expect(i18n.t('admin.title')).toBe(enScreens['admin.title']);
  });

  it('Dutch and English have exactly the same keys', () => {
    const missingInEn = Object.keys(nl).filter((k) => !(k in en));
    const missingInNl = Object.keys(en).filter((k) => !(k in nl));
    expect({ missingInEn, missingInNl }).toEqual({ missingInEn: [], missingInNl: [] });
  });

  it('every message has the same placeholders in both languages, and no empty text', () => {
    const keys = Object.keys(nl) as (keyof typeof nl)[];
    const wrong = keys.filter((k) => placeholders(en[k]).join() !== placeholders(nl[k]).join());
    const empty = keys.filter((k) => !nl[k].trim() || !en[k].trim());
    expect({ wrong, empty }).toEqual({ wrong: [], empty: [] });
  });

  it('every refusal a user can meet (lib/domain) reads in Dutch and English, each its own text', () => {
    const nlI18n = createI18n('nl', nlCore);
    const enI18n = createI18n('en', enCore);
    for (const code of REFUSAL_CODES) {
      expect(nlI18n.refusal(code), code).toMatch(/\S{3}/);
      expect(enI18n.refusal(code), code).toMatch(/\S{3}/);
      expect(enI18n.refusal(code), code).not.toBe(nlI18n.refusal(code));
    }
    expect(new Set(REFUSAL_CODES.map((c) => nlI18n.refusal(c))).size).toBe(REFUSAL_CODES.length);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} ongelezen', { n: 3 })).toBe('3 ongelezen');
    expect(fill('Hallo {name}', {})).toBe('Hallo {name}');
  });

  it('loads English only when chosen; Dutch is the default', async () => {
    expect((await loadI18n('en')).t('nav.own')).toBe('My list');
    expect((await loadI18n('nl')).t('nav.own')).toBe('Mijn lijst');
    expect(createI18n('nl').t('nav.unread', { n: 2 })).toBe('2 ongelezen');
    expect(createI18n('nl', nlCore, nlScreens).maybe('audit.readClient')).toBe('Cliënt ingezien');
    expect(createI18n('nl').maybe('audit.unknownAction')).toBeUndefined();
  });
});
