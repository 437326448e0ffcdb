import { type Rng, hash3, mix32 } from './rng';

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

function hex8(w: number): string {
  return (HEX[w >>> 24] as string) + HEX[(w >>> 16) & 255] + HEX[(w >>> 8) & 255] + HEX[w & 255];
}

function hex4(w: number): string {
  return (HEX[(w >>> 8) & 255] as string) + HEX[w & 255];
}

/** Patient indices are below this; shared resources use it as their "index". */
export const SHARED_INDEX = 0xffffffff;

/**
 * A deterministic RFC 4122-shaped (version 4) UUID for resource number `n` of patient `index`.
 * The first and last 8 hex digits are bijections of index and n, so ids never collide within a seed.
 */
export function demoUuid(seed: number, index: number, n: number): string {
  const key = mix32(seed ^ 0x3c6ef372);
  const w0 = mix32((index ^ key) >>> 0);
  const w3 = mix32((n ^ mix32(key + 1)) >>> 0);
  const w1 = hash3(seed, index, n);
  const w2 = hash3(w1, index ^ 0x7f4a7c15, n);
  return hex8(w0) + '-' + hex4(w1 >>> 16) + '-' + hex4((w1 & 0x0fff) | 0x4000) + '-' + hex4(((w2 >>> 16) & 0x3fff) | 0x8000) + '-' + hex4(w2) + hex8(w3);
}

/** The Patient id for (seed, index): resource number 0 of that patient. */
export function demoPatientId(seed: number, index: number): string {
  return demoUuid(seed, index, 0);
}

/** A 10-digit NPI with a valid Luhn check digit (computed over the 80840 prefix, as CMS does). */
export function makeNpi(rng: Rng, first: 1 | 2): string {
  let body = String(first);
  for (let i = 0; i < 8; i++) body += String(rng.int(0, 9));
  const digits = '80840' + body;
  let sum = 0;
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return body + String((10 - (sum % 10)) % 10);
}
