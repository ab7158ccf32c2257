import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { parseExtensionIds, returnAllowed } from '../../server/auth/oidc/return-url';

const SERVER = 'https://zorg.example.nl';
const OWN_CHROME = 'abcdefghijklmnopabcdefghijklmnop';

describe('where a sign-in through the provider may return (issue 15)', () => {
  it('the built-in extension ids, and the server\'s own popup return page only', () => {
    expect(returnAllowed('https://cbdochepajajcahpomnhehgjmgccdjih.chromiumapp.org/sso', SERVER)).toBe(true);
    expect(returnAllowed(`${SERVER}/embed/signed-in`, SERVER)).toBe(true);
    expect(returnAllowed(`${SERVER}/embed/?org=x`, SERVER)).toBe(false);
    expect(returnAllowed(`https://${OWN_CHROME}.chromiumapp.org/sso`, SERVER)).toBe(false);
  });

  it('an organisation\'s own build (NZ_SSO_EXTENSION_IDS): its Chrome id and its Firefox add-on id are added, nothing else', () => {
    const ids = parseExtensionIds(` ${OWN_CHROME}, netwerkzorg@zorg.example.nl `);
    expect(ids).toEqual([OWN_CHROME, 'netwerkzorg@zorg.example.nl']);
    expect(returnAllowed(`https://${OWN_CHROME}.chromiumapp.org/sso`, SERVER, ids)).toBe(true);
    // Firefox's identity address: the SHA-1 of the add-on id, in hex.
    const firefoxHost = createHash('sha1').update('netwerkzorg@zorg.example.nl').digest('hex');
    expect(returnAllowed(`https://${firefoxHost}.extensions.allizom.org/`, SERVER, ids)).toBe(true);
    expect(returnAllowed(`https://${firefoxHost}.extensions.allizom.org/`, SERVER)).toBe(false);
    expect(returnAllowed('http://' + `${OWN_CHROME}.chromiumapp.org/sso`, SERVER, ids)).toBe(false);
    expect(returnAllowed(`https://${OWN_CHROME}.chromiumapp.org:444/sso`, SERVER, ids)).toBe(false);
  });

  it('refuses a value that is no extension id, and says which', () => {
    expect(() => parseExtensionIds('abc, https://evil.example')).toThrow(/abc, https:\/\/evil\.example/);
    expect(parseExtensionIds(undefined)).toEqual([]);
    expect(configFromEnv({ NZ_SSO_EXTENSION_IDS: OWN_CHROME, NZ_TOTP_KEY: 'a'.repeat(64) }).ssoExtensionIds).toEqual([OWN_CHROME]);
  });
});
