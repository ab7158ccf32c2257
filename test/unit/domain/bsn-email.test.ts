import { describe, expect, it } from 'vitest';
import { Bsn, emailDomain, FREE_MAIL_DOMAINS, isFreeMail, isOrganisationalEmail, isValidBsn } from '../../../lib/domain';

describe('BSN 11-test', () => {
  it.each([
    '111222333', // 9+8+7+12+10+8+9+6 − 3 = 66
    '123456782', // 156 − 2 = 154
    '999999990', // 396 − 0 = 396
    '234567806',
    '010000008', // a BSN may start with a zero: 8 − 8 = 0
  ])('accepts %s, which passes the 11-test', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
    expect(Bsn.safeParse(bsn).success).toBe(true);
  });

  it.each([
    ['123456789', 'fails the 11-test (sum 147)'],
    ['111222334', 'a one-digit typo of a valid number'],
    ['111223233', 'two digits swapped in a valid number'],
    ['000000000', 'all zeros passes the sum but is no person'],
    ['12345678', 'eight digits'],
    ['1234567820', 'ten digits'],
    ['12345678a', 'a letter'],
    ['123 456 782', 'spaces inside'],
    ['-23456782', 'a sign'],
    ['', 'empty'],
  ])('refuses %s (%s)', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
    expect(Bsn.safeParse(bsn).success).toBe(false);
  });

  it('the schema trims surrounding spaces before the test', () => {
    expect(Bsn.parse(' 123456782 ')).toBe('123456782');
  });
});

describe('R11 e-mail addresses', () => {
  it.each(FREE_MAIL_DOMAINS.map((d) => [d]))('R11: %s is a free-mail domain, never organisational', (domain) => {
    const email = `iemand@${domain}`;
    expect(isFreeMail(email)).toBe(true);
    // Even an organisation that registered it cannot use it.
    expect(isOrganisationalEmail(email, [domain])).toBe(false);
  });

  it.each(['gmail.com', 'hotmail.com', 'outlook.com', 'live.nl', 'icloud.com', 'ziggo.nl', 'kpnmail.nl'])(
    'R11: the list has %s, which the working agreements name',
    (d) => expect(FREE_MAIL_DOMAINS).toContain(d),
  );

  it.each(['iemand@GMAIL.COM', 'iemand@Hotmail.Com', 'iemand@mail.ziggo.nl', 'iemand@eu.outlook.com'])(
    'R11: %s is free mail too (any case, any subdomain of a free-mail domain)',
    (email) => expect(isFreeMail(email)).toBe(true),
  );

  it.each(['iemand@notgmail.com', 'iemand@gmail.com.praktijk.nl', 'iemand@ziggo.nl.example'])(
    'R11: %s only looks like free mail and is not on the list',
    (email) => expect(isFreeMail(email)).toBe(false),
  );

  it.each([
    ['j.jansen@delinde.nl', true],
    ['j.jansen@DeLinde.NL', true],
    ['j.jansen@wijk.delinde.nl', true],
    ['j.jansen@a.b.delinde.nl', true],
    ['j.jansen@rivierzorg.nl', true],
    ['j.jansen@evildelinde.nl', false],
    ['j.jansen@delinde.nl.evil.com', false],
    ['j.jansen@delinde.com', false],
    ['j.jansen@buurtteamoost.nl', false],
  ])('R11: %s is organisational for domains delinde.nl and rivierzorg.nl: %s', (email, expected) => {
    expect(isOrganisationalEmail(email, ['delinde.nl', 'RivierZorg.nl'])).toBe(expected);
  });

  it('takes the domain after the last @', () => {
    expect(emailDomain('"a@b"@Praktijk.NL')).toBe('praktijk.nl');
  });
});
