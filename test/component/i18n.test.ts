import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../lib/domain/refusals';
import { createI18n, fill, loadI18n, type Dictionary } from '../../lib/i18n';
import { en } from '../../lib/i18n/en';
import { nl } from '../../lib/i18n/nl';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The type system refuses a dictionary that misses a key (and en.ts is checked with `satisfies Dictionary`).
// @ts-expect-error a dictionary without every key does not type-check
const incomplete: Dictionary = { 'app.title': 'Netwerkzorg' };
void incomplete;

describe('dictionaries', () => {
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
    const nlI18n = createI18n('nl', nl);
    const enI18n = createI18n('en', en);
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
    expect(createI18n('nl').maybe('audit.readClient')).toBe('Cliënt ingezien');
    expect(createI18n('nl').maybe('audit.unknownAction')).toBeUndefined();
  });
});
