import { ATTACHMENT_LIMITS, type AcceptedType } from '../../domain';
import type { CleanedImage, ImageCleaner } from '../../service/files';

async function draw(bitmap: ImageBitmap, side: number, type: string, quality: number): Promise<{ blob: Blob; width: number; height: number }> {
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  g.drawImage(bitmap, 0, 0, width, height);
  return { blob: await canvas.convertToBlob({ type, quality }), width, height };
}

const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

/**
 * R20 in training mode: the browser decodes the photo (turned upright by its EXIF orientation) and a
 * canvas encodes its pixels anew, so nothing of the original's metadata survives. (A browser that cannot
 * encode WebP answers PNG: the type stored is what came out.)
 */
export const canvasCleaner: ImageCleaner = {
  async clean(bytes, type): Promise<CleanedImage> {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), { imageOrientation: 'from-image' });
    try {
      const full = await draw(bitmap, ATTACHMENT_LIMITS.maxSide, type, 0.85);
      const thumb = await draw(bitmap, ATTACHMENT_LIMITS.thumbSide, 'image/jpeg', 0.75);
      const out = (full.blob.type || type) as AcceptedType;
      return {
        bytes: await bytesOf(full.blob), type: out, width: full.width, height: full.height,
        thumbnail: { bytes: await bytesOf(thumb.blob), type: thumb.blob.type || 'image/jpeg' },
      };
    } finally {
      bitmap.close();
    }
  },
};
