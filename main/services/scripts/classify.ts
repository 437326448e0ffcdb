import { arr, codings, conceptText, num, obj, str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { Language, LabEntry, QuantityLab } from '../knowledge/schema';
import { formatNumber } from './format';
import { canonicalUnit, converter, displayUnit } from './units';

export interface PatientFacts {
  sex: 'female' | 'male' | null;
  birthDate: string | null;
}

/** What one result (an Observation, or one component of it) shows, decided before any words are chosen. */
export type Outcome =
  | { kind: 'critical'; why: 'limit' | 'flag'; limit?: string }
  | { kind: 'within' | 'higher' | 'lower' | 'outside'; value: string; range?: { low?: string; high?: string } }
  | { kind: 'no-range'; value: string }
  | { kind: 'detected' | 'not-detected' }
  | { kind: 'unknown'; why: 'code' | 'value' | 'unit'; unit?: string };

export interface Classified {
  entry: LabEntry | undefined;
  /** The name to say: the pack's plain name, else the record's own text. */
  name: (lang: Language) => string;
  outcome: Outcome;
}

const criticalFlags = new Set(['HH', 'LL', 'AA', 'HU', 'LU']);
const highFlags = new Set(['H', 'HH', 'HU', '>']);
const lowFlags = new Set(['L', 'LL', 'LU', '<']);
const abnormalFlags = new Set(['A', 'AA']);
const detectedFlags = new Set(['POS', 'DET', 'A']);
const notDetectedFlags = new Set(['NEG', 'ND', 'N']);

const detectedCodes = new Set(['260373001', '10828004', '52101004']);
const notDetectedCodes = new Set(['260415000', '260385009', '2667000']);

function interpretationCodes(o: Json): string[] {
  return arr(o.interpretation).flatMap((i) => codings(i).map((c) => (c.code ?? '').toUpperCase()));
}

function flaggedCritical(o: Json): boolean {
  if (interpretationCodes(o).some((c) => criticalFlags.has(c))) return true;
  return arr(o.interpretation).some((i) => /critical|panic|crítico/i.test(conceptText(i) ?? ''));
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

function ageOn(birthDate: string | null, on: string | undefined): number | undefined {
  if (!birthDate) return undefined;
  const b = Date.parse(birthDate);
  const d = on ? Date.parse(on) : Date.now();
  if (Number.isNaN(b) || Number.isNaN(d)) return undefined;
  return (d - b) / (365.25 * 24 * 3600 * 1000);
}

function packRange(entry: QuantityLab, patient: PatientFacts, age: number | undefined) {
  return entry.ranges.find(
    (r) =>
      (!r.sex || r.sex === patient.sex) &&
      (r.ageMin === undefined || (age !== undefined && age >= r.ageMin)) &&
      (r.ageMax === undefined || (age !== undefined && age < r.ageMax)),
  );
}

/** The record's own reference range, converted to `unit`, when it states one we can read. */
function ownRange(o: Json, unit: string): { low?: number; high?: number } | undefined {
  const r = obj(arr(o.referenceRange)[0]);
  if (!r) return undefined;
  const read = (q: unknown) => {
    const v = num(obj(q)?.value);
    if (v === undefined) return undefined;
    const f = converter(str(obj(q)?.code) ?? str(obj(q)?.unit), unit);
    return f ? f(v) : undefined;
  };
  const low = read(r.low);
  const high = read(r.high);
  if (low === undefined && high === undefined) return undefined;
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
}

function decimalsOf(v: number): number {
  return Math.min(3, (String(v).split('.')[1] ?? '').length);
}

function classifyQuantity(o: Json, entry: QuantityLab, patient: PatientFacts, lang: Language): Outcome {
  const q = obj(o.valueQuantity);
  const value = num(q?.value);
  if (!q || value === undefined) return { kind: 'unknown', why: 'value' };
  const unitCode = str(q.code) ?? str(q.unit);
  const shownUnit = displayUnit(str(q.unit) ?? str(q.code) ?? '');
  const decimals = decimalsOf(value);
  const show = (v: number) => `${formatNumber(v, lang, decimals)}${shownUnit ? ` ${shownUnit}` : ''}`;
  const toPack = converter(unitCode, entry.unit);
  const flags = interpretationCodes(o);
  if (!toPack) {
    // Units we cannot compare: only the lab's own flag may be used, never our range.
    if (flags.some((f) => highFlags.has(f))) return { kind: 'higher', value: show(value) };
    if (flags.some((f) => lowFlags.has(f))) return { kind: 'lower', value: show(value) };
    if (flags.some((f) => abnormalFlags.has(f))) return { kind: 'outside', value: show(value) };
    if (flags.includes('N')) return { kind: 'within', value: show(value) };
    return { kind: 'unknown', why: 'unit', unit: shownUnit || '?' };
  }
  const v = toPack(value);
  const fromPack = converter(entry.unit, canonicalUnit(unitCode) ?? entry.unit) ?? ((x: number) => x);
  const age = ageOn(patient.birthDate, str(o.effectiveDateTime) ?? str(o.issued));
  const usual = packRange(entry, patient, age);
  // Critical means beyond the limit, as labs call it; a value exactly at the limit is outside the usual range.
  // A limit in the value's own unit keeps its decimals (a value of 4 must not turn 3.5 into "4"); a converted one
  // is shown like the value.
  const sameUnit = canonicalUnit(unitCode)?.toLowerCase() === entry.unit.toLowerCase();
  const showLimit = (packValue: number) =>
    sameUnit ? `${formatNumber(packValue, lang, Math.max(decimals, decimalsOf(packValue)))}${shownUnit ? ` ${shownUnit}` : ''}` : show(fromPack(packValue));
  const c = usual?.critical ?? entry.critical;
  if (c?.low !== undefined && v < c.low) return { kind: 'critical', why: 'limit', limit: showLimit(c.low) };
  if (c?.high !== undefined && v > c.high) return { kind: 'critical', why: 'limit', limit: showLimit(c.high) };
  const range = ownRange(o, entry.unit) ?? usual;
  if (!range) {
    if (flags.some((f) => highFlags.has(f))) return { kind: 'higher', value: show(value) };
    if (flags.some((f) => lowFlags.has(f))) return { kind: 'lower', value: show(value) };
    return { kind: 'no-range', value: show(value) };
  }
  const shown = {
    ...(range.low !== undefined ? { low: showLimit(range.low) } : {}),
    ...(range.high !== undefined ? { high: showLimit(range.high) } : {}),
  };
  // The lab's own flag wins over our comparison: it knows its method and its patient.
  if (flags.some((f) => highFlags.has(f))) return { kind: 'higher', value: show(value), range: shown };
  if (flags.some((f) => lowFlags.has(f))) return { kind: 'lower', value: show(value), range: shown };
  if (flags.some((f) => abnormalFlags.has(f))) return { kind: 'outside', value: show(value), range: shown };
  if (flags.includes('N')) return { kind: 'within', value: show(value), range: shown };
  if (range.high !== undefined && v > range.high) return { kind: 'higher', value: show(value), range: shown };
  if (range.low !== undefined && v < range.low) return { kind: 'lower', value: show(value), range: shown };
  return { kind: 'within', value: show(value), range: shown };
}

function classifyPresence(o: Json): Outcome {
  const codes = codings(o.valueCodeableConcept).map((c) => c.code ?? '');
  if (codes.some((c) => notDetectedCodes.has(c))) return { kind: 'not-detected' };
  if (codes.some((c) => detectedCodes.has(c))) return { kind: 'detected' };
  const text = conceptText(o.valueCodeableConcept) ?? str(o.valueString) ?? '';
  if (/\b(not detected|negative|absent|no detectado|negativo)\b/i.test(text)) return { kind: 'not-detected' };
  if (/\b(detected|positive|present|detectado|positivo)\b/i.test(text)) return { kind: 'detected' };
  const flags = interpretationCodes(o);
  if (flags.some((f) => notDetectedFlags.has(f))) return { kind: 'not-detected' };
  if (flags.some((f) => detectedFlags.has(f))) return { kind: 'detected' };
  return { kind: 'unknown', why: 'value' };
}

/** Classifies one Observation (or component) against the pack. Critical flags are honoured even for unknown codes. */
export function classify(pack: KnowledgePack, o: Json, patient: PatientFacts, lang: Language): Classified {
  const entry = findEntry(pack, o);
  const recordName = conceptText(o.code);
  const name = (l: Language) => entry?.name[l] ?? recordName ?? (l === 'es' ? 'esta prueba' : 'this test');
  if (flaggedCritical(o)) {
    // When the value is also past the pack's critical limit, say which limit (the agent can tell the nurse).
    const byLimit = entry?.result === 'quantity' ? classifyQuantity(o, entry, patient, lang) : undefined;
    return { entry, name, outcome: byLimit?.kind === 'critical' ? byLimit : { kind: 'critical', why: 'flag' } };
  }
  if (!entry) return { entry, name, outcome: { kind: 'unknown', why: 'code' } };
  if (entry.result === 'quantity') return { entry, name, outcome: classifyQuantity(o, entry, patient, lang) };
  if (entry.result === 'presence') return { entry, name, outcome: classifyPresence(o) };
  return { entry, name, outcome: { kind: 'unknown', why: 'value' } };
}
