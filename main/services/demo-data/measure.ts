import type { CodeableConcept, ObservationReferenceRange } from '@medplum/fhirtypes';
import { SYS, ucum } from './fhir';
import type { Rng } from './rng';

export type Interpretation = 'N' | 'H' | 'L' | 'HH' | 'LL';

/** A quantitative measurement: its codes, unit, reference limits and plausible extremes. */
export interface Analyte {
  loinc: string;
  display: string;
  text: string;
  ucum: string;
  unit: string;
  decimals: number;
  /** Range normal values are drawn from (inside the reference limits). */
  normal: readonly [number, number];
  low?: number;
  high?: number;
  critLow?: number;
  critHigh?: number;
  min: number;
  max: number;
}

const SCALE = [1, 10, 100, 1000];

export function roundTo(v: number, decimals: number): number {
  const f = SCALE[decimals] ?? 1;
  return Math.round(v * f) / f;
}

export function classify(a: Analyte, v: number): Interpretation {
  if (a.critLow !== undefined && v < a.critLow) return 'LL';
  if (a.critHigh !== undefined && v > a.critHigh) return 'HH';
  if (a.low !== undefined && v < a.low) return 'L';
  if (a.high !== undefined && v > a.high) return 'H';
  return 'N';
}

/**
 * About 70% normal, 22% abnormal and 8% critical (where the analyte has critical limits; otherwise abnormal).
 * `force` pins the class. The interpretation is always recomputed from the rounded value.
 */
export function sample(rng: Rng, a: Analyte, force?: 'N' | 'abnormal' | 'HH' | 'LL'): number {
  const u = rng.next();
  let kind = force ?? (u < 0.7 ? 'N' : u < 0.92 ? 'abnormal' : 'critical');
  const hasCrit = a.critLow !== undefined || a.critHigh !== undefined;
  if (kind === 'critical' && !hasCrit) kind = 'abnormal';
  let v: number;
  if (kind === 'N') {
    v = rng.float(a.normal[0], a.normal[1]);
  } else if (kind === 'HH' && a.critHigh !== undefined) {
    v = rng.float(a.critHigh + (a.max - a.critHigh) * 0.1, a.max);
  } else if (kind === 'LL' && a.critLow !== undefined) {
    v = rng.float(a.min, a.critLow - (a.critLow - a.min) * 0.1);
  } else if (kind === 'critical') {
    const high = a.critHigh !== undefined && (a.critLow === undefined || rng.chance(0.5));
    v = high ? rng.float(a.critHigh as number, a.max) : rng.float(a.min, a.critLow as number);
  } else {
    // Abnormal values stay nearer the reference limit than the critical limit (or the extreme).
    const high = a.high !== undefined && (a.low === undefined || rng.chance(0.6));
    if (high) {
      const hi = a.high as number;
      v = rng.float(hi, hi + ((a.critHigh ?? a.max) - hi) * (a.critHigh === undefined ? 0.3 : 0.6));
    } else {
      const lo = a.low ?? a.normal[0];
      v = rng.float(lo - (lo - (a.critLow ?? a.min)) * (a.critLow === undefined ? 0.5 : 0.6), lo);
    }
  }
  return roundTo(v, a.decimals);
}

const INTERPRETATION_DISPLAY: Record<Interpretation | 'A', string> = {
  N: 'Normal',
  H: 'High',
  L: 'Low',
  HH: 'Critical high',
  LL: 'Critical low',
  A: 'Abnormal',
};

export function interpretation(code: Interpretation | 'A'): CodeableConcept[] {
  const display = INTERPRETATION_DISPLAY[code];
  return [{ coding: [{ system: SYS.interpretation, code, display }], text: display }];
}

function limitText(a: Analyte): string {
  if (a.low !== undefined && a.high !== undefined) return `${a.low}-${a.high} ${a.unit}`;
  if (a.high !== undefined) return `<=${a.high} ${a.unit}`;
  return `>=${a.low} ${a.unit}`;
}

const rangeTexts = new Map<Analyte, string>();

export function referenceRange(a: Analyte): ObservationReferenceRange[] | undefined {
  if (a.low === undefined && a.high === undefined) return undefined;
  let text = rangeTexts.get(a);
  if (text === undefined) {
    text = limitText(a);
    rangeTexts.set(a, text);
  }
  const range: ObservationReferenceRange = {};
  if (a.low !== undefined) range.low = ucum(a.low, a.ucum, a.unit);
  if (a.high !== undefined) range.high = ucum(a.high, a.ucum, a.unit);
  range.text = text;
  return [range];
}

export function loincConcept(a: { loinc: string; display: string; text: string }): CodeableConcept {
  return { coding: [{ system: SYS.loinc, code: a.loinc, display: a.display }], text: a.text };
}

export function category(code: 'laboratory' | 'vital-signs'): CodeableConcept[] {
  return [
    {
      coding: [{ system: SYS.obsCategory, code, display: code === 'laboratory' ? 'Laboratory' : 'Vital Signs' }],
      text: code === 'laboratory' ? 'Laboratory' : 'Vital Signs',
    },
  ];
}
