import { createRequire } from 'node:module';

/** What the pack knows about an analyte that a unit alone does not say. */
export interface Analyte {
  /** g/mol, for molar ↔ mass concentrations. */
  molarMass?: number | undefined;
  /** Charge of the ion, for equivalents ↔ moles. */
  charge?: number | undefined;
}

/**
 * What a unit measures. Only units of the same kind convert into each other, plus substance ↔ mass ↔ equivalent
 * concentrations when the analyte says how (UCUM alone would also turn mmol/mol HbA1c or mg/g albumin/creatinine into a
 * percentage, or {INR} into a fraction: the kinds keep those apart).
 */
type Kind =
  | 'count'
  | 'mass-conc'
  | 'substance-conc'
  | 'eq-conc'
  | 'enzyme-conc'
  | 'iu-conc'
  | 'fraction'
  | 'inr'
  | 'ph'
  | 'pressure'
  | 'rate'
  | 'temperature'
  | 'mass'
  | 'length'
  | 'volume'
  | 'time'
  | 'bmi'
  | 'egfr'
  | 'mass-ratio'
  | 'mass-per-substance'
  | 'esr';

interface Reading {
  code: string;
  kind: Kind;
}

/** Kinds whose units UCUM may scale into each other without knowing the analyte. */
const scalable = new Set<Kind>([
  'count',
  'mass-conc',
  'substance-conc',
  'eq-conc',
  'enzyme-conc',
  'iu-conc',
  'fraction',
  'pressure',
  'rate',
  'temperature',
  'mass',
  'length',
  'volume',
  'time',
]);

/** Whole unit texts (lower case, no spaces, µ/mc/micro → u) with a fixed meaning. */
const fixed = new Map<string, Reading[]>();
const define = (kind: Kind, codes: string[], ...spellings: string[]) => {
  for (const s of spellings)
    fixed.set(
      s,
      codes.map((code) => ({ code, kind })),
    );
};
define('pressure', ['mm[Hg]'], 'mmhg', 'mm[hg]');
define('rate', ['/min'], '/min', 'bpm', 'beats/min', '{beats}/min', 'breaths/min', '{breaths}/min', 'beats/minute', 'breaths/minute');
// A lone C or F is degrees only as the whole unit text (coulomb and farad are never lab units on their own).
define('temperature', ['Cel'], 'cel', '°c', 'degc', 'c', 'celsius');
define('temperature', ['[degF]'], '[degf]', '°f', 'degf', 'f', 'fahrenheit');
define('mass', ['kg'], 'kg', 'kgs');
define('mass', ['g'], 'g', 'gm');
define('mass', ['[lb_av]'], '[lb_av]', 'lb', 'lbs', 'pound', 'pounds');
define('mass', ['pg'], 'pg');
define('length', ['cm'], 'cm');
define('length', ['[in_i]'], '[in_i]', 'in', 'inch', 'inches');
define('bmi', ['kg/m2'], 'kg/m2', 'kg/m^2');
define('volume', ['fL'], 'fl', 'um3', 'um^3');
define('fraction', ['%'], '%', 'percent');
define('fraction', ['L/L'], 'l/l');
define('fraction', ['1'], '1');
define('fraction', ['{ratio}'], '{ratio}', 'ratio');
define('ph', ['[pH]'], '[ph]', 'ph');
define('egfr', ['mL/min/{1.73_m2}'], 'ml/min/{1.73_m2}', 'ml/min/1.73m2', 'ml/min/1.73m^2');
define('mass-ratio', ['mg/g'], 'mg/g');
define('mass-per-substance', ['mg/mmol'], 'mg/mmol');
define('time', ['s'], 's', 'sec', 'secs', 'second', 'seconds');
define('inr', ['{INR}'], '{inr}', 'inr');
define('esr', ['mm/h'], 'mm/h', 'mm/hr');
define('mass-conc', ['mg/dL'], 'mg%', 'mg/100ml');
define('mass-conc', ['g/dL'], 'g%');
// "unitless" is what some labs send for pH and specific gravity; the two never convert into each other, so both are safe.
fixed.set('unitless', [
  { code: '1', kind: 'fraction' },
  { code: '[pH]', kind: 'ph' },
]);

// Giga per liter in hematology; grams per liter when a system upper-cases everything. The target unit decides.
const gigaOrGrams: Reading[] = [
  { code: '10*9/L', kind: 'count' },
  { code: 'g/L', kind: 'mass-conc' },
];
/** Texts whose meaning depends on case, looked up before anything else. */
const caseSensitive = new Map<string, Reading[]>([
  ['G/L', gigaOrGrams],
  ['G/l', gigaOrGrams],
  ['mM', [{ code: 'mmol/L', kind: 'substance-conc' }]],
  ['uM', [{ code: 'umol/L', kind: 'substance-conc' }]],
  ['nM', [{ code: 'nmol/L', kind: 'substance-conc' }]],
  // Molar on its own is not a lab unit we read, and must not become meters.
  ['M', []],
  ['m', [{ code: 'm', kind: 'length' }]],
]);

/** Powers of ten that hematology analyzers spell as words or letters (K/uL, thou/mm3, giga/L, T/L). */
const countPower: Record<string, number> = {
  k: 3,
  thou: 3,
  thous: 3,
  thousand: 3,
  m: 6,
  mil: 6,
  mill: 6,
  million: 6,
  giga: 9,
  t: 12,
  tera: 12,
};
const powerWord = Object.keys(countPower).join('|');
// 10*3/uL, x10E3/uL, ×10³/µL (already 10^3), K/uL, thou/mm3, 10^9/L, giga/L, T/L, /uL, cells/uL…
const countPattern = new RegExp(String.raw`^(?:(?:x|\*)?10(?:\*|\^|e)(3|6|9|12)|(${powerWord}))?(?:cells?|\{cells?\}|#)?/(ul|mm\^?3|cumm|l)$`);
// mg/dL, mmol/L, mEq/L, U/L, mIU/mL, µkat/L…
const concentrationPattern = /^(k|m|u|n|p)?(g|gm|mol|eq|\[iu\]|iu|u|units?|kat)\/(l|dl|ml|100ml|ul)$/;

const prefixesFor: Record<string, string> = { g: ',m,u,n,p', mol: ',m,u,n,p', eq: ',m', U: ',m', '[IU]': ',k,m,u', kat: ',u,n' };
const volumes: Record<string, string> = { l: 'L', dl: 'dL', ml: 'mL', '100ml': 'dL', ul: 'uL' };

/** The same unit under one code (µIU/mL is mIU/L, as TSH is reported either way). */
const sameAs: Record<string, string> = { 'u[IU]/mL': 'm[IU]/L' };

function countReadings(lowerCase: string): Reading[] {
  const m = countPattern.exec(lowerCase);
  if (!m) return [];
  const [, digits, word, per] = m;
  let power = 0;
  if (digits) power = Number(digits);
  else if (word) {
    // K/uL and M/uL are hematology shorthand only per microliter, T/L only per liter.
    if ((word === 'k' || word === 'm') && per === 'l') return [];
    if (word === 't' && per !== 'l') return [];
    power = countPower[word]!;
  }
  const volume = per === 'l' ? 'L' : 'uL';
  return [{ code: `${power ? `10*${power}` : ''}/${volume}`, kind: 'count' }];
}

function concentrationReadings(lowerCase: string): Reading[] {
  const m = concentrationPattern.exec(lowerCase);
  if (!m) return [];
  const [, prefix = '', base = '', per = ''] = m;
  const volume = volumes[per]!;
  const make = (unit: string, kind: Kind): Reading[] => {
    if (!prefixesFor[unit]!.split(',').includes(prefix)) return [];
    const code = `${prefix}${unit}/${volume}`;
    return [{ code: sameAs[code] ?? code, kind }];
  };
  switch (base) {
    case 'g':
    case 'gm':
      return make('g', 'mass-conc');
    case 'mol':
      return make('mol', 'substance-conc');
    case 'eq':
      return make('eq', 'eq-conc');
    case 'u':
    case 'unit':
    case 'units':
      return make('U', 'enzyme-conc');
    case 'kat':
      return make('kat', 'enzyme-conc');
    case '[iu]':
      return make('[IU]', 'iu-conc');
    default:
      // IU/L is an enzyme unit on a liver panel and an international unit on a hormone: offer both; they never
      // inter-convert, so the target unit picks the right one. mIU and µIU are only ever hormones.
      return prefix ? make('[IU]', 'iu-conc') : [...make('U', 'enzyme-conc'), ...make('[IU]', 'iu-conc')];
  }
}

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function unitReadings(unit: string | undefined): Reading[] {
  if (typeof unit !== 'string' || unit.length > 100) return [];
  const written = unit
    .trim()
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (d) => `^${[...d].map((c) => superscripts.indexOf(c)).join('')}`)
    .replace(/[µμ]/g, 'u')
    .replace(/×/g, 'x')
    .replace(/℃/g, '°C')
    .replace(/℉/g, '°F')
    .replace(/[º˚]/g, '°')
    .replace(/\s+/g, '');
  if (!written || written.length > 40) return [];
  const exact = caseSensitive.get(written);
  if (exact) return exact;
  const lowerCase = written.toLowerCase().replace(/micro|mc/g, 'u');
  const known = fixed.get(lowerCase);
  if (known) return known;
  const c = countReadings(lowerCase);
  return c.length ? c : concentrationReadings(lowerCase);
}

export function ucumCandidates(unit: string | undefined): string[] {
  return unitReadings(unit).map((r) => r.code);
}

export function canonicalUnit(unit: string | undefined): string | undefined {
  return unitReadings(unit)[0]?.code;
}

interface UcumResult {
  status: 'succeeded' | 'failed' | 'error';
  toVal: number | null;
}
interface UcumUtils {
  convertUnitTo(from: string, value: number, to: string, options?: { molecularWeight?: number; charge?: number }): UcumResult;
}

let utils: UcumUtils | undefined;
/** The NLM UCUM library, loaded on first use (it reads its unit tables when constructed). */
function ucumUtils(): UcumUtils {
  if (!utils) {
    const pkg = createRequire(import.meta.url)('@lhncbc/ucum-lhc') as { UcumLhcUtils: new () => UcumUtils };
    utils = new pkg.UcumLhcUtils();
  }
  return utils;
}

/** Drops float noise (1.0000000000000002) far below any lab's precision. */
const dropFloatNoise = (v: number) => (Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(12)) : v);

const identity = (v: number) => v;
const conversionCache = new Map<string, ((v: number) => number) | null>();

function conversion(from: Reading, to: Reading, analyte: Analyte): ((v: number) => number) | undefined {
  if (from.code === to.code) return identity;
  // An INR sent as a bare number (or the reverse) is the same ratio; an INR is never a percentage.
  if ((from.kind === 'inr' && to.code === '1') || (to.kind === 'inr' && from.code === '1')) return identity;
  const options: { molecularWeight?: number; charge?: number } = {};
  if (from.kind !== to.kind || !scalable.has(from.kind)) {
    const pair = new Set([from.kind, to.kind]);
    const ok = (m: unknown): m is number => typeof m === 'number' && Number.isFinite(m) && m > 0;
    const molarMass = ok(analyte.molarMass) ? analyte.molarMass : undefined;
    const charge = ok(analyte.charge) ? analyte.charge : undefined;
    const mass = pair.has('mass-conc');
    const moles = pair.has('substance-conc');
    const equivalents = pair.has('eq-conc');
    if (mass && moles && molarMass) options.molecularWeight = molarMass;
    else if (equivalents && moles && charge) options.charge = charge;
    else if (equivalents && mass && molarMass && charge) Object.assign(options, { molecularWeight: molarMass, charge });
    else return undefined;
  }
  const key = `${from.code}|${to.code}|${options.molecularWeight ?? ''}|${options.charge ?? ''}`;
  const cached = conversionCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  // UCUM refuses to scale arbitrary units at all (even [IU]/L to m[IU]/L); both sides are international units here, so
  // the scale is that of the same code with U in their place.
  const code = (r: Reading) => (r.kind === 'iu-conc' ? r.code.replace('[IU]', 'U') : r.code);
  let convert: ((v: number) => number) | null = null;
  try {
    const at0 = ucumUtils().convertUnitTo(code(from), 0, code(to), options);
    const at1 = ucumUtils().convertUnitTo(code(from), 1, code(to), options);
    const ok = at0.status === 'succeeded' && at1.status === 'succeeded';
    if (ok && typeof at0.toVal === 'number' && typeof at1.toVal === 'number') {
      // Every conversion here is linear except °F ↔ °C, whose offset this keeps.
      const offset = dropFloatNoise(at0.toVal);
      const slope = dropFloatNoise(at1.toVal - at0.toVal);
      if (Number.isFinite(offset) && Number.isFinite(slope) && slope !== 0) {
        convert =
          offset === 0
            ? (v) => dropFloatNoise(v * slope)
            : (v) => {
                // 32 °F is 0 °C, not -8e-12.
                const sum = offset + v * slope;
                return Math.abs(sum) < Math.max(Math.abs(offset), Math.abs(v * slope)) * 1e-10 ? 0 : dropFloatNoise(sum);
              };
      }
    }
  } catch {
    convert = null;
  }
  conversionCache.set(key, convert);
  return convert ?? undefined;
}

export function converter(from: string | undefined, to: string, analyte?: Analyte): ((v: number) => number) | undefined {
  // The very same text needs no understanding (a pack unit this module does not read still compares with itself).
  if (typeof from === 'string' && typeof to === 'string' && from.trim() && from.trim() === to.trim()) return identity;
  const target = unitReadings(to);
  const targetReading = target.find((r) => r.code === to) ?? target[0];
  if (!targetReading) return undefined;
  for (const r of unitReadings(from)) {
    const convert = conversion(r, targetReading, analyte ?? {});
    if (convert) return convert;
  }
  return undefined;
}

export { displayUnit } from '../../../preload/contract/display-units';
