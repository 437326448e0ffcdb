import crypto from 'node:crypto';
import { parse as parseLossless } from 'lossless-json';
import { arr, obj, str, type Json } from './access';

/**
 * FHIR decimals keep their precision ("7.0" is not "7"), and JSON.parse drops it. A number whose text would change on
 * a round trip through a JS number keeps that text in a primitive extension (`_value`), the way FHIR JSON extends a
 * primitive; everything else stays a plain number, so nothing downstream has to know.
 */
export const decimalTextUrl = 'urn:ambassador-desk:decimal-text';

const numberText = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
// A quick look at a whole text: a decimal ending in 0, an exponent, or more digits than a double holds.
const mayLose = /\d\.\d*0(?![\d.eE])|\d[eE][+-]?\d|\d{16,}/;
// Marks a number's text inside a parsed value until it is moved into its extension. The random part keeps a string
// in the input that imitates the mark a string.
const mark = `\u0000decimal:${crypto.randomUUID()}:`;

/** Whether a number's text is not what the number prints as ("7.0", "1e3", "0.10"). */
export function losesPrecision(text: string): boolean {
  return String(Number(text)) !== text;
}

const marked = (v: unknown): string | undefined => {
  if (typeof v !== 'string' || !v.startsWith(mark)) return undefined;
  const text = v.slice(mark.length);
  return numberText.test(text) ? text : undefined;
};

/** Moves marked numbers into `_key` extensions (arrays of numbers keep the number only). */
function restore(value: unknown, depth = 0): unknown {
  if (depth > 200) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const text = marked(value[i]);
      value[i] = text !== undefined ? Number(text) : restore(value[i], depth + 1);
    }
    return value;
  }
  const o = obj(value);
  if (!o) return value;
  for (const key of Object.keys(o)) {
    const text = marked(o[key]);
    if (text === undefined) {
      restore(o[key], depth + 1);
      continue;
    }
    o[key] = Number(text);
    const holder = obj(o[`_${key}`]) ?? {};
    holder.extension = [...arr(holder.extension), { url: decimalTextUrl, valueString: text }];
    o[`_${key}`] = holder;
  }
  return o;
}

/** JSON.parse, keeping the written text of decimals that a JS number would change. */
export function parseFhirJson(text: string): unknown {
  if (!mayLose.test(text)) return JSON.parse(text);
  let lossless: unknown;
  try {
    lossless = parseLossless(text, null, (s) => (losesPrecision(s) ? `${mark}${s}` : Number(s)));
  } catch {
    // Invalid JSON fails with JSON.parse's own error, which callers know how to report without quoting the text; what
    // JSON.parse accepts and the strict parser does not (a duplicated key) is read as JSON.parse reads it.
    return JSON.parse(text);
  }
  return restore(lossless);
}

/** A stream-json token mapper: a number token whose text would change becomes a marked string token. */
export function markDecimalToken<T extends { name: string; value?: unknown }>(token: T): T {
  if (token.name === 'numberValue' && typeof token.value === 'string' && losesPrecision(token.value))
    return { name: 'stringValue', value: `${mark}${token.value}` } as unknown as T;
  return token;
}

/** The marked numbers of a value assembled from marked tokens, moved into their extensions. */
export const restoreDecimals = <T>(value: T): T => restore(value) as T;

/** A decimal as its source wrote it: the kept text when it still matches the number, else the number itself. */
export function decimalText(holder: Json, key: string): string | undefined {
  const n = holder[key];
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  for (const e of arr(obj(holder[`_${key}`])?.extension)) {
    const x = obj(e);
    const text = str(x?.valueString);
    if (x?.url === decimalTextUrl && text && numberText.test(text) && Number(text) === n) return text;
  }
  return undefined;
}
