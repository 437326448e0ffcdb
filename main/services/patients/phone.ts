import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

export interface ParsedPhone {
  e164: string;
  /** The extension as digits, '' when there is none. */
  ext: string;
}

export interface PhoneOptions {
  /** Drop NANP numbers in the 555-0100…555-0199 range reserved for fiction (configured per organisation). */
  ignoreFictionalNumbers?: boolean;
}

const asCountry = (country: string | undefined): CountryCode | undefined =>
  country && isSupportedCountry(country.toUpperCase()) ? (country.toUpperCase() as CountryCode) : undefined;

/**
 * Mexico dropped its mobile "1" after +52 and the 044/045/01 national prefixes in 2019/2020, but records still hold
 * "+52 1 55 1234 5678" and "044 55 1234 5678": the same line is +52 55 1234 5678.
 */
function mexicanLegacy(p: PhoneNumber): PhoneNumber {
  if (p.countryCallingCode !== '52') return p;
  const m = /^(?:1|01|044|045)(\d{10})$/.exec(p.nationalNumber);
  return (m && parsePhoneNumberFromString(`+52${m[1]}`)) || p;
}

function parse(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed) return undefined;
  const fixed = mexicanLegacy(parsed);
  return fixed.isPossible() ? fixed : undefined;
}

/**
 * Values front desks type when they have no number: one digit repeated, a "000" start, and in North America an area
 * code or exchange starting with 0 or 1 (never assigned: 123-456-7890). "Possible" numbers, so libphonenumber keeps them.
 */
function isPlaceholder(p: PhoneNumber, options: PhoneOptions): boolean {
  const n = p.nationalNumber;
  if (/^(\d)\1+$/.test(n) || n.startsWith('000')) return true;
  if (p.countryCallingCode === '1') {
    if (n.length !== 10 || /^[01]/.test(n) || /^\d{3}[01]/.test(n)) return true;
    if (options.ignoreFictionalNumbers && /^\d{3}5550[1]\d{2}$/.test(n)) return true;
  }
  return false;
}

function one(text: string, countries: readonly (CountryCode | undefined)[], options: PhoneOptions): ParsedPhone | null | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 60 || !/\d/.test(trimmed)) return undefined;
  for (const country of countries) {
    const p = parse(trimmed, country);
    // null: a number, but a placeholder (so a split value is still recognised as two numbers).
    if (p) return isPlaceholder(p, options) ? null : { e164: p.number, ext: p.ext ?? '' };
  }
  return undefined;
}

/**
 * Every phone number in one ContactPoint value, as E.164 with its extension: "555 259 9533 / 555 259 9534" is two.
 * National numbers are read with `country` (the patient's), then `fallbackCountry` (the organisation's).
 * Placeholders are left out. A value is split only when every part is a number on its own, so "… or ext 12" never
 * loses its extension.
 */
export function phonesIn(raw: string, country: string | undefined, fallbackCountry: string, options: PhoneOptions = {}): ParsedPhone[] {
  // No phone field holds more than a few numbers: a longer value is not read (its patterns would only cost time).
  if (raw.length > 160) return [];
  const countries = [...new Set([asCountry(country), asCountry(fallbackCountry)])];
  const parts = raw.split(/\s+\/\s+|\s+(?:or|o)\s+|;(?![\w-]+=)/i);
  if (parts.length > 1) {
    const each = parts.map((part) => one(part, countries, options));
    if (each.every((p) => p !== undefined)) return dedupe(each.filter((p): p is ParsedPhone => !!p));
  }
  const whole = one(raw, countries, options);
  return whole ? [whole] : [];
}

function dedupe(list: ParsedPhone[]): ParsedPhone[] {
  const seen = new Set<string>();
  return list.filter((p) => (seen.has(`${p.e164};${p.ext}`) ? false : (seen.add(`${p.e164};${p.ext}`), true)));
}

/**
 * A phone number in any common format as E.164 (+15552599533), or undefined when it is not a phone number.
 * "Possible" rather than "valid": test and fictional exchanges (555) are real in caller-ID data.
 */
export function toE164(raw: string, defaultCountry = 'US'): string | undefined {
  const text = raw.trim();
  if (!text || text.length > 40 || !/\d/.test(text)) return undefined;
  return parse(text, asCountry(defaultCountry) ?? 'US')?.number;
}
