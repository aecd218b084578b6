// Draws the warden app's icons — a white map pin with a yellow dot on Wijkwacht blue — as SVG and as PNG (for
// Android versions and launchers that want bitmaps), from one geometry, with no library: the PNGs are rasterised
// here with 4×4 supersampling and written with node's zlib. The results are committed; run this again only when
// the design changes: node scripts/make-warden-icons.mjs
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = fileURLToPath(new URL('../static-web/warden/icons/', import.meta.url));

const BLUE = [0x0b, 0x4a, 0x85];
const WHITE = [0xff, 0xff, 0xff];
const YELLOW = [0xf5, 0xc4, 0x00];

// On a 512 × 512 canvas: the pin is a circle and the triangle from its two tangent points down to the tip.
const SIZE = 512;
const CORNER = 96;
const pin = { cx: 256, cy: 210, r: 120, tipY: 430, dot: 52 };
const beta = Math.acos(pin.r / (pin.tipY - pin.cy));
const tangent = { dx: pin.r * Math.sin(beta), y: pin.cy + pin.r * Math.cos(beta) };
/** Maskable icons may be cut to a circle of 40 % of their size: the pin shrinks into it. */
const MASKABLE_SCALE = 0.72;
const MASKABLE_CENTRE = { x: 256, y: 260 };

const icons = [
  { name: 'icon', maskable: false },
  { name: 'icon-maskable', maskable: true },
];

for (const { name, maskable } of icons) {
  await writeFile(`${out}${name}.svg`, svg(maskable));
}

await writeFile(`${out}icon-192.png`, png(192, false));
await writeFile(`${out}icon-512.png`, png(512, false));
await writeFile(`${out}icon-maskable-512.png`, png(512, true));

/** @param {boolean} maskable */
function svg(maskable) {
  const f = (/** @type {number} */ n) => Number(n.toFixed(2));
  const background = maskable
    ? `<rect width="${SIZE}" height="${SIZE}" fill="${hex(BLUE)}"/>`
    : `<rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="${hex(BLUE)}"/>`;
  const shape =
    `<path d="M${f(pin.cx - tangent.dx)} ${f(tangent.y)}A${pin.r} ${pin.r} 0 1 1 ${f(pin.cx + tangent.dx)} ${f(tangent.y)}L${pin.cx} ${pin.tipY}Z" fill="${hex(WHITE)}"/>` +
    `<circle cx="${pin.cx}" cy="${pin.cy}" r="${pin.dot}" fill="${hex(YELLOW)}"/>`;
  const pinGroup = maskable
    ? `<g transform="translate(${MASKABLE_CENTRE.x} ${MASKABLE_CENTRE.y}) scale(${MASKABLE_SCALE}) translate(${-MASKABLE_CENTRE.x} ${-MASKABLE_CENTRE.y})">${shape}</g>`
    : shape;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">${background}${pinGroup}</svg>\n`;
}

/**
 * The colour at a point of the 512 canvas, or null where the icon is transparent.
 * @param {number} x
 * @param {number} y
 * @param {boolean} maskable
 */
function colourAt(x, y, maskable) {
  if (!maskable && !inRoundedSquare(x, y)) {
    return null;
  }

  let px = x;
  let py = y;
  if (maskable) {
    px = MASKABLE_CENTRE.x + (x - MASKABLE_CENTRE.x) / MASKABLE_SCALE;
    py = MASKABLE_CENTRE.y + (y - MASKABLE_CENTRE.y) / MASKABLE_SCALE;
  }

  const d = Math.hypot(px - pin.cx, py - pin.cy);
  if (d <= pin.dot) {
    return YELLOW;
  }

  if (d <= pin.r || inTriangle(px, py)) {
    return WHITE;
  }

  return BLUE;
}

/** @param {number} x @param {number} y */
function inRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, CORNER), SIZE - CORNER);
  const cy = Math.min(Math.max(y, CORNER), SIZE - CORNER);
  return x >= 0 && y >= 0 && x <= SIZE && y <= SIZE && Math.hypot(x - cx, y - cy) <= CORNER;
}

/** @param {number} x @param {number} y */
function inTriangle(x, y) {
  if (y < tangent.y || y > pin.tipY) {
    return false;
  }

  const halfWidth = (tangent.dx * (pin.tipY - y)) / (pin.tipY - tangent.y);
  return Math.abs(x - pin.cx) <= halfWidth;
}

/**
 * @param {number} size
 * @param {boolean} maskable
 */
function png(size, maskable) {
  const samples = 4;
  const scale = SIZE / size;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) {
    const line = row * (size * 4 + 1);
    raw[line] = 0; // filter: none
    for (let column = 0; column < size; column++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((column + (sx + 0.5) / samples) * scale, (row + (sy + 0.5) / samples) * scale, maskable);
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }

      const offset = line + 1 + column * 4;
      raw[offset] = a ? Math.round(r / a) : 0;
      raw[offset + 1] = a ? Math.round(g / a) : 0;
      raw[offset + 2] = a ? Math.round(b / a) : 0;
      raw[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** @param {Buffer} bytes */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
  }

  return (crc ^ 0xffffffff) >>> 0;
}

/** @param {number[]} rgb */
function hex(rgb) {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
