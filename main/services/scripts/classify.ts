import { arr, codings, conceptText, num, obj, str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { Language, LabEntry, PresenceLab, QuantityLab } from '../knowledge/schema';
import { formatNumber } from './format';
import { ageInterval, instantBounds, type AgeInterval } from './patient-age';
import { readPresenceCode, readPresenceText, type PresenceReading } from './presence-text';
import { applicableRanges, beyondHigh, beyondLow, comparableLimits, type Limit } from './ranges';
import { spokenUnit } from './spoken-units';
import { canonicalUnit, converter, displayUnit } from './units';

export interface PatientFacts {
  sex: 'female' | 'male' | null;
  birthDate: string | null;
  /** The time the script is built (ms), for how old a result is; now when omitted. */
  now?: number | undefined;
}

/** A number as the agent sees it ("165 ×10³/µL") and as the patient hears it ("165 thousand"). */
export interface Amount {
  shown: string;
  spoken: string;
}

/** What one result (an Observation, or one component of it) shows, decided before any words are chosen. */
export type Outcome =
  | { kind: 'critical'; why: 'limit' | 'flag' | 'detected' | 'abnormal'; limit?: string }
  /** `urgent`: a recent value past the entry's near-critical (same-day) limits. */
  | { kind: 'within' | 'higher' | 'lower' | 'outside'; value: Amount; range?: { low?: Amount; high?: Amount }; urgent?: boolean }
  | { kind: 'no-range'; value: Amount }
  | { kind: 'detected' | 'not-detected'; entry: PresenceLab; age: AgeInterval | undefined }
  /** Same-day clinician callback (a positive strep or flu test). */
  | { kind: 'callback-today'; entry: PresenceLab }
  /** Never explained by an ambassador: the entry says so, or there is no published range for the patient's age. */
  /** `sameDay`: the callback is today (a recent newborn result, a value past a same-day limit, a sensitive test). */
  | { kind: 'clinician'; why: 'entry' | 'age' | 'newborn' | 'same-day'; sameDay?: boolean }
  | { kind: 'unknown'; why: 'code' | 'value' | 'unit' | 'patient' | 'text' | 'preliminary' | 'withdrawn' | 'comparator'; unit?: string };

export interface Classified {
  entry: LabEntry | undefined;
  /** The name to say: the pack's plain name, else the record's own text (English in a Spanish script: see `recordName`). */
  name: (lang: Language) => string;
  /** True when the name is the record's own text, not the pack's. */
  recordName: boolean;
  outcome: Outcome;
  /** For an unknown code: how its value reads, so a panel with an unknown "detected" member is not explained. */
  presence?: PresenceReading;
  /** How many days old the result is when the script is built; undefined when it has no date. */
  days: number | undefined;
  /** Its name is private (an HIV or pregnancy test, or a test the app cannot name): never said aloud. */
  privateName: boolean;
}

const criticalFlags = new Set(['HH', 'LL', 'AA', 'HU', 'LU']);
const highFlags = new Set(['H', 'HH', 'HU', '>']);
const lowFlags = new Set(['L', 'LL', 'LU', '<']);
const abnormalFlags = new Set(['A', 'AA']);
const detectedFlags = new Set(['POS', 'DET']);
const notDetectedFlags = new Set(['NEG', 'ND']);

function interpretationCodes(o: Json): string[] {
  return arr(o.interpretation).flatMap((i) => codings(i).map((c) => (c.code ?? '').toUpperCase()));
}

function flaggedCritical(o: Json): boolean {
  if (interpretationCodes(o).some((c) => criticalFlags.has(c))) return true;
  return arr(o.interpretation).some((i) => /critical|panic|cr[ií]tico/i.test((conceptText(i) ?? '').slice(0, 200)));
}

function loincCodes(o: Json): string[] {
  return codings(o.code)
    .filter((c) => !c.system || c.system.includes('loinc'))
    .flatMap((c) => (c.code ? [c.code] : []));
}

export function findEntry(pack: KnowledgePack, o: Json): LabEntry | undefined {
  for (const code of loincCodes(o)) {
    const e = pack.labs.get(code);
    if (e) return e;
  }
  return undefined;
}

const resultDate = (o: Json) => str(o.effectiveDateTime) ?? str(obj(o.effectivePeriod)?.start) ?? str(o.issued);

/**
 * The record's own reference range for this patient, converted to the entry's unit: ranges typed other than "normal"
 * (a therapeutic range) and ranges for another sex or age are skipped; when several still apply and differ, none is
 * used (the pack's range is).
 */
function ownRange(o: Json, entry: QuantityLab, patient: PatientFacts, age: AgeInterval | undefined): { low?: number; high?: number } | undefined {
  const read = (q: unknown) => {
    const v = num(obj(q)?.value);
    if (v === undefined) return undefined;
    const f = converter(str(obj(q)?.code) ?? str(obj(q)?.unit), entry.unit, entry);
    return f ? f(v) : undefined;
  };
  const fits = (r: Json) => {
    const type = codings(r.type).map((c) => c.code?.toLowerCase());
    if (type.length > 0 && !type.includes('normal')) return false;
    const applies = arr(r.appliesTo)
      .flatMap((a) => [...codings(a).map((c) => c.code ?? ''), conceptText(a) ?? ''])
      .join(' ')
      .toLowerCase();
    if (/\b(female|women|woman|f)\b/.test(applies) && patient.sex !== 'female') return false;
    if (/\b(male|men|man|m)\b/.test(applies.replace(/female|women|woman/g, '')) && patient.sex !== 'male') return false;
    const ageRange = obj(r.age);
    if (ageRange) {
      const low = num(obj(ageRange.low)?.value);
      const high = num(obj(ageRange.high)?.value);
      if (!age || (low !== undefined && age.min < low) || (high !== undefined && age.max > high)) return false;
    }
    return true;
  };
  const ranges = arr(o.referenceRange)
    .map(obj)
    .filter((r): r is Json => r !== undefined && fits(r))
    .map((r) => ({ low: read(r.low), high: read(r.high) }))
    .filter((r) => r.low !== undefined || r.high !== undefined);
  const first = ranges[0];
  if (!first || ranges.some((r) => r.low !== first.low || r.high !== first.high)) return undefined;
  return { ...(first.low !== undefined ? { low: first.low } : {}), ...(first.high !== undefined ? { high: first.high } : {}) };
}

const decimalsWritten = (v: number) => Math.min(3, (String(v).split('.')[1] ?? '').length);
/** Decimals that keep two significant digits of a converted limit (0.012 stays 0.012, not 0.01). */
const significantDecimals = (v: number) => (v === 0 ? 0 : Math.min(4, Math.max(0, 1 - Math.floor(Math.log10(Math.abs(v))))));
const limitSymbol = (l: Limit, side: 'low' | 'high') => (side === 'low' ? (l.inclusive ? '≤' : '<') : l.inclusive ? '≥' : '>');

const comparatorWords: Record<string, Record<Language, string>> = {
  '<': { en: 'less than', es: 'menos de' },
  '<=': { en: 'at most', es: 'como máximo' },
  '>': { en: 'more than', es: 'más de' },
  '>=': { en: 'at least', es: 'al menos' },
};

/** A result that was taken longer ago than this gets the same-day callback no more. */
export const SAME_DAY_MAX_DAYS = 14;
/** A newborn's result that would wait for a routine callback is called back today while it is this recent. */
const NEWBORN_MAX_DAYS = 7;
const NEWBORN_AGE = 30 / 365.25;

function classifyQuantity(o: Json, entry: QuantityLab, patient: PatientFacts, lang: Language, days: number | undefined): Outcome {
  const q = obj(o.valueQuantity);
  const value = num(q?.value);
  if (!q || value === undefined) return { kind: 'unknown', why: 'value' };
  const comparator = str(q.comparator);
  if (comparator !== undefined && !(comparator in comparatorWords)) return { kind: 'unknown', why: 'comparator' };
  const unitCode = str(q.code) ?? str(q.unit);
  const shownUnit = displayUnit(str(q.unit) ?? str(q.code) ?? '');
  const toPack = converter(unitCode, entry.unit, entry);
  // Units we cannot compare are never explained, whatever the lab's H/L flag says (its critical flags were read first).
  if (!toPack) return { kind: 'unknown', why: 'unit', unit: shownUnit || '?' };
  const canonical = canonicalUnit(unitCode) ?? entry.unit;
  const saidUnit = spokenUnit(canonical, lang, entry);
  const decimals = decimalsWritten(value);
  const amount = (v: number, d: number, cmp?: string): Amount => {
    const n = formatNumber(v, lang, d);
    const said = cmp ? `${comparatorWords[cmp]![lang]} ${n}` : n;
    const shownNumber = cmp ? `${cmp.replace('<=', '≤').replace('>=', '≥')} ${n}` : n;
    return { shown: shownUnit ? `${shownNumber} ${shownUnit}` : shownNumber, spoken: saidUnit ? `${said} ${saidUnit}` : said };
  };
  const fromPack = converter(entry.unit, canonical, entry) ?? ((x: number) => x);
  const sameUnit = canonical.toLowerCase() === entry.unit.toLowerCase();
  // A limit in the value's own unit keeps its decimals (a value of 4 must not turn 3.5 into "4"); a converted one
  // keeps two significant digits at least.
  const packAmount = (packValue: number) => {
    if (sameUnit) return amount(packValue, Math.max(decimals, decimalsWritten(packValue)));
    const converted = fromPack(packValue);
    return amount(converted, Math.max(decimals, significantDecimals(converted)));
  };
  const age = ageInterval(patient.birthDate, resultDate(o), patient.now);
  const applicable = applicableRanges(entry, patient.sex, age);
  const { low: critLow, high: critHigh } = applicable.critical;
  // What the value can be, in the pack's unit: a converted value as the interval its reported precision allows
  // (2.8 mmol/L of glucose may be 2.75–2.85, i.e. 49.5–51.3 mg/dL, so it reaches "≤ 50 mg/dL" as a lab reporting in
  // mmol/L would call it), and "< 15" anything below 15.
  const half = sameUnit ? 0 : 0.5 * 10 ** -decimals;
  const [a, b] = [toPack(value - half), toPack(value + half)];
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  // "< 15" is strictly below 15: the bound itself is not a value it can be.
  const strict = Math.abs(hi) * 1e-9 + 1e-12;
  if (comparator?.startsWith('<')) [lo, hi] = [-Infinity, comparator === '<' ? hi - strict : hi];
  if (comparator?.startsWith('>')) [lo, hi] = [comparator === '>' ? lo + strict : lo, Infinity];
  const limitText = (l: Limit, side: 'low' | 'high') => `${limitSymbol(l, side)} ${packAmount(l.value).shown}`;
  // Every value it can be is past a critical limit: critical. Only some of them ("< 20" against "≤ 15"): unclear.
  if (beyondLow(hi, critLow)) return { kind: 'critical', why: 'limit', limit: limitText(critLow!, 'low') };
  if (beyondHigh(lo, critHigh)) return { kind: 'critical', why: 'limit', limit: limitText(critHigh!, 'high') };
  if (beyondLow(lo, critLow) || beyondHigh(hi, critHigh)) {
    if (comparator) return { kind: 'unknown', why: 'comparator' };
    return { kind: 'critical', why: 'limit', limit: limitText(beyondLow(lo, critLow) ? critLow! : critHigh!, beyondLow(lo, critLow) ? 'low' : 'high') };
  }

  const flags = interpretationCodes(o);
  const own = ownRange(o, entry, patient, age);
  if (entry.abnormalIsCritical) {
    const flagged = flags.some((f) => highFlags.has(f) || lowFlags.has(f) || abnormalFlags.has(f));
    const outsideOwn = own !== undefined && ((own.high !== undefined && lo > own.high) || (own.low !== undefined && hi < own.low));
    if (flagged || outsideOwn) return { kind: 'critical', why: 'abnormal' };
  }
  const recent = days === undefined || days <= SAME_DAY_MAX_DAYS;
  const sameDayLimits = entry.sameDay ? comparableLimits(entry.sameDay) : undefined;
  const urgent = recent && sameDayLimits !== undefined && (beyondLow(lo, sameDayLimits.low) || beyondHigh(hi, sameDayLimits.high));
  if (entry.explain === 'clinician') return { kind: 'clinician', why: urgent ? 'same-day' : 'entry', sameDay: urgent };
  const usual = applicable.usual;
  if (usual.kind === 'clinician') {
    const newborn = age !== undefined && age.max < NEWBORN_AGE && (days === undefined || days <= NEWBORN_MAX_DAYS);
    return newborn || urgent ? { kind: 'clinician', why: newborn ? 'newborn' : 'same-day', sameDay: true } : { kind: 'clinician', why: 'age' };
  }
  if (usual.kind === 'uncertain') return { kind: 'unknown', why: 'patient' };
  const range = own ?? (usual.kind === 'range' ? usual.range : undefined);
  const shown = amount(value, decimals, comparator);
  const mark = urgent ? { urgent: true } : {};
  if (!range || (range.low === undefined && range.high === undefined)) {
    if (flags.some((f) => highFlags.has(f))) return { kind: 'higher', value: shown, ...mark };
    if (flags.some((f) => lowFlags.has(f))) return { kind: 'lower', value: shown, ...mark };
    if (comparator) return { kind: 'unknown', why: 'comparator' };
    return { kind: 'no-range', value: shown };
  }
  const limits = {
    ...(range.low !== undefined ? { low: packAmount(range.low) } : {}),
    ...(range.high !== undefined ? { high: packAmount(range.high) } : {}),
  };
  // The lab's own flag wins over our comparison: it knows its method and its patient.
  if (flags.some((f) => highFlags.has(f))) return { kind: 'higher', value: shown, range: limits, ...mark };
  if (flags.some((f) => lowFlags.has(f))) return { kind: 'lower', value: shown, range: limits, ...mark };
  if (flags.some((f) => abnormalFlags.has(f))) return { kind: 'outside', value: shown, range: limits, ...mark };
  if (range.high !== undefined && lo > range.high) return { kind: 'higher', value: shown, range: limits, ...mark };
  if (range.low !== undefined && hi < range.low) return { kind: 'lower', value: shown, range: limits, ...mark };
  // "< 20" against a range of 10 to 40 may be inside it or below it: unclear.
  if ((range.high !== undefined && hi > range.high) || (range.low !== undefined && lo < range.low)) {
    if (flags.includes('N') && !comparator) return { kind: 'within', value: shown, range: limits };
    return comparator ? { kind: 'unknown', why: 'comparator' } : { kind: 'within', value: shown, range: limits };
  }
  return { kind: 'within', value: shown, range: limits, ...mark };
}

/** The readings of a value's codes, from code systems that define them (a local system may use "ND" for "not done"). */
function codedReadings(o: Json): PresenceReading[] {
  return codings(o.valueCodeableConcept)
    .filter((c) => c.system !== undefined && /snomed|loinc|hl7\.org/i.test(c.system))
    .map((c) => (c.code ? readPresenceCode(c.code) : undefined))
    .filter((r): r is PresenceReading => r !== undefined);
}

/** How a qualitative value reads: its codes first, then its text, then the lab's interpretation flag. */
export function presenceOf(o: Json): PresenceReading {
  const fromCodes = codedReadings(o);
  if (fromCodes.length > 0) return fromCodes.every((r) => r === fromCodes[0]) ? fromCodes[0]! : 'unknown';
  const text = conceptText(o.valueCodeableConcept) ?? str(o.valueString);
  if (text !== undefined) return readPresenceText(text);
  if (typeof o.valueBoolean === 'boolean') return o.valueBoolean ? 'detected' : 'not-detected';
  const flags = interpretationCodes(o);
  const detected = flags.some((f) => detectedFlags.has(f));
  const notDetected = flags.some((f) => notDetectedFlags.has(f));
  if (detected !== notDetected) return detected ? 'detected' : 'not-detected';
  return 'unknown';
}

const withoutMarks = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Words a result text uses that name no germ or substance. */
const resultWords = new Set(
  (
    'detected detect not no none negative neg positive pos present absent isolated isolate grew growth found reactive ' +
    'nonreactive non trace small moderate large result results test tested the was were is are in on of for and or by at ' +
    'to from sample specimen throat swab nasal nasopharyngeal culture rapid antigen ag pcr naa rna dna virus viral screen ' +
    'screening see comment ref reference range normal expected value presumptive equivocal indeterminate invalid ' +
    'inconclusive pending final preliminary hours hrs days after flora only urine blood detectado detectada detecto se ' +
    'negativo negativa positivo positiva presente ausente aislado aislo crecimiento sin muestra prueba resultado de del la ' +
    'el en por para y o con horas dias qualifier finding'
  ).split(' '),
);

/**
 * Whether a result text names something other than what this test looks for ("Staphylococcus aureus isolated" on a
 * strep A culture, "Influenza B detected" on a flu A test). Such a text is unclear, never read as this test's germ.
 */
function namesSomethingElse(text: string, entry: PresenceLab, pack: KnowledgePack): boolean {
  if (!entry.targets?.length) return false;
  const t = withoutMarks(text.slice(0, 500));
  // Whole words only: "flu a" is not in "flu and", "strep a" not in "strep agalactiae".
  const names = (target: string) => {
    const phrase = withoutMarks(target)
      .trim()
      .replace(/[^a-z0-9]+$/, '');
    let at = t.indexOf(phrase);
    while (at >= 0) {
      const before = t[at - 1];
      const after = t[at + phrase.length];
      if ((before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after))) return true;
      at = t.indexOf(phrase, at + 1);
    }
    return false;
  };
  if (entry.targets.some(names)) return false;
  const others = pack.entries.flatMap((e) => (e !== entry && e.result === 'presence' ? (e.targets ?? []) : []));
  if (others.some(names)) return true;
  const own = new Set(entry.targets.flatMap((target) => withoutMarks(target).split(/[^a-z0-9]+/)));
  return (t.match(/[a-z]{3,}/g) ?? []).some((w) => !resultWords.has(w) && !own.has(w));
}

function classifyPresence(o: Json, entry: PresenceLab, patient: PatientFacts, pack: KnowledgePack, days: number | undefined): Outcome {
  const hasValue = o.valueCodeableConcept !== undefined || o.valueString !== undefined || o.valueBoolean !== undefined || arr(o.interpretation).length > 0;
  if (!hasValue) return { kind: 'unknown', why: 'value' };
  // A sensitive test (HIV, pregnancy) gets the same script whatever it found: a same-day callback when a positive
  // would need one, so the script itself never gives the result away.
  if (entry.explain === 'clinician') return { kind: 'clinician', why: 'entry', sameDay: entry.whenDetected !== 'explain' };
  const reading = presenceOf(o);
  if (reading === 'unknown') return { kind: 'unknown', why: 'text' };
  const text = conceptText(o.valueCodeableConcept) ?? str(o.valueString);
  if (text !== undefined && codedReadings(o).length === 0 && namesSomethingElse(text, entry, pack)) return { kind: 'unknown', why: 'text' };
  if (reading === 'not-detected') return { kind: 'not-detected', entry, age: ageInterval(patient.birthDate, resultDate(o), patient.now) };
  if (entry.whenDetected === 'nurse-now') return { kind: 'critical', why: 'detected' };
  // A positive from weeks ago has been acted on (the lab called it in): an ordinary follow-up, not a call today.
  if (entry.whenDetected === 'callback-today' && (days === undefined || days <= SAME_DAY_MAX_DAYS)) return { kind: 'callback-today', entry };
  return { kind: 'detected', entry, age: undefined };
}

/** Results a lab has withdrawn: never explained, never called critical. */
const withdrawn = new Set(['entered-in-error', 'cancelled']);
/** Results that may still change: critical values are still acted on, nothing else is explained. */
const provisional = new Set(['registered', 'preliminary']);

/**
 * Classifies one Observation (or component) against the pack. Critical flags are honoured even for unknown codes and
 * preliminary results; a withdrawn result (entered in error, cancelled) is never explained.
 */
export function classify(pack: KnowledgePack, o: Json, patient: PatientFacts, lang: Language): Classified {
  const entry = findEntry(pack, o);
  const ownText = conceptText(o.code);
  const name = (l: Language) => entry?.name[l] ?? ownText ?? (l === 'es' ? 'esta prueba' : 'this test');
  const recordName = !entry && ownText !== undefined;
  const taken = instantBounds(resultDate(o));
  const days = taken ? Math.max(0, ((patient.now ?? Date.now()) - taken[1]) / 86_400_000) : undefined;
  // A test the app cannot name may be anything (an STI test, a genetic test): its name is as private as a sensitive one.
  const privateName = entry ? entry.sensitive : ownText !== undefined;
  const result = (outcome: Outcome, extra: Partial<Classified> = {}): Classified => ({ entry, name, recordName, outcome, days, privateName, ...extra });
  const status = str(o.status);
  if (status && withdrawn.has(status)) return result({ kind: 'unknown', why: 'withdrawn' });
  if (flaggedCritical(o)) {
    // When the value is also past the pack's critical limit, say which limit (the agent can tell the nurse).
    const byLimit = entry?.result === 'quantity' ? classifyQuantity(o, entry, patient, lang, days) : undefined;
    return result(byLimit?.kind === 'critical' && byLimit.why === 'limit' ? byLimit : { kind: 'critical', why: 'flag' });
  }
  if (status && provisional.has(status)) {
    const byLimit = entry?.result === 'quantity' ? classifyQuantity(o, entry, patient, lang, days) : undefined;
    return result(byLimit?.kind === 'critical' ? byLimit : { kind: 'unknown', why: 'preliminary' });
  }
  if (!entry) {
    const qualitative = o.valueCodeableConcept !== undefined || o.valueString !== undefined;
    return result({ kind: 'unknown', why: 'code' }, qualitative ? { presence: presenceOf(o) } : {});
  }
  if (entry.result === 'quantity') return result(classifyQuantity(o, entry, patient, lang, days));
  if (entry.result === 'presence') return result(classifyPresence(o, entry, patient, pack, days));
  if (entry.explain === 'clinician') return result({ kind: 'clinician', why: 'entry' });
  return result({ kind: 'unknown', why: 'value' });
}
