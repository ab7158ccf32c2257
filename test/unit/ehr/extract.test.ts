// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from '../../../lib/ehr/adapters';
import { readClientContext } from '../../../lib/ehr/extract';
import { EhrAdapter, type EhrAdapterInput, type ReadResult } from '../../../lib/ehr/schema';
import { demoPage, ECD, HIS, page } from './fixtures';

const his = { adapterId: 'praktijkdossier-demo', system: 'Praktijkdossier Demo', kind: 'his' } as const;
const ecd = { adapterId: 'zorgdossier-demo', system: 'Zorgdossier Demo', kind: 'ecd' } as const;

describe('reading the client from the demo record systems', () => {
  it.each([
    ['his/patient-1.html', `${HIS}patient-1.html`, { ...his, name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333', patientRef: '100231' }],
    ['his/patient-2.html', `${HIS}patient-2.html`, { ...his, name: 'Maria Hendriks', birthDate: '1938-11-02', bsn: '123456782', patientRef: '100417' }],
    ['his/patient-3.html', `${HIS}patient-3.html`, { ...his, name: 'Ahmed Bouzid', birthDate: '1950-06-20', bsn: '234567806', patientRef: '100588' }],
    ['ecd/client-40117.html', `${ECD}clienten/40117`, { ...ecd, name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333', patientRef: '40117' }],
    ['ecd/client-40233.html', `${ECD}clienten/40233`, { ...ecd, name: 'Maria Hendriks', birthDate: '1938-11-02', bsn: '123456782', patientRef: '40233' }],
    ['ecd/client-40117.html', `${ECD}client-40117.html`, { ...ecd, name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333', patientRef: '40117' }],
    // No BSN in the home-care record yet: still the client on screen, identified by name and birth date.
    ['ecd/client-40391.html', `${ECD}clienten/40391`, { ...ecd, name: 'Truus de Wit', birthDate: '1935-01-09', patientRef: '40391' }],
  ])('%s at %s', (file, url, context) => {
    expect(readClientContext(demoPage(file), url, BUILT_IN_ADAPTERS)).toEqual({ ok: true, context });
  });

  it.each<[string, string, ReadResult]>([
    ['his/patient-4.html', `${HIS}patient-4.html`, { ok: false, reason: 'bsn-invalid', system: 'Praktijkdossier Demo' }],
    ['his/index.html', HIS, { ok: false, reason: 'no-client', system: 'Praktijkdossier Demo' }],
    ['ecd/index.html', ECD, { ok: false, reason: 'no-client', system: 'Zorgdossier Demo' }],
    ['ecd/client-40117.html', `${ECD}dossier`, { ok: false, reason: 'patient-ref-missing', system: 'Zorgdossier Demo' }],
    ['his/patient-1.html', 'https://example.org/his/patient-1.html', { ok: false, reason: 'no-adapter' }],
    // The home-care adapter applies to the path, but the page is not its system's.
    ['his/patient-1.html', `${ECD}clienten/40117`, { ok: false, reason: 'no-adapter' }],
  ])('%s at %s gives no client', (file, url, result) => {
    expect(readClientContext(demoPage(file), url, BUILT_IN_ADAPTERS)).toEqual(result);
  });
});

const adapter = (fields: Partial<EhrAdapterInput['fields']>, match: Partial<EhrAdapterInput['match']> = {}) =>
  EhrAdapter.parse({
    id: 'test',
    system: 'Test',
    kind: 'ecd',
    match: { hosts: ['ehr.example.nl'], ...match },
    fields: {
      name: { from: 'element', selector: '#naam' },
      birthDate: { from: 'element', selector: '#geb' },
      patientRef: { from: 'query', param: 'id' },
      ...fields,
    },
  });
const basic = '<b id="naam">Jan Pietersen</b><i id="geb">12-03-1941</i>';

describe('configured adapters', () => {
  it.each<[string, EhrAdapter, string, string, string]>([
    ['a query parameter', adapter({}), basic, 'https://ehr.example.nl/c?id=77', '77'],
    ['a fragment', adapter({ patientRef: { from: 'url', part: 'hash', pattern: 'client=(\\w+)' } }), basic, 'https://ehr.example.nl/#client=A12', 'A12'],
    ['the first of several sources that has a value', adapter({ patientRef: [{ from: 'element', selector: '#none' }, { from: 'query', param: 'nr' }] }), basic, 'https://ehr.example.nl/?nr=5', '5'],
    [
      'a form field beside its label',
      adapter({ patientRef: { from: 'label', label: 'Cliëntnummer' } }),
      `${basic}<label for="nr">Cliëntnummer:</label><input id="nr" value="C-9">`,
      'https://ehr.example.nl/',
      'C-9',
    ],
    [
      'a table row',
      adapter({ patientRef: { from: 'label', label: 'nummer', within: 'table' } }),
      `${basic}<table><tr><th>Nummer</th><td> 4 4 </td></tr></table>`,
      'https://ehr.example.nl/',
      '4 4',
    ],
  ])('read the patient number from %s', (_what, a, html, url, patientRef) => {
    const result = readClientContext(page(html), url, [a]);
    expect(result).toMatchObject({ ok: true, context: { patientRef } });
  });

  it.each([
    ['a host with its port', ['ehr.example.nl:8443'], 'https://ehr.example.nl:8443/?id=1', true],
    ['another port', ['ehr.example.nl:8443'], 'https://ehr.example.nl/?id=1', false],
    ['the default port', ['ehr.example.nl:443'], 'https://ehr.example.nl/?id=1', true],
    ['a subdomain of a wildcard', ['*.example.nl'], 'https://ehr.example.nl/?id=1', true],
    ['the wildcard domain itself', ['*.example.nl'], 'https://example.nl/?id=1', true],
    ['a look-alike domain', ['*.example.nl'], 'https://evilexample.nl/?id=1', false],
  ])('matches %s: %s', (_what, hosts, url, applies) => {
    expect(readClientContext(page(basic), url, [adapter({}, { hosts })]).ok).toBe(applies);
  });

  it('uses the first adapter that applies', () => {
    const first = { ...adapter({}), id: 'first', system: 'First' };
    expect(readClientContext(page(basic), 'https://ehr.example.nl/?id=1', [first, adapter({})])).toMatchObject({ context: { system: 'First' } });
  });

  it('finds nothing with a selector the browser cannot parse', () => {
    const a = adapter({ name: { from: 'element', selector: '#naam[' } });
    expect(readClientContext(page(basic), 'https://ehr.example.nl/?id=1', [a])).toMatchObject({ ok: false, reason: 'no-client' });
  });

  it('does not take a whole page caught by too broad a selector as a name', () => {
    const a = adapter({ name: { from: 'element', selector: 'body' } });
    const html = `${basic}<p>${'journaalregel '.repeat(40)}</p>`;
    expect(readClientContext(page(html), 'https://ehr.example.nl/?id=1', [a])).toMatchObject({ ok: false, reason: 'no-client' });
  });

  it.each([
    ['no birth date', '<b id="naam">Jan</b>'],
    ['an impossible date', '<b id="naam">Jan</b><i id="geb">31-02-1941</i>'],
  ])('refuses a client with %s', (_what, html) => {
    expect(readClientContext(page(html), 'https://ehr.example.nl/?id=1', [adapter({})])).toMatchObject({ ok: false, reason: 'birth-date-missing' });
  });

  it.each([
    ['a valid BSN with separators', '1112.22.333', { ok: true, context: { bsn: '111222333' } }],
    ['an eight-digit BSN that lost its leading zero', '12345672', { ok: true, context: { bsn: '012345672' } }],
    ['no digits at all as no BSN', 'onbekend', { ok: true, context: expect.not.objectContaining({ bsn: expect.anything() }) }],
    ['a BSN failing the 11-test', '111222334', { ok: false, reason: 'bsn-invalid' }],
    ['too few digits', '1234', { ok: false, reason: 'bsn-invalid' }],
  ])('reads %s', (_what, shown, expected) => {
    const a = adapter({ bsn: { from: 'element', selector: '#bsn' } });
    expect(readClientContext(page(`${basic}<s id="bsn">${shown}</s>`), 'https://ehr.example.nl/?id=1', [a])).toMatchObject(expected);
  });
});
