import sharp, { type Sharp } from 'sharp';
import { ATTACHMENT_LIMITS, type AcceptedType } from '../../lib/domain';
import type { CleanedImage, ImageCleaner } from '../../lib/service/files';

// No cache of decoded images: ten people uploading at once must not each leave a decoded photo behind.
sharp.cache(false);

/** A decompression bomb (a tiny file of a huge picture) is refused before it is decoded. */
const MAX_PIXELS = 50_000_000;
/**
 * How many photos are decoded at once; the others wait their turn. One: a decoded 12-megapixel photo is
 * 36 MB and its resized copy more, and libvips works on one with every core already.
 */
const AT_ONCE = 1;

const encoders: Record<Exclude<AcceptedType, 'application/pdf'>, (s: Sharp) => Sharp> = {
  // libjpeg-turbo, not mozjpeg: mozjpeg's files are a fifth smaller but take seven times as long (1 s for 12 MP here).
  'image/jpeg': (s) => s.jpeg({ quality: 85 }),
  'image/png': (s) => s.png({ compressionLevel: 8 }),
  'image/webp': (s) => s.webp({ quality: 85 }),
};

let running = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * R20 on the server: sharp decodes the photo and encodes new pixels in its own format. sharp keeps no
 * metadata unless asked (`keepMetadata`, `withMetadata`), so EXIF, GPS, XMP, IPTC and ICC comments are gone;
 * `rotate()` applies the EXIF orientation first, so the photo stays upright without it.
 */
export const sharpCleaner: ImageCleaner = {
  clean: (bytes, type) => inTurn(async (): Promise<CleanedImage> => {
    const encode = encoders[type as keyof typeof encoders];
    if (!encode) throw new Error(`not a photo: ${type}`);
    const upright = () => sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS }).rotate();
    const side = ATTACHMENT_LIMITS.maxSide;
    const full = await encode(upright().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }))
      .toBuffer({ resolveWithObject: true });
    const thumbSide = ATTACHMENT_LIMITS.thumbSide;
    const thumbnail = await sharp(full.data).resize({ width: thumbSide, height: thumbSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 }).toBuffer();
    return {
      bytes: new Uint8Array(full.data), type, width: full.info.width, height: full.info.height,
      thumbnail: { bytes: new Uint8Array(thumbnail), type: 'image/jpeg' },
    };
  }),
};
