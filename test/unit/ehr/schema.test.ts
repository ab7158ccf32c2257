import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS, matchPatternsFor, withBuiltIns } from '../../../lib/ehr/adapters';
import { parseAdapters, type EhrAdapter } from '../../../lib/ehr/schema';

const example = {
  id: 'mijn-his',
  system: 'Mijn HIS',
  kind: 'his',
  match: { hosts: ['*.mijnhis.nl', 'his.praktijk.local:8443'], path: '^/patient/', selector: '#patientbanner' },
  fields: {
    name: { from: 'element', selector: '#patientbanner .naam' },
    birthDate: { from: 'label', label: ['Geboortedatum', 'Geb.datum'], within: '#patientbanner' },
    bsn: { from: 'element', selector: '#patientbanner', attribute: 'data-bsn' },
    patientRef: [{ from: 'url', pattern: '/patient/(\\d+)' }, { from: 'query', param: 'patientId' }],
  },
};

describe('adapters from configuration', () => {
  it('accepts JSON text and parsed values alike', () => {
    expect(parseAdapters(JSON.stringify([example]))).toMatchObject({ ok: true, adapters: [{ id: 'mijn-his' }] });
    expect(parseAdapters([example])).toMatchObject({ ok: true, adapters: [{ fields: { patientRef: [{ part: 'path' }, {}] } }] });
  });

  it('round-trips the built-in adapters through JSON', () => {
    expect(parseAdapters(JSON.stringify(BUILT_IN_ADAPTERS))).toEqual({ ok: true, adapters: BUILT_IN_ADAPTERS });
  });

  it.each([
    ['not JSON', '[{', 'not valid JSON'],
    ['not a list', '{}', '(root)'],
    ['an unknown field', [{ ...example, script: 'alert(1)' }], '0'],
    ['an invalid regular expression', [{ ...example, match: { ...example.match, path: '(' } }], '0.match.path: not a valid regular expression'],
    ['a host with a scheme', [{ ...example, match: { hosts: ['https://mijnhis.nl'] } }], '0.match.hosts.0'],
    ['no hosts', [{ ...example, match: { hosts: [] } }], '0.match.hosts'],
    ['an unknown source', [{ ...example, fields: { ...example.fields, name: { from: 'cookie', name: 'x' } } }], '0.fields.name'],
    ['an unknown kind', [{ ...example, kind: 'pharmacy' }], '0.kind'],
    ['a missing patient number', [{ ...example, fields: { name: example.fields.name, birthDate: example.fields.birthDate } }], '0.fields.patientRef'],
    ['the same id twice', [example, example], 'unique'],
  ])('refuses %s', (_what, input, issue) => {
    const parsed = parseAdapters(input);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.join('\n')).toContain(issue);
  });

  it('lets a configured adapter replace a built-in one by its id, and puts configured ones first', () => {
    const mine = { ...BUILT_IN_ADAPTERS[1]!, system: 'Ons Zorgdossier' };
    const other = { ...BUILT_IN_ADAPTERS[0]!, id: 'other' };
    expect(withBuiltIns([other, mine]).map((a) => `${a.id}/${a.system}`)).toEqual([
      'other/Praktijkdossier Demo',
      'zorgdossier-demo/Ons Zorgdossier',
      'praktijkdossier-demo/Praktijkdossier Demo',
    ]);
  });

  it('asks host permission without ports (match patterns ignore them)', () => {
    const parsed = parseAdapters([example]) as { ok: true; adapters: EhrAdapter[] };
    expect(matchPatternsFor(parsed.adapters[0]!)).toEqual(['*://*.mijnhis.nl/*', '*://his.praktijk.local/*']);
  });
});
