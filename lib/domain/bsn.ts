/**
 * The Dutch citizen service number (BSN) is nine digits that pass the
 * "11-test": 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be a multiple of 11.
 * A number that fails it is a typo, never a person.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(value[i]);
  sum -= Number(value[8]);
  return sum % 11 === 0 && value !== '000000000';
}
