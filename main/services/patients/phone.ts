import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number in any common format as E.164 (+15552599533), or undefined when it is not a phone number.
 * "Possible" rather than "valid": test and fictional exchanges (555) are real in caller-ID data.
 */
export function toE164(raw: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const text = raw.trim();
  if (!text || text.length > 40 || !/\d/.test(text)) return undefined;
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed || !parsed.isPossible()) return undefined;
  return parsed.number;
}
