/**
 * The type of a file from its first bytes, for the types taken in (R20) and HEIC (refused with its own
 * answer): training mode's detector, where the browser's background must wake fast and file-type's
 * hundred detectors would add a quarter to its code. The server uses file-type itself; a test holds the
 * two to the same answers (test/unit/service/sniff.test.ts).
 */
export function sniffType(b: Uint8Array): string | undefined {
  const at = (offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, '%PDF')) return 'application/pdf';
  if (ascii(4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (['heic', 'heix', 'heim', 'heis'].includes(brand)) return 'image/heic';
    if (['mif1', 'msf1', 'hevc', 'hevx'].includes(brand)) return 'image/heif';
  }
  return undefined;
}
