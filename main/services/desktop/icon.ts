// Tray icons drawn in code: a round badge coloured per status, encoded as PNG (Electron's nativeImage reads PNG, not
// SVG). No image files to ship, and the same bytes on every platform (raw bitmaps are BGRA on some, RGBA on others).
import zlib from 'node:zlib';
import type { DesktopStatus } from '../../../preload/contract';

type Rgb = readonly [number, number, number];

/** Colours with enough contrast on light and dark panels; the tooltip and the menu say the status in words too. */
export const statusColors: Record<DesktopStatus, Rgb> = {
  available: [46, 125, 50], // green
  ringing: [21, 101, 192], // blue, with a white centre
  'on-call': [198, 40, 40], // red
  'wrap-up': [239, 143, 0], // amber
  offline: [117, 117, 117], // grey ring, hollow
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes straight (non-premultiplied) RGBA pixels, row by row, as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The status badge as RGBA pixels (size × size), anti-aliased by 4×4 supersampling. */
export function statusIconPixels(status: DesktopStatus, size: number): Uint8Array {
  const [r, g, b] = statusColors[status];
  const px = new Uint8Array(size * size * 4);
  const c = size / 2;
  const outer = size * 0.44;
  // Offline is a hollow ring; ringing has a white centre; the rest are solid.
  const hole = status === 'offline' ? size * 0.24 : 0;
  const dot = status === 'ringing' ? size * 0.17 : 0;
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let colour = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const d = Math.hypot(x + (sx + 0.5) / n - c, y + (sy + 0.5) / n - c);
          if (d <= outer && d >= hole) {
            if (d < dot) white++;
            else colour++;
          }
        }
      }
      const covered = colour + white;
      if (covered === 0) continue;
      const i = (y * size + x) * 4;
      px[i] = Math.round((r * colour + 255 * white) / covered);
      px[i + 1] = Math.round((g * colour + 255 * white) / covered);
      px[i + 2] = Math.round((b * colour + 255 * white) / covered);
      px[i + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return px;
}

/** The tray icon for a status as PNG bytes, for nativeImage.createFromBuffer (16 px, and 32 px for scale factor 2). */
export function statusIconPng(status: DesktopStatus, size = 16): Buffer {
  return encodePng(size, size, statusIconPixels(status, size));
}
