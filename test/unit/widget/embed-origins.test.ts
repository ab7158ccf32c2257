import { describe, expect, it } from 'vitest';
import { DEMO_EMBED_ORIGINS, originsFor, parseEmbedOrigins } from '../../../server/embed-origins';

describe('NZ_EMBED_ORIGINS: which intranet origins may show an organisation\'s widget', () => {
  it('reads organisations separated by ";" and origins by commas or spaces', () => {
    expect(parseEmbedOrigins('org-hap-lombok=https://intranet.lombok.nl,http://127.0.0.1:8790; org-zorgzaam = https://start.zorgzaam.nl https://portaal.zorgzaam.nl:8443', false)).toEqual({
      'org-hap-lombok': ['https://intranet.lombok.nl', 'http://127.0.0.1:8790'],
      'org-zorgzaam': ['https://start.zorgzaam.nl', 'https://portaal.zorgzaam.nl:8443'],
    });
  });

  it('without the variable: the demo intranet for the demo practice when the demo region is on, nothing otherwise', () => {
    expect(parseEmbedOrigins(undefined, true)).toEqual(DEMO_EMBED_ORIGINS);
    expect(parseEmbedOrigins(undefined, false)).toEqual({});
    expect(parseEmbedOrigins('', true)).toEqual({});
  });

  it.each([
    'org-hap-lombok=*',
    'org-hap-lombok=https://*.lombok.nl',
    'org-hap-lombok=https://intranet.lombok.nl/',
    'org-hap-lombok=https://intranet.lombok.nl/start',
    'org-hap-lombok=intranet.lombok.nl',
    'org-hap-lombok=javascript:alert(1)',
    'org-hap-lombok=https://user@intranet.lombok.nl',
    "org-hap-lombok='self'",
    'https://intranet.lombok.nl',
    'org hap=https://intranet.lombok.nl',
  ])('refuses %j (a typo must stop the server, not open it)', (value) => {
    expect(() => parseEmbedOrigins(value, false)).toThrow(/NZ_EMBED_ORIGINS/);
  });

  it('an unknown organisation, or a name that is not one, has no origins', () => {
    const config = parseEmbedOrigins('org-hap-lombok=https://intranet.lombok.nl', false);
    expect(originsFor(config, 'org-hap-lombok')).toEqual(['https://intranet.lombok.nl']);
    for (const org of ['org-zorgzaam', '', undefined, '__proto__', 'constructor', 'toString']) expect(originsFor(config, org)).toEqual([]);
    expect(originsFor(undefined, 'org-hap-lombok')).toEqual([]);
  });
});
