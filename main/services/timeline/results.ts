import type { ResultFlag } from '../../../preload/contract';
import { arr, codings, conceptText, num, obj, str, type Json } from '../fhir/access';

const critical = new Set(['HH', 'LL', 'AA', 'HU', 'LU']);
const abnormal = new Set(['H', 'L', 'A', '<', '>', 'POS', 'DET', 'R', 'W']);
const normal = new Set(['N', 'NEG', 'ND', 'S']);

/** Interpretation code (e.g. "HH") and the flag it implies; a quantity outside its reference range is abnormal. */
export function resultFlag(observation: Json, quantity: number | undefined): { code: string | null; flag: ResultFlag | null } {
  for (const cc of arr(observation.interpretation)) {
    for (const c of codings(cc)) {
      const code = c.code?.toUpperCase();
      if (!code) continue;
      if (critical.has(code)) return { code, flag: 'critical' };
      if (abnormal.has(code)) return { code, flag: 'abnormal' };
      if (normal.has(code)) return { code, flag: 'normal' };
    }
    const text = conceptText(cc)?.toLowerCase();
    if (text?.includes('critical')) return { code: null, flag: 'critical' };
  }
  if (quantity !== undefined) {
    const range = obj(arr(observation.referenceRange)[0]);
    const low = num(obj(range?.low)?.value);
    const high = num(obj(range?.high)?.value);
    if (low !== undefined || high !== undefined) {
      const out = (low !== undefined && quantity < low) || (high !== undefined && quantity > high);
      return { code: null, flag: out ? 'abnormal' : 'normal' };
    }
  }
  return { code: null, flag: null };
}

function quantityText(q: Json): { value: string; unit: string | null; number: number | undefined } | undefined {
  const n = num(q.value);
  if (n === undefined) return undefined;
  const comparator = str(q.comparator) ?? '';
  return { value: `${comparator}${n}`, unit: str(q.unit) ?? str(q.code) ?? null, number: n };
}

/** The value of an Observation (or one of its components) as text, with its unit. */
export function observationValue(o: Json): { value: string | null; unit: string | null; number: number | undefined } {
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
  if (integer !== undefined) return { value: String(integer), unit: null, number: integer };
  const components = arr(o.component).map(obj).filter((c): c is Json => !!c);
  if (components.length) {
    const parts = components.map((c) => ({ name: conceptText(c.code) ?? '', ...observationValue(c) }));
    const sys = parts.find((p) => /systolic/i.test(p.name));
    const dia = parts.find((p) => /diastolic/i.test(p.name));
    if (sys?.value && dia?.value) return { value: `${sys.value}/${dia.value}`, unit: sys.unit, number: undefined };
    const text = parts
      .filter((p) => p.value)
      .map((p) => `${p.name}: ${p.value}${p.unit ? ` ${p.unit}` : ''}`)
      .join('; ');
    return { value: text || null, unit: null, number: undefined };
  }
  return { value: null, unit: null, number: undefined };
}
