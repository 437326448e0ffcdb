import { arr, codings, obj, str, type Json } from '../fhir/access';
import { foldForSearch } from './normalize';

const bcp47 = 'urn:ietf:bcp:47';

/** Code systems whose codes are language tags or ISO 639 codes (Intl.Locale maps spa → es, chi → zh). */
const languageSystems = new Set([
  bcp47,
  'urn:iso:std:iso:639-1',
  'urn:iso:std:iso:639-2',
  'urn:iso:std:iso:639-3',
  'http://id.loc.gov/vocabulary/iso639-1',
  'http://id.loc.gov/vocabulary/iso639-2',
  'http://terminology.hl7.org/CodeSystem/languages',
]);

/** The main ISO 639-2/3 codes, for an ICU without locale alias data. */
const iso639: Record<string, string> = {
  spa: 'es',
  eng: 'en',
  vie: 'vi',
  zho: 'zh',
  chi: 'zh',
  cmn: 'zh',
  kor: 'ko',
  tgl: 'tl',
  rus: 'ru',
  ara: 'ar',
  por: 'pt',
  fra: 'fr',
  fre: 'fr',
  hat: 'ht',
};

/** Languages written as text only that Intl's names do not cover. */
const textAliases: Record<string, string> = {
  mandarin: 'zh',
  cantonese: 'yue',
  castilian: 'es',
  castellano: 'es',
  farsi: 'fa',
  tagalog: 'tl',
  filipino: 'fil',
  'haitian creole': 'ht',
  creole: 'ht',
  'american sign language': 'ase',
  asl: 'ase',
};

/** Languages a US health system's patients commonly prefer, named in English and Spanish for text-only records. */
const named = [
  'en',
  'es',
  'zh',
  'yue',
  'vi',
  'ko',
  'tl',
  'fil',
  'ar',
  'ru',
  'fr',
  'ht',
  'pt',
  'de',
  'pl',
  'it',
  'ja',
  'hi',
  'fa',
  'ur',
  'bn',
  'pa',
  'gu',
  'hmn',
  'so',
  'am',
  'ti',
  'ne',
  'my',
  'km',
  'lo',
  'th',
  'uk',
  'hy',
  'el',
  'he',
  'yi',
  'ro',
  'sr',
  'hr',
  'bs',
  'sq',
  'tr',
  'sw',
  'yo',
  'ig',
  'nv',
  'sm',
  'to',
  'haw',
  'mh',
  'chk',
  'ase',
];

let names: Map<string, string> | undefined;

function languageNames(): Map<string, string> {
  if (names) return names;
  names = new Map(Object.entries(textAliases));
  for (const locale of ['en', 'es']) {
    const d = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    for (const code of named) {
      const name = d.of(code);
      if (name && !names.has(foldForSearch(name))) names.set(foldForSearch(name), code);
    }
  }
  return names;
}

const known = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language code (BCP-47 or ISO 639) as its canonical language subtag ("es-US" → es, "spa" → es), else undefined. */
export function languageSubtag(code: string | undefined): string | undefined {
  if (code && code.length > 64) return undefined;
  const c = code?.trim().replace(/_/g, '-');
  if (!c || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(c)) return undefined;
  try {
    const language = iso639[c.toLowerCase()] ?? new Intl.Locale(c).language;
    return known.of(language) ? language : undefined;
  } catch {
    return undefined;
  }
}

/** "Spanish", "Español", "español (México)", "Spanish; Castilian" → es. */
export function languageFromText(text: string | undefined): string | undefined {
  // A language's name is short: a long text is not one, and no pattern below sees more than this.
  if (!text || text.length > 120) return undefined;
  const folded = foldForSearch(text);
  const map = languageNames();
  const candidates = [folded, folded.replace(/\s*\(.*\)\s*/g, ' ').trim(), folded.split(/[;,(/]|\s-\s/)[0]!.trim()];
  for (const c of candidates) if (map.has(c)) return map.get(c);
  return undefined;
}

function languageOf(concept: unknown): string | undefined {
  const all = codings(concept);
  const ordered = [
    ...all.filter((c) => c.system === bcp47),
    ...all.filter((c) => c.system && c.system !== bcp47 && languageSystems.has(c.system)),
    ...all.filter((c) => !c.system || !languageSystems.has(c.system)),
  ];
  for (const c of ordered) {
    // A local code system's codes ("10") are not language tags; its display may still name the language.
    const fromCode = c.system && !languageSystems.has(c.system) && !/^[A-Za-z]{2,3}(-|$)/.test(c.code ?? '') ? undefined : languageSubtag(c.code);
    if (fromCode) return fromCode;
  }
  return languageFromText(str(obj(concept)?.text)) ?? all.map((c) => languageFromText(c.display)).find(Boolean);
}

/** The patient's preferred language as a language subtag (es, en, vi): `preferred: true` first, then in order. */
export function preferredLanguage(communication: unknown): string | null {
  const list = arr(communication)
    .map(obj)
    .filter((c): c is Json => !!c);
  const ordered = [...list.filter((c) => c.preferred === true), ...list.filter((c) => c.preferred !== true)];
  for (const c of ordered) {
    const language = languageOf(c.language);
    if (language) return language;
  }
  return null;
}
