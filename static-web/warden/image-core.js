// Pure sizing rule for the photos a warden takes: shrunk on the device before they are stored or sent.

/** The longest side a photo keeps: enough to read a number plate or a label, small enough for a mobile upload. */
export const MAX_PHOTO_SIDE = 2000;

/** JPEG quality of the shrunk photos. */
export const PHOTO_QUALITY = 0.85;

/**
 * The size to draw an image at so its longest side is at most max, keeping its proportions; never enlarged.
 * @param {number} width
 * @param {number} height
 * @param {number} [max]
 * @returns {{ width: number, height: number }}
 */
export function fitWithin(width, height, max = MAX_PHOTO_SIDE) {
  if (!(width > 0) || !(height > 0)) {
    throw new RangeError(`Not an image size: ${width} × ${height}`);
  }

  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
