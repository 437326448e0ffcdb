// Defensive readers for FHIR JSON from outside: nothing is trusted to have the shape the spec says.
export type Json = Record<string, unknown>;

/**
 * A copy of a string that does not keep alive the larger string it may be a slice of. V8 represents substrings
 * as views into their parent, so an id kept in a long-lived map can pin a whole 64 KB chunk of an input file.
 */
export const detach = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

export const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export function codings(cc: unknown): Coding[] {
  return arr(obj(cc)?.coding).flatMap((c) => {
    const o = obj(c);
    if (!o) return [];
    const coding: Coding = {};
    const system = str(o.system);
    const code = str(o.code);
    const display = str(o.display);
    if (system) coding.system = system;
    if (code) coding.code = code;
    if (display) coding.display = display;
    return [coding];
  });
}

/** The readable name of a CodeableConcept: its text, else the first coding's display, else its code. */
export function conceptText(cc: unknown): string | undefined {
  const o = obj(cc);
  if (!o) return undefined;
  const text = str(o.text);
  if (text) return text;
  for (const c of codings(o)) if (c.display) return c.display;
  for (const c of codings(o)) if (c.code) return c.code;
  return undefined;
}

export function firstConceptText(list: unknown): string | undefined {
  for (const cc of arr(list)) {
    const t = conceptText(cc);
    if (t) return t;
  }
  return undefined;
}

export const reference = (v: unknown): string | undefined => str(obj(v)?.reference);

/** Money in integer cents (floats such as 0.1 + 0.2 never leak into totals). */
export function moneyCents(v: unknown): { cents: number; currency: string } | undefined {
  const o = obj(v);
  const value = num(o?.value);
  if (value === undefined) return undefined;
  const cents = Math.round(value * 100);
  // An amount beyond any real bill is treated as missing, not stored (it would not fit the column).
  if (!Number.isSafeInteger(cents)) return undefined;
  return { cents, currency: str(o?.currency) ?? 'USD' };
}

/** Depth of nested objects/arrays, counted without recursion (hostile input can be arbitrarily deep). */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
    }
  }
  return max;
}
