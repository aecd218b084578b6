// Shrinks a photo from the camera on the device, before it is stored or sent: its longest side to at most
// 2000 px, as JPEG. A 12-megapixel photo of 4 MB becomes some 500 kB, which an old phone on a weak network sends.
import { MAX_PHOTO_SIDE, PHOTO_QUALITY, fitWithin } from './image-core.js';

/**
 * @param {Blob} file an image the browser can decode (JPEG, PNG, WebP; HEIC where the browser reads it)
 * @returns {Promise<Blob>} a JPEG
 */
export async function shrinkPhoto(file) {
  const image = await decode(file);
  try {
    const { width, height } = fitWithin(image.width, image.height, MAX_PHOTO_SIDE);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) {
      throw new Error('This browser cannot draw the photo.');
    }

    // JPEG has no transparency: what was transparent in a PNG becomes white, not black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(image.source, 0, 0, width, height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
    if (!blob) {
      throw new Error('This browser cannot save the photo as JPEG.');
    }

    // Free the canvas memory at once: old phones have little of it.
    canvas.width = 0;
    canvas.height = 0;
    return blob;
  } finally {
    image.close();
  }
}

/**
 * Decodes with createImageBitmap, which turns the photo upright by its EXIF orientation; falls back to an <img>
 * (which browsers also turn upright) where createImageBitmap is missing or cannot read the file.
 * @param {Blob} file
 * @returns {Promise<{ source: CanvasImageSource, width: number, height: number, close: () => void }>}
 */
async function decode(file) {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Fall through to <img>.
    }
  }

  const url = URL.createObjectURL(file);
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  try {
    await img.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw new Error('This file is not a photo the browser can read.', { cause: error });
  }

  return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
}
