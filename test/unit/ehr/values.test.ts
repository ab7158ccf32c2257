import { describe, expect, it } from 'vitest';
import { bsnDigits, parseBirthDate } from '../../../lib/ehr/values';

describe('birth dates as record systems show them', () => {
  it.each([
    ['1941-03-12', '1941-03-12'],
    ['12-03-1941', '1941-03-12'],
    ['2-11-1938', '1938-11-02'],
    ['12/03/1941', '1941-03-12'],
    ['12.03.1941', '1941-03-12'],
    ['geb. 20-06-1950 (75 jr)', '1950-06-20'],
    ['12 maart 1941', '1941-03-12'],
    ['12 mrt. 1941', '1941-03-12'],
    ['9 Januari 1935', '1935-01-09'],
    ['29-02-1944', '1944-02-29'],
  ])('%s is %s', (shown, iso) => {
    expect(parseBirthDate(shown)).toBe(iso);
  });

  it.each(['', 'onbekend', '12-03-41', '31-04-1941', '29-02-1941', '12 brumaire 1941', '1941-13-01', '01-01-1700'])('%j is no birth date', (shown) => {
    expect(parseBirthDate(shown)).toBeUndefined();
  });
});

describe('BSN digits', () => {
  it.each([
    ['111222333', '111222333'],
    ['1112.22.333', '111222333'],
    ['111 222 333', '111222333'],
    ['111-222-333', '111222333'],
    ['12345672', '012345672'],
    ['onbekend', undefined],
    ['', undefined],
    ['BSN 12a', 'BSN12a'],
  ])('%j gives %j', (shown, digits) => {
    expect(bsnDigits(shown)).toBe(digits);
  });
});
