import type { Observation, ObservationComponent } from '@medplum/fhirtypes';
import type { PatientContext } from './context';
import { SYS, ucum } from './fhir';
import { type Analyte, category, classify, interpretation, loincConcept, referenceRange, roundTo, sample } from './measure';
import { quantityObservation } from './labs';
import { MINUTE_MS, isoInstant } from './time';

function vital(
  loinc: string,
  display: string,
  text: string,
  ucumCode: string,
  unit: string,
  decimals: number,
  limits: Omit<Analyte, 'loinc' | 'display' | 'text' | 'ucum' | 'unit' | 'decimals'>,
): Analyte {
  return { loinc, display, text, ucum: ucumCode, unit, decimals, ...limits };
}

const V = {
  heartRateAdult: vital('8867-4', 'Heart rate', 'Heart rate', '/min', 'beats/min', 0, {
    normal: [62, 96],
    low: 60,
    high: 100,
    critLow: 40,
    critHigh: 150,
    min: 32,
    max: 185,
  }),
  heartRateInfant: vital('8867-4', 'Heart rate', 'Heart rate', '/min', 'beats/min', 0, {
    normal: [105, 155],
    low: 100,
    high: 160,
    critLow: 70,
    critHigh: 220,
    min: 60,
    max: 240,
  }),
  heartRateToddler: vital('8867-4', 'Heart rate', 'Heart rate', '/min', 'beats/min', 0, {
    normal: [85, 135],
    low: 80,
    high: 140,
    critLow: 60,
    critHigh: 190,
    min: 50,
    max: 210,
  }),
  heartRateChild: vital('8867-4', 'Heart rate', 'Heart rate', '/min', 'beats/min', 0, {
    normal: [72, 116],
    low: 70,
    high: 120,
    critLow: 50,
    critHigh: 170,
    min: 42,
    max: 190,
  }),
  temperature: vital('8310-5', 'Body temperature', 'Temperature', '[degF]', '°F', 1, {
    normal: [97.3, 99.3],
    low: 97.0,
    high: 99.5,
    critLow: 95.0,
    critHigh: 104.0,
    min: 93.5,
    max: 106.0,
  }),
  spo2: vital('2708-6', 'Oxygen saturation in Arterial blood', 'SpO2', '%', '%', 0, { normal: [95, 100], low: 95, critLow: 88, min: 76, max: 100 }),
  weight: vital('29463-7', 'Body weight', 'Weight', '[lb_av]', 'lb', 1, { normal: [0, 0], min: 0, max: 0 }),
  height: vital('8302-2', 'Body height', 'Height', '[in_i]', 'in', 1, { normal: [0, 0], min: 0, max: 0 }),
  bmiAdult: vital('39156-5', 'Body mass index (BMI) [Ratio]', 'BMI', 'kg/m2', 'kg/m2', 1, { normal: [18.5, 24.9], low: 18.5, high: 24.9, min: 12, max: 70 }),
  bmiChild: vital('39156-5', 'Body mass index (BMI) [Ratio]', 'BMI', 'kg/m2', 'kg/m2', 1, { normal: [0, 0], min: 0, max: 0 }),
  systolicAdult: vital('8480-6', 'Systolic blood pressure', 'Systolic', 'mm[Hg]', 'mmHg', 0, {
    normal: [104, 128],
    low: 90,
    high: 129,
    critLow: 70,
    critHigh: 180,
    min: 62,
    max: 220,
  }),
  systolicChild: vital('8480-6', 'Systolic blood pressure', 'Systolic', 'mm[Hg]', 'mmHg', 0, {
    normal: [92, 114],
    low: 80,
    high: 119,
    critLow: 65,
    critHigh: 160,
    min: 58,
    max: 175,
  }),
  diastolicAdult: vital('8462-4', 'Diastolic blood pressure', 'Diastolic', 'mm[Hg]', 'mmHg', 0, {
    normal: [60, 84],
    low: 60,
    high: 89,
    critHigh: 120,
    min: 38,
    max: 140,
  }),
  diastolicChild: vital('8462-4', 'Diastolic blood pressure', 'Diastolic', 'mm[Hg]', 'mmHg', 0, {
    normal: [52, 78],
    low: 50,
    high: 79,
    critHigh: 100,
    min: 34,
    max: 115,
  }),
} as const;

const BP_PANEL = { loinc: '85354-9', display: 'Blood pressure panel with all children optional', text: 'Blood pressure' };

export type VitalKey = 'bp' | 'hr' | 'temp' | 'spo2' | 'weight' | 'height' | 'bmi';

/** Which vitals a visit records: fewer for sick and emergency visits, no BP under 3, no BMI under 2. */
export function vitalSet(kind: 'full' | 'sick' | 'none', ageYears: number, withHeight: boolean): VitalKey[] {
  if (kind === 'none') return [];
  const set: VitalKey[] = [];
  if (ageYears >= 3) set.push('bp');
  set.push('hr', 'temp', 'spo2', 'weight');
  if (kind === 'full') {
    if (withHeight || ageYears < 18) set.push('height');
    if (ageYears >= 2) set.push('bmi');
  }
  return set;
}

export interface Body {
  ageYears: number;
  female: boolean;
  heightIn: number;
  weightLb: number;
}

/** Growth-chart-ish height (in) and weight (lb) for a child, scaled by the person's build. */
export function childBody(ageYears: number, female: boolean, adultHeightIn: number, adultWeightLb: number): { heightIn: number; weightLb: number } {
  const a = Math.max(0, ageYears);
  let cm: number;
  if (a < 1) cm = 50 + 25 * a;
  else if (a < 2) cm = 75 + 12 * (a - 1);
  else if (a < 12) cm = 87 + 6.2 * (a - 2);
  else cm = Math.min(149 + (female ? 3 : 5.5) * (a - 12), female ? 163 : 176);
  let kg: number;
  if (a < 1) kg = 3.4 + 6 * a;
  else if (a < 2) kg = 9.5 + 2.5 * (a - 1);
  else if (a < 10) kg = 12 + 2.3 * (a - 2);
  else kg = 30.4 + 4.5 * (a - 10);
  const build = Math.min(1.35, Math.max(0.85, (703 * adultWeightLb) / (adultHeightIn * adultHeightIn) / 24));
  const stature = adultHeightIn / (female ? 64 : 69.5);
  return { heightIn: (cm / 2.54) * stature, weightLb: kg * 2.2046 * build };
}

function heartRate(ageYears: number): Analyte {
  if (ageYears < 1) return V.heartRateInfant;
  if (ageYears < 5) return V.heartRateToddler;
  if (ageYears < 12) return V.heartRateChild;
  return V.heartRateAdult;
}

function bloodPressure(ctx: PatientContext, encounterUrl: string, ms: number, child: boolean): Observation {
  const rng = ctx.rng;
  const sysDef = child ? V.systolicChild : V.systolicAdult;
  const diaDef = child ? V.diastolicChild : V.diastolicAdult;
  const systolic = sample(rng, sysDef);
  const diastolic = Math.round(Math.min(diaDef.max, Math.max(diaDef.min, systolic * 0.63 + rng.float(-7, 7))));
  const component = (def: Analyte, v: number): ObservationComponent => {
    const c: ObservationComponent = { code: loincConcept(def), valueQuantity: ucum(v, def.ucum, def.unit), interpretation: interpretation(classify(def, v)) };
    const range = referenceRange(def);
    if (range) c.referenceRange = range;
    return c;
  };
  return {
    resourceType: 'Observation',
    ...ctx.head(ms),
    status: 'final',
    category: category('vital-signs'),
    code: loincConcept(BP_PANEL),
    subject: { reference: ctx.patientUrl },
    encounter: { reference: encounterUrl },
    effectiveDateTime: isoInstant(ms),
    issued: isoInstant(ms),
    component: [component(sysDef, systolic), component(diaDef, diastolic)],
  };
}

/** Records the vitals in `set` at `startMs` (a few minutes after rooming); returns how many were added. */
export function emitVitals(ctx: PatientContext, set: readonly VitalKey[], encounterUrl: string, startMs: number, body: Body): number {
  const rng = ctx.rng;
  const ms = startMs + rng.int(3, 12) * MINUTE_MS;
  const child = body.ageYears < 18;
  const weight = roundTo(body.weightLb * (1 + rng.float(-0.03, 0.03)), 1);
  const height = roundTo(body.heightIn, 1);
  for (const key of set) {
    let obs: Observation;
    switch (key) {
      case 'bp':
        obs = bloodPressure(ctx, encounterUrl, ms, child);
        break;
      case 'hr': {
        const def = heartRate(body.ageYears);
        obs = quantityObservation(ctx, encounterUrl, 'vital-signs', def, sample(rng, def), ms, ms);
        break;
      }
      case 'temp':
        obs = quantityObservation(ctx, encounterUrl, 'vital-signs', V.temperature, sample(rng, V.temperature), ms, ms);
        break;
      case 'spo2':
        obs = quantityObservation(ctx, encounterUrl, 'vital-signs', V.spo2, sample(rng, V.spo2), ms, ms);
        obs.code.coding?.push({ system: SYS.loinc, code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' });
        break;
      case 'weight':
        obs = quantityObservation(ctx, encounterUrl, 'vital-signs', V.weight, weight, ms, ms);
        break;
      case 'height':
        obs = quantityObservation(ctx, encounterUrl, 'vital-signs', V.height, height, ms, ms);
        break;
      case 'bmi': {
        const bmi = roundTo((703 * weight) / (body.heightIn * body.heightIn), 1);
        obs = quantityObservation(ctx, encounterUrl, 'vital-signs', child ? V.bmiChild : V.bmiAdult, bmi, ms, ms);
        break;
      }
    }
    ctx.push(obs);
  }
  return set.length;
}
