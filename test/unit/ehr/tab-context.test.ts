import { describe, expect, it } from 'vitest';
import type { ClientContext } from '../../../lib/ehr/schema';
import { createTabContexts, mismatch, normaliseName } from '../../../lib/ehr/tab-context';

const jan: ClientContext = {
  adapterId: 'praktijkdossier-demo', system: 'Praktijkdossier Demo', kind: 'his',
  name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333', patientRef: '100231',
};
const maria: ClientContext = { ...jan, name: 'Maria Hendriks', birthDate: '1938-11-02', bsn: '123456782', patientRef: '100417' };

describe('the client on screen per tab', () => {
  it('answers for the active tab only', () => {
    const tabs = createTabContexts();
    tabs.remember(1, { ok: true, context: jan });
    tabs.remember(2, { ok: true, context: maria });
    expect(tabs.contextFor(1)).toEqual(jan);
    expect(tabs.contextFor(2)).toEqual(maria);
    expect(tabs.contextFor(3)).toBeUndefined();
    expect(tabs.contextFor(undefined)).toBeUndefined();
  });

  it('forgets a tab that now shows no client, or was closed', () => {
    const tabs = createTabContexts();
    tabs.remember(1, { ok: true, context: jan });
    tabs.remember(1, { ok: false, reason: 'bsn-invalid' });
    expect(tabs.contextFor(1)).toBeUndefined();
    tabs.remember(2, { ok: true, context: maria });
    tabs.forget(2);
    expect(tabs.contextFor(2)).toBeUndefined();
  });
});

describe('does the record on screen belong to the network\'s client?', () => {
  const { bsn: _bsn, ...janWithoutBsn } = jan;
  it.each([
    ['same BSN', jan, { name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333' }, false],
    ['same BSN, name written otherwise', jan, { name: 'J. Pietersen', birthDate: '1941-03-12', bsn: '111222333' }, false],
    ['another BSN, same name and birth date', jan, { name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '123456782' }, true],
    ['no BSN in the network: name and birth date agree', jan, { name: 'Jan Pietersen', birthDate: '1941-03-12' }, false],
    ['no BSN on screen: name and birth date agree', janWithoutBsn, { name: 'Pietersen, Jan', birthDate: '1941-03-12', bsn: '111222333' }, false],
    ['no BSN: another birth date', janWithoutBsn, { name: 'Jan Pietersen', birthDate: '1941-03-13' }, true],
    ['no BSN: another name', janWithoutBsn, { name: 'Maria Hendriks', birthDate: '1941-03-12' }, true],
    ['another client altogether', maria, { name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333' }, true],
  ])('%s → mismatch %s', (_what, context, client, expected) => {
    expect(mismatch(context, client)).toBe(expected);
  });

  it.each([
    ['Jan Pietersen', 'jan pietersen'],
    ['Pietersen, Jan', 'jan pietersen'],
    ['  José   Ñúñez ', 'jose nunez'],
    ['de Wit, G.J.', 'g j de wit'],
  ])('%j is compared as %j', (name, normal) => {
    expect(normaliseName(name)).toBe(normal);
  });
});
