import { fileTypeFromBuffer } from 'file-type';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffType } from '../../../lib/service/sniff';
import { heic, htmlAsJpeg, pdf, photoWithExif, svgWithScript } from '../../fixtures/files';

const fileType = async (b: Uint8Array) => (await fileTypeFromBuffer(b))?.mime;
/** What matters of an answer: the types taken in and HEIC; anything else is refused alike. */
const asSeen = (mime: string | undefined) =>
  mime && ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'image/heic', 'image/heif'].includes(mime) ? mime : 'other';

describe('R20: training mode\'s type detector answers as file-type does', () => {
  it('R20: for photos, documents, HEIC and what is refused (HTML named .jpg, SVG with a script, GIF, ZIP)', async () => {
    const square = sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } });
    const samples = [
      await photoWithExif(40, 30), new Uint8Array(await square.clone().png().toBuffer()), new Uint8Array(await square.clone().webp().toBuffer()),
      new Uint8Array(await square.clone().gif().toBuffer()), pdf().bytes, heic().bytes, htmlAsJpeg().bytes, svgWithScript().bytes,
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new Array(40).fill(0)]),
    ];
    for (const s of samples) expect(asSeen(sniffType(s)), `${[...s.subarray(0, 12)]}`).toBe(asSeen(await fileType(s)));
  });

  it('R20: for random bytes, and random bytes behind each known signature: where file-type sees no photo, the photo does not decode either', async () => {
    const heads = [[], [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [...Buffer.from('%PDF-1.7\n')], [...Buffer.from('RIFF')]];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...heads), fc.uint8Array({ minLength: 0, maxLength: 300 }), async (head, rest) => {
      const bytes = new Uint8Array([...head, ...rest]);
      const byFileType = asSeen(await fileType(bytes));
      const bySniff = asSeen(sniffType(bytes));
      if (byFileType !== 'other') expect(bySniff).toBe(byFileType);
      // A signature with nonsense behind it, which file-type looks past: it is no picture, and cleaning refuses it.
      else if (bySniff.startsWith('image/')) await expect(sharp(bytes).raw().toBuffer()).rejects.toThrow();
      else expect(bySniff).toBe('other');
    }), { numRuns: 300 });
  });
});
