import { arr, codings, conceptText, num, obj, str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { Language, LabEntry, PresenceLab, QuantityLab } from '../knowledge/schema';
import { formatNumber } from './format';
import { ageInterval, type AgeInterval } from './patient-age';
import { readPresenceCode, readPresenceText, type PresenceReading } from './presence-text';
import { applicableRanges, beyondHigh, beyondLow, type Limit } from './ranges';
import { spokenUnit } from './spoken-units';
import { canonicalUnit, converter, displayUnit } from './units';

export interface PatientFacts {
  sex: 'female' | 'male' | null;
  birthDate: string | null;
}

/** A number as the agent sees it ("165 ×10³/µL") and as the patient hears it ("165 thousand"). */
export interface Amount {
  shown: string;
  spoken: string;
}

/** What one result (an Observation, or one component of it) shows, decided before any words are chosen. */
export type Outcome =
  | { kind: 'critical'; why: 'limit' | 'flag' | 'detected' | 'abnormal'; limit?: string }
  | { kind: 'within' | 'higher' | 'lower' | 'outside'; value: Amount; range?: { low?: Amount; high?: Amount } }
  | { kind: 'no-range'; value: Amount }
  | { kind: 'detected' | 'not-detected'; entry: PresenceLab; age: AgeInterval | undefined }
  /** Same-day clinician callback (a positive strep or flu test). */
  | { kind: 'callback-today'; entry: PresenceLab }
  /** Never explained by an ambassador: the entry says so, or there is no published range for the patient's age. */
  | { kind: 'clinician'; why: 'entry' | 'age'; sameDay?: boolean }
  | { kind: 'unknown'; why: 'code' | 'value' | 'unit' | 'patient' | 'text' | 'preliminary' | 'withdrawn'; unit?: string };

export interface Classified {
  entry: LabEntry | undefined;
  /** The name to say: the pack's plain name, else the record's own text (English in a Spanish script: see `recordName`). */
  name: (lang: Language) => string;
  /** True when the name is the record's own text, not the pack's. */
  recordName: boolean;
  outcome: Outcome;
  /** For an unknown code: how its value reads, so a panel with an unknown "detected" member is not explained. */
  presence?: PresenceReading;
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

/** The record's own reference range, converted to `unit`, when it states one we can read. */
function ownRange(o: Json, entry: QuantityLab): { low?: number; high?: number } | undefined {
  const r = obj(arr(o.referenceRange)[0]);
  if (!r) return undefined;
  const read = (q: unknown) => {
    const v = num(obj(q)?.value);
    if (v === undefined) return undefined;
    const f = converter(str(obj(q)?.code) ?? str(obj(q)?.unit), entry.unit, entry);
    return f ? f(v) : undefined;
  };
  const low = read(r.low);
  const high = read(r.high);
  if (low === undefined && high === undefined) return undefined;
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
}

const decimalsOf = (v: number) => Math.min(3, (String(v).split('.')[1] ?? '').length);
const symbol = (l: Limit, side: 'low' | 'high') => (side === 'low' ? (l.inclusive ? '≤' : '<') : l.inclusive ? '≥' : '>');

function classifyQuantity(o: Json, entry: QuantityLab, patient: PatientFacts, lang: Language): Outcome {
  const q = obj(o.valueQuantity);
  const value = num(q?.value);
  if (!q || value === undefined) return { kind: 'unknown', why: 'value' };
  const unitCode = str(q.code) ?? str(q.unit);
  const shownUnit = displayUnit(str(q.unit) ?? str(q.code) ?? '');
  const toPack = converter(unitCode, entry.unit, entry);
  // Units we cannot compare are never explained, whatever the lab's H/L flag says (its critical flags were read first).
  if (!toPack) return { kind: 'unknown', why: 'unit', unit: shownUnit || '?' };
  const canonical = canonicalUnit(unitCode) ?? entry.unit;
  const saidUnit = spokenUnit(canonical, lang, entry);
  const decimals = decimalsOf(value);
  const amount = (v: number, d: number): Amount => {
    const n = formatNumber(v, lang, d);
    return { shown: shownUnit ? `${n} ${shownUnit}` : n, spoken: saidUnit ? `${n} ${saidUnit}` : n };
  };
  const v = toPack(value);
  const fromPack = converter(entry.unit, canonical, entry) ?? ((x: number) => x);
  const sameUnit = canonical.toLowerCase() === entry.unit.toLowerCase();
  // A limit in the value's own unit keeps its decimals (a value of 4 must not turn 3.5 into "4"); a converted one is
  // shown like the value.
  const packAmount = (packValue: number, minDecimals = 0) =>
    sameUnit ? amount(packValue, Math.max(decimals, decimalsOf(packValue))) : amount(fromPack(packValue), Math.max(decimals, minDecimals));
  const age = ageInterval(patient.birthDate, resultDate(o));
  const applicable = applicableRanges(entry, patient.sex, age);
  const { low: critLow, high: critHigh } = applicable.critical;
  // A converted value is compared as the interval its reported precision allows: 2.8 mmol/L of glucose may be
  // 2.75–2.85 (49.5–51.3 mg/dL), so it reaches a "≤ 50 mg/dL" limit as a lab reporting in mmol/L would call it.
  const half = sameUnit ? 0 : 0.5 * 10 ** -decimals;
  const [a, b] = [toPack(value - half), toPack(value + half)];
  if (beyondLow(Math.min(a, b), critLow)) return { kind: 'critical', why: 'limit', limit: `${symbol(critLow!, 'low')} ${packAmount(critLow!.value, 1).shown}` };
  if (beyondHigh(Math.max(a, b), critHigh)) return { kind: 'critical', why: 'limit', limit: `${symbol(critHigh!, 'high')} ${packAmount(critHigh!.value, 1).shown}` };

  const flags = interpretationCodes(o);
  const own = ownRange(o, entry);
  if (entry.abnormalIsCritical) {
    const flagged = flags.some((f) => highFlags.has(f) || lowFlags.has(f) || abnormalFlags.has(f));
    const outsideOwn = own !== undefined && ((own.high !== undefined && v > own.high) || (own.low !== undefined && v < own.low));
    if (flagged || outsideOwn) return { kind: 'critical', why: 'abnormal' };
  }
  if (entry.explain === 'clinician') return { kind: 'clinician', why: 'entry' };
  const usual = applicable.usual;
  if (usual.kind === 'clinician') return { kind: 'clinician', why: 'age' };
  if (usual.kind === 'uncertain') return { kind: 'unknown', why: 'patient' };
  const range = own ?? (usual.kind === 'range' ? usual.range : undefined);
  const shown = amount(value, decimals);
  if (!range || (range.low === undefined && range.high === undefined)) {
    if (flags.some((f) => highFlags.has(f))) return { kind: 'higher', value: shown };
    if (flags.some((f) => lowFlags.has(f))) return { kind: 'lower', value: shown };
    return { kind: 'no-range', value: shown };
  }
  const limits = {
    ...(range.low !== undefined ? { low: packAmount(range.low) } : {}),
    ...(range.high !== undefined ? { high: packAmount(range.high) } : {}),
  };
  // The lab's own flag wins over our comparison: it knows its method and its patient.
  if (flags.some((f) => highFlags.has(f))) return { kind: 'higher', value: shown, range: limits };
  if (flags.some((f) => lowFlags.has(f))) return { kind: 'lower', value: shown, range: limits };
  if (flags.some((f) => abnormalFlags.has(f))) return { kind: 'outside', value: shown, range: limits };
  if (flags.includes('N')) return { kind: 'within', value: shown, range: limits };
  if (range.high !== undefined && v > range.high) return { kind: 'higher', value: shown, range: limits };
  if (range.low !== undefined && v < range.low) return { kind: 'lower', value: shown, range: limits };
  return { kind: 'within', value: shown, range: limits };
}

/** How a qualitative value reads: its codes first, then its text, then the lab's interpretation flag. */
export function presenceOf(o: Json): PresenceReading {
  // Only codes of systems that define them: a local code system may use "ND" for "not done".
  const fromCodes = codings(o.valueCodeableConcept)
    .filter((c) => c.system !== undefined && /snomed|loinc|hl7\.org/i.test(c.system))
    .map((c) => (c.code ? readPresenceCode(c.code) : undefined))
    .filter((r): r is PresenceReading => r !== undefined);
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

function classifyPresence(o: Json, entry: PresenceLab, patient: PatientFacts): Outcome {
  const hasValue = o.valueCodeableConcept !== undefined || o.valueString !== undefined || o.valueBoolean !== undefined || arr(o.interpretation).length > 0;
  if (!hasValue) return { kind: 'unknown', why: 'value' };
  // A sensitive test (HIV, pregnancy) gets the same script whatever it found: a same-day callback when a positive
  // would need one, so the script itself never gives the result away.
  if (entry.explain === 'clinician') return { kind: 'clinician', why: 'entry', sameDay: entry.whenDetected !== 'explain' };
  const reading = presenceOf(o);
  if (reading === 'unknown') return { kind: 'unknown', why: 'text' };
  if (reading === 'not-detected') return { kind: 'not-detected', entry, age: ageInterval(patient.birthDate, resultDate(o)) };
  if (entry.whenDetected === 'nurse-now') return { kind: 'critical', why: 'detected' };
  if (entry.whenDetected === 'callback-today') return { kind: 'callback-today', entry };
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
  const result = (outcome: Outcome, extra: Partial<Classified> = {}): Classified => ({ entry, name, recordName, outcome, ...extra });
  const status = str(o.status);
  if (status && withdrawn.has(status)) return result({ kind: 'unknown', why: 'withdrawn' });
  if (flaggedCritical(o)) {
    // When the value is also past the pack's critical limit, say which limit (the agent can tell the nurse).
    const byLimit = entry?.result === 'quantity' ? classifyQuantity(o, entry, patient, lang) : undefined;
    return result(byLimit?.kind === 'critical' && byLimit.why === 'limit' ? byLimit : { kind: 'critical', why: 'flag' });
  }
  if (status && provisional.has(status)) {
    const byLimit = entry?.result === 'quantity' ? classifyQuantity(o, entry, patient, lang) : undefined;
    return result(byLimit?.kind === 'critical' ? byLimit : { kind: 'unknown', why: 'preliminary' });
  }
  if (!entry) {
    const qualitative = o.valueCodeableConcept !== undefined || o.valueString !== undefined;
    return result({ kind: 'unknown', why: 'code' }, qualitative ? { presence: presenceOf(o) } : {});
  }
  if (entry.result === 'quantity') return result(classifyQuantity(o, entry, patient, lang));
  if (entry.result === 'presence') return result(classifyPresence(o, entry, patient));
  if (entry.explain === 'clinician') return result({ kind: 'clinician', why: 'entry' });
  return result({ kind: 'unknown', why: 'value' });
}
