import type { ResultFlag } from '../../../preload/contract';
import { arr, codings, conceptText, num, obj, str, type Json } from '../fhir/access';
import { describeDate, readFhirDate } from './dates';
import { decimalText } from '../fhir/decimal-json';
import { plainNumber } from './numbers';
import { chooseRange, type PatientFacts } from './reference-range';
import { displayUnit } from '../scripts/units';

// HL7 v3 ObservationInterpretation (R4), then SNOMED CT qualifiers some labs send instead. HU/LU ("significantly
// high/low") are not critical in R4; HH/LL/AA are.
const critical = new Set(['HH', 'LL', 'AA']);
const abnormal = new Set([
  'H',
  'L',
  'A',
  '<',
  '>',
  'POS',
  'DET',
  'R',
  'W',
  'HU',
  'LU',
  'H>',
  'L<',
  'HX',
  'LX',
  '281302008',
  '281300000',
  '263654008',
  '75540009',
  '62482003',
  '10828004',
  '260373001',
]);
const normal = new Set(['N', 'NEG', 'ND', 'S', '17621005', '281301001', '260385009', '260415000']);
const rank: Record<ResultFlag, number> = { normal: 1, abnormal: 2, critical: 3 };

interface Flagged {
  code: string | null;
  flag: ResultFlag;
}

/** A text-only interpretation ("High", "Panic value", "Anormal"). */
function textFlag(text: string): ResultFlag | undefined {
  const t = text.slice(0, 200).toLowerCase();
  if (/\b(critical|panic|cr[ií]tico|p[aá]nico)\b/.test(t)) return 'critical';
  if (/^\s*(normal|negative|not detected|within (the )?(normal|reference) (limits|range)|wnl|negativo|no detectado)\s*$/.test(t)) return 'normal';
  if (/\b(high|low|abnormal|above|below|positive|detected|alto|bajo|anormal|positivo|detectado)\b/.test(t)) return 'abnormal';
  if (/\bnormal\b/.test(t)) return 'normal';
  return undefined;
}

/** The worst flag an interpretation list gives, by code in any coding position, else by its text. */
function interpretationFlag(list: unknown): Flagged | undefined {
  let worst: Flagged | undefined;
  const consider = (f: Flagged) => {
    if (!worst || rank[f.flag] > rank[worst.flag]) worst = f;
  };
  for (const cc of arr(list)) {
    let coded = false;
    for (const c of codings(cc)) {
      const code = c.code?.toUpperCase();
      if (!code) continue;
      const flag = critical.has(code) ? 'critical' : abnormal.has(code) ? 'abnormal' : normal.has(code) ? 'normal' : undefined;
      if (flag) {
        coded = true;
        consider({ code, flag });
      }
    }
    const text = coded ? undefined : conceptText(cc);
    const flag = text ? textFlag(text) : undefined;
    if (flag) consider({ code: null, flag });
  }
  return worst;
}

/** A quantity against the range that applies to this patient; nothing when no single range applies. */
function rangeFlag(o: Json, quantity: number | undefined, range: Json | undefined): Flagged | undefined {
  if (quantity === undefined || !range) return undefined;
  const low = num(obj(range.low)?.value);
  const high = num(obj(range.high)?.value);
  if (low === undefined && high === undefined) return undefined;
  const comparator = str(obj(o.valueQuantity)?.comparator);
  // "<0.01" below a low limit of 0 says nothing about being outside it.
  if (comparator) return undefined;
  const out = (low !== undefined && quantity < low) || (high !== undefined && quantity > high);
  return { code: null, flag: out ? 'abnormal' : 'normal' };
}

export interface FlagContext {
  patient?: PatientFacts | undefined;
  /** The result's date as written, for the patient's age when it was taken. */
  on?: string | undefined;
}

/**
 * The flag of a result: the lab's interpretation (coded or text), else its value against the reference range that
 * applies to the patient; for a panel (blood pressure), the worst of it and its components. `range` is the range used.
 */
export function resultFlag(
  o: Json,
  quantity: number | undefined,
  ctx: FlagContext = {},
): { code: string | null; flag: ResultFlag | null; range: Json | undefined } {
  const range = chooseRange(o, ctx.patient, ctx.on);
  let worst = interpretationFlag(o.interpretation) ?? rangeFlag(o, quantity, range);
  for (const c of arr(o.component).map(obj)) {
    if (!c) continue;
    const f = interpretationFlag(c.interpretation) ?? rangeFlag(c, num(obj(c.valueQuantity)?.value), chooseRange(c, ctx.patient, ctx.on));
    if (f && (!worst || rank[f.flag] > rank[worst.flag])) worst = f;
  }
  return { code: worst?.code ?? null, flag: worst?.flag ?? null, range };
}

// LOINC codes of blood-pressure panels and their parts, for records that send the code without a display or text.
const loincNames: Record<string, string> = {
  '85354-9': 'Blood pressure',
  '55284-4': 'Blood pressure',
  '35094-2': 'Blood pressure',
  '8480-6': 'Systolic blood pressure',
  '8462-4': 'Diastolic blood pressure',
};
const systolic = new Set(['8480-6', '8459-0', '8460-8', '8461-6', '8479-8', '11378-7', '76215-3', '89268-0']);
const diastolic = new Set(['8462-4', '8453-3', '8454-1', '8455-8', '8456-6', '76213-8', '89267-2']);

const loincCodes = (cc: unknown) => codings(cc).flatMap((c) => (c.code && (!c.system || c.system.includes('loinc')) ? [c.code] : []));

/** The name of a result: its text or display, else the name of a known LOINC code, else the code itself. */
export function resultTitle(o: Json): string | undefined {
  const cc = obj(o.code);
  const named = str(cc?.text) ?? codings(cc).find((c) => c.display)?.display;
  if (named) return named;
  for (const code of loincCodes(cc)) if (loincNames[code]) return loincNames[code];
  return conceptText(cc);
}

/** Units as written, except UCUM's bracketed millimetres of mercury. */
/** A unit as people write it ("Cel" → °C, "{beats}/min" → beats/min), the way the scripts show it; none for "1". */
const unitText = (u: string | undefined) => (u === undefined ? undefined : displayUnit(u) || undefined);

/** A number with the decimals its source wrote ("7.0"), never in exponent notation. */
function written(holder: Json, key: string): string | undefined {
  const n = num(holder[key]);
  if (n === undefined) return undefined;
  const text = decimalText(holder, key);
  return text && !/[eE]/.test(text) ? text : plainNumber(n);
}

function quantityText(q: Json): { value: string; unit: string | null; number: number | undefined } | undefined {
  const n = num(q.value);
  const text = written(q, 'value');
  if (n === undefined || text === undefined) return undefined;
  const comparator = str(q.comparator) ?? '';
  return { value: `${comparator}${text}`, unit: unitText(str(q.unit) ?? str(q.code)) ?? null, number: n };
}

const number = (q: unknown) => {
  const o = obj(q);
  return o ? written(o, 'value') : undefined;
};
const unitOf = (q: unknown) => unitText(str(obj(q)?.unit) ?? str(obj(q)?.code));

function rangeText(r: Json): string | undefined {
  const low = number(r.low);
  const high = number(r.high);
  const unit = unitOf(r.high) ?? unitOf(r.low);
  const text = low !== undefined && high !== undefined ? `${low}–${high}` : low !== undefined ? `≥${low}` : high !== undefined ? `≤${high}` : undefined;
  return text && unit ? `${text} ${unit}` : text;
}

function ratioText(r: Json): string | undefined {
  const n = number(r.numerator);
  const d = number(r.denominator);
  if (n === undefined || d === undefined) return undefined;
  const nu = unitOf(r.numerator);
  const du = unitOf(r.denominator);
  return `${n}${nu ? ` ${nu}` : ''}:${d}${du ? ` ${du}` : ''}`;
}

function dateText(value: unknown, timeZone: string): string | undefined {
  const d = readFhirDate(value, timeZone);
  if (!d) return undefined;
  return 'invalid' in d ? String(value).slice(0, 40) : describeDate(d);
}

function periodText(p: Json, timeZone: string): string | undefined {
  const start = dateText(p.start, timeZone);
  const end = dateText(p.end, timeZone);
  if (start && end) return `${start} – ${end}`;
  if (start) return `from ${start}`;
  return end ? `until ${end}` : undefined;
}

export interface ObservationValue {
  value: string | null;
  unit: string | null;
  /** The number a reference range is compared with. */
  number: number | undefined;
}

const none: ObservationValue = { value: null, unit: null, number: undefined };

/** The value of an Observation (or one of its components) as text, with its unit. */
export function observationValue(o: Json, timeZone = 'UTC'): ObservationValue {
  const q = obj(o.valueQuantity);
  if (q) {
    const t = quantityText(q);
    if (t) return t;
  }
  const concept = conceptText(o.valueCodeableConcept);
  if (concept) return { value: concept, unit: null, number: undefined };
  const text = str(o.valueString);
  if (text) return { value: text.slice(0, 200), unit: null, number: undefined };
  if (typeof o.valueBoolean === 'boolean') return { value: o.valueBoolean ? 'Yes' : 'No', unit: null, number: undefined };
  const integer = num(o.valueInteger);
  if (integer !== undefined) return { value: plainNumber(integer), unit: null, number: integer };
  const written =
    (obj(o.valueRange) && rangeText(obj(o.valueRange)!)) ??
    (obj(o.valueRatio) && ratioText(obj(o.valueRatio)!)) ??
    dateText(o.valueDateTime, timeZone) ??
    (obj(o.valuePeriod) && periodText(obj(o.valuePeriod)!, timeZone)) ??
    str(o.valueTime)?.slice(0, 5);
  if (written) return { value: written, unit: null, number: undefined };

  const components = arr(o.component)
    .map(obj)
    .filter((c): c is Json => !!c);
  if (components.length) {
    const parts = components.map((c) => ({ codes: loincCodes(c.code), name: resultTitle(c) ?? '', ...observationValue(c, timeZone) }));
    const sys = parts.find((p) => p.codes.some((c) => systolic.has(c)) || /systolic/i.test(p.name));
    const dia = parts.find((p) => p.codes.some((c) => diastolic.has(c)) || /diastolic/i.test(p.name));
    if (sys?.value && dia?.value && sys.unit === dia.unit) return { value: `${sys.value}/${dia.value}`, unit: sys.unit, number: undefined };
    const joined = parts
      .filter((p) => p.value)
      .map((p) => `${p.name}: ${p.value}${p.unit ? ` ${p.unit}` : ''}`)
      .join('; ');
    if (joined) return { value: joined.slice(0, 200), unit: null, number: undefined };
  }
  const absent = conceptText(o.dataAbsentReason);
  if (absent) return { value: `Not available: ${absent}`, unit: null, number: undefined };
  return none;
}
