import { AREA_CODE_WEIGHTS, AREA_CODES } from './names';
import type { Rng } from './rng';

/** The written forms people and systems use for the same US number. */
export const PHONE_FORMATS = ['paren', 'dash', 'dot', 'intl', 'digits'] as const;
export type PhoneFormat = (typeof PHONE_FORMATS)[number];
const FORMAT_WEIGHTS = [35, 30, 10, 10, 15] as const;

/** Ten NANP digits: area code from the region, exchange 2-9xx but never N11. */
export function makePhoneDigits(rng: Rng): string {
  const area = rng.weighted(AREA_CODES, AREA_CODE_WEIGHTS);
  let exchange = rng.int(200, 999);
  if (exchange % 100 === 11) exchange += 1;
  const line = rng.int(0, 9999);
  return area + String(exchange) + String(line).padStart(4, '0');
}

export function pickPhoneFormat(rng: Rng): PhoneFormat {
  return rng.weighted(PHONE_FORMATS, FORMAT_WEIGHTS);
}

/** A format different from `other`, for household members who wrote the same number differently. */
export function otherPhoneFormat(rng: Rng, other: PhoneFormat): PhoneFormat {
  const i = PHONE_FORMATS.indexOf(other);
  return PHONE_FORMATS[(i + rng.int(1, PHONE_FORMATS.length - 1)) % PHONE_FORMATS.length] as PhoneFormat;
}

export function formatPhone(digits: string, format: PhoneFormat): string {
  const a = digits.slice(0, 3);
  const e = digits.slice(3, 6);
  const l = digits.slice(6);
  switch (format) {
    case 'paren':
      return `(${a}) ${e}-${l}`;
    case 'dash':
      return `${a}-${e}-${l}`;
    case 'dot':
      return `${a}.${e}.${l}`;
    case 'intl':
      return `+1 ${a} ${e} ${l}`;
    case 'digits':
      return digits;
  }
}
