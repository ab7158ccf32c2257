import { createHash } from 'node:crypto';

/**
 * The extension's ids, the same for every build, so an organisation's IT can write a policy once
 * (docs: README, "Deploying"). Chrome and Edge derive the id from the public key in the manifest's
 * `key`: without it the id would follow the folder an unpacked build was loaded from. This is the
 * public half only; the private key that signs packages stays outside the repository.
 */
export const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqxkkDg9NNdIc8r0uahl0NLV4AVXvhhJrFxQl0jYutp1QZECMC7FevGhA3RoQKu/AMZKgprKaRkZSzSD2dxLkyBOf+oT4ElYS9HC1kM2d9kZ7gS47QWMnhzPC+CcY38jRuk1OMGA7JDjksX0WHrjG0DZLhmhSpnP5dkacPymsITimUiRCdMMBq5iPYfzq8KPo9tCN6YsR1pKgXQU1gf3QlJy564nyYe8/JFeqb6bUtvLY3TWQRbIxMEO/1EUSNpu6TPDTb6h/1eZ8tRAYV1fn1KyUpLl63KWSaJGAVApkiLh6ZvR9kyLTcPcbqGQ+QqKsLRrHYigBxtjtcfXd5gCjrQIDAQAB';
export const CHROME_EXTENSION_ID = 'cbdochepajajcahpomnhehgjmgccdjih';
export const FIREFOX_EXTENSION_ID = 'netwerkzorg@netwerkzorg.nl';

/** Chrome's id of a public key (base64 DER): the first 128 bits of its SHA-256, in the letters a–p. */
export function chromeIdOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}
