import { isSupportedCountry } from 'libphonenumber-js';
import { arr, obj, str, type Json } from '../fhir/access';
import { foldForSearch } from './normalize';
import { ended } from './period';

/** Address.country as people write it that the region names of Intl do not cover. */
const aliases: Record<string, string> = {
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'united states of america': 'US',
  'estados unidos de america': 'US',
  eeuu: 'US',
  'ee. uu.': 'US',
  'ee.uu.': 'US',
  mex: 'MX',
  'estados unidos mexicanos': 'MX',
  can: 'CA',
  pri: 'PR',
  gtm: 'GT',
  slv: 'SV',
  hnd: 'HN',
  dom: 'DO',
  cub: 'CU',
  col: 'CO',
  ven: 'VE',
  per: 'PE',
  ecu: 'EC',
  nic: 'NI',
  phl: 'PH',
  vnm: 'VN',
  chn: 'CN',
  ind: 'IN',
  gbr: 'GB',
  uk: 'GB',
};

let names: Map<string, string> | undefined;

/** Country names in English and Spanish ("Mexico", "México", "United States", "Estados Unidos") → ISO 3166 code. */
function countryNames(): Map<string, string> {
  if (names) return names;
  names = new Map();
  const displays = ['en', 'es'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!isSupportedCountry(code)) continue;
      for (const d of displays) {
        const name = d.of(code);
        if (name) names.set(foldForSearch(name), code);
      }
    }
  }
  return names;
}

/** An ISO 3166 alpha-2 code for Address.country written as a code or a name, or undefined. */
export function countryCode(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  if (/^[A-Za-z]{2}$/.test(t)) return isSupportedCountry(t.toUpperCase()) ? t.toUpperCase() : undefined;
  const folded = foldForSearch(t);
  return aliases[folded] ?? countryNames().get(folded);
}

/** The country of the patient's current home address (else any current address that names one). */
export function addressCountry(addresses: unknown, now: string): string | undefined {
  const list = arr(addresses)
    .map(obj)
    .filter((a): a is Json => !!a && a.use !== 'old' && !ended(a.period, now));
  const ordered = [...list.filter((a) => a.use === 'home'), ...list.filter((a) => a.use !== 'home')];
  for (const a of ordered) {
    const code = countryCode(str(a.country));
    if (code) return code;
  }
  return undefined;
}
