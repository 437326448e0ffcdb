import type { DiagnosticReport, Observation, Quantity, Reference } from '@medplum/fhirtypes';
import type { PatientContext } from './context';
import { SYS, concept, ref, ucum } from './fhir';
import { type Analyte, type Interpretation, category, classify, interpretation, loincConcept, referenceRange, roundTo, sample } from './measure';
import type { Rng } from './rng';
import { HOUR_MS, MINUTE_MS, isoInstant } from './time';

function analyte(
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

const MG_DL = ['mg/dL', 'mg/dL'] as const;
const MMOL = ['mmol/L', 'mmol/L'] as const;
const G_DL = ['g/dL', 'g/dL'] as const;
const U_L = ['U/L', 'U/L'] as const;

export const A = {
  glucose: analyte('2345-7', 'Glucose [Mass/volume] in Serum or Plasma', 'Glucose', ...MG_DL, 0, {
    normal: [72, 98],
    low: 70,
    high: 99,
    critLow: 50,
    critHigh: 400,
    min: 32,
    max: 620,
  }),
  bun: analyte('3094-0', 'Urea nitrogen [Mass/volume] in Serum or Plasma', 'BUN', ...MG_DL, 0, {
    normal: [8, 20],
    low: 7,
    high: 20,
    critHigh: 100,
    min: 3,
    max: 140,
  }),
  creatinine: analyte('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', 'Creatinine', ...MG_DL, 2, {
    normal: [0.62, 1.15],
    low: 0.6,
    high: 1.2,
    critHigh: 7,
    min: 0.3,
    max: 11,
  }),
  sodium: analyte('2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'Sodium', ...MMOL, 0, {
    normal: [137, 144],
    low: 136,
    high: 145,
    critLow: 120,
    critHigh: 160,
    min: 108,
    max: 172,
  }),
  potassium: analyte('2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'Potassium', ...MMOL, 1, {
    normal: [3.6, 5.0],
    low: 3.5,
    high: 5.1,
    critLow: 2.8,
    critHigh: 6.2,
    min: 2.0,
    max: 7.8,
  }),
  chloride: analyte('2075-0', 'Chloride [Moles/volume] in Serum or Plasma', 'Chloride', ...MMOL, 0, {
    normal: [99, 106],
    low: 98,
    high: 107,
    critLow: 80,
    critHigh: 120,
    min: 70,
    max: 130,
  }),
  co2: analyte('2028-9', 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', 'CO2', ...MMOL, 0, {
    normal: [23, 29],
    low: 22,
    high: 29,
    critLow: 10,
    critHigh: 40,
    min: 6,
    max: 48,
  }),
  calcium: analyte('17861-6', 'Calcium [Mass/volume] in Serum or Plasma', 'Calcium', ...MG_DL, 1, {
    normal: [8.7, 10.2],
    low: 8.6,
    high: 10.3,
    critLow: 6,
    critHigh: 13,
    min: 4.8,
    max: 15.5,
  }),
  egfr: analyte(
    '98979-8',
    'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)',
    'eGFR',
    'mL/min/{1.73_m2}',
    'mL/min/1.73m2',
    0,
    { normal: [60, 120], low: 60, min: 3, max: 150 },
  ),
  albumin: analyte('1751-7', 'Albumin [Mass/volume] in Serum or Plasma', 'Albumin', ...G_DL, 1, { normal: [3.6, 4.9], low: 3.5, high: 5.0, min: 1.5, max: 6 }),
  protein: analyte('2885-2', 'Protein [Mass/volume] in Serum or Plasma', 'Total protein', ...G_DL, 1, {
    normal: [6.2, 8.1],
    low: 6.0,
    high: 8.3,
    min: 3.8,
    max: 11,
  }),
  alt: analyte('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'ALT', ...U_L, 0, {
    normal: [9, 50],
    low: 7,
    high: 56,
    min: 4,
    max: 900,
  }),
  ast: analyte('1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'AST', ...U_L, 0, {
    normal: [12, 38],
    low: 10,
    high: 40,
    min: 6,
    max: 900,
  }),
  alp: analyte('6768-6', 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma', 'Alkaline phosphatase', ...U_L, 0, {
    normal: [48, 140],
    low: 44,
    high: 147,
    min: 20,
    max: 700,
  }),
  bilirubin: analyte('1975-2', 'Bilirubin.total [Mass/volume] in Serum or Plasma', 'Total bilirubin', ...MG_DL, 1, {
    normal: [0.2, 1.1],
    low: 0.1,
    high: 1.2,
    critHigh: 15,
    min: 0.1,
    max: 22,
  }),
  wbc: analyte('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', 'WBC', '10*3/uL', '10*3/uL', 1, {
    normal: [4.6, 10.8],
    low: 4.5,
    high: 11.0,
    critLow: 2,
    critHigh: 30,
    min: 0.6,
    max: 48,
  }),
  rbc: analyte('789-8', 'Erythrocytes [#/volume] in Blood by Automated count', 'RBC', '10*6/uL', '10*6/uL', 2, {
    normal: [4.3, 5.7],
    low: 4.2,
    high: 5.9,
    min: 2.1,
    max: 7.2,
  }),
  hemoglobin: analyte('718-7', 'Hemoglobin [Mass/volume] in Blood', 'Hemoglobin', ...G_DL, 1, {
    normal: [12.4, 16.8],
    low: 12.0,
    high: 17.5,
    critLow: 7,
    critHigh: 20,
    min: 4.5,
    max: 22,
  }),
  hematocrit: analyte('4544-3', 'Hematocrit [Volume Fraction] of Blood by Automated count', 'Hematocrit', '%', '%', 1, {
    normal: [37, 49],
    low: 36,
    high: 50,
    critLow: 20,
    critHigh: 60,
    min: 13,
    max: 66,
  }),
  platelets: analyte('777-3', 'Platelets [#/volume] in Blood by Automated count', 'Platelets', '10*3/uL', '10*3/uL', 0, {
    normal: [160, 390],
    low: 150,
    high: 400,
    critLow: 20,
    critHigh: 1000,
    min: 5,
    max: 1400,
  }),
  mcv: analyte('787-2', 'MCV [Entitic volume] by Automated count', 'MCV', 'fL', 'fL', 1, { normal: [81, 99], low: 80, high: 100, min: 58, max: 125 }),
  cholesterol: analyte('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'Total cholesterol', ...MG_DL, 0, {
    normal: [140, 199],
    high: 199,
    min: 90,
    max: 420,
  }),
  hdl: analyte('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'HDL cholesterol', ...MG_DL, 0, {
    normal: [41, 85],
    low: 40,
    min: 18,
    max: 110,
  }),
  ldl: analyte('13457-7', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', 'LDL cholesterol (calculated)', ...MG_DL, 0, {
    normal: [55, 99],
    high: 99,
    min: 30,
    max: 260,
  }),
  triglycerides: analyte('2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'Triglycerides', ...MG_DL, 0, {
    normal: [50, 149],
    high: 149,
    min: 35,
    max: 480,
  }),
  a1c: analyte('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', 'Hemoglobin A1c', '%', '%', 1, { normal: [4.6, 5.6], high: 5.6, min: 4.0, max: 14.5 }),
  tsh: analyte('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'TSH', 'm[IU]/L', 'mIU/L', 2, {
    normal: [0.5, 3.9],
    low: 0.4,
    high: 4.0,
    min: 0.01,
    max: 60,
  }),
  freeT4: analyte('3024-7', 'Thyroxine (T4) free [Mass/volume] in Serum or Plasma', 'Free T4', 'ng/dL', 'ng/dL', 2, {
    normal: [0.85, 1.75],
    low: 0.8,
    high: 1.8,
    min: 0.2,
    max: 5,
  }),
  urineProtein: analyte('2888-6', 'Protein [Mass/volume] in Urine', 'Urine protein', ...MG_DL, 0, { normal: [0, 14], high: 14, min: 0, max: 500 }),
  urineGlucose: analyte('2350-7', 'Glucose [Mass/volume] in Urine', 'Urine glucose', ...MG_DL, 0, { normal: [0, 14], high: 14, min: 0, max: 1000 }),
  urinePh: analyte('5803-2', 'pH of Urine by Test strip', 'Urine pH', '[pH]', 'pH', 1, { normal: [5.0, 7.5], low: 5.0, high: 8.0, min: 4.5, max: 9.0 }),
} as const;

export type PanelKey = 'bmp' | 'cmp' | 'cbc' | 'lipid' | 'a1c' | 'thyroid' | 'ua';

export interface PanelDef {
  loinc: string;
  display: string;
  text: string;
  cpt: string;
  size: number;
  blood: boolean;
}

export const PANELS: Record<PanelKey, PanelDef> = {
  bmp: { loinc: '24321-2', display: 'Basic metabolic 2000 panel - Serum or Plasma', text: 'Basic metabolic panel', cpt: '80048', size: 10, blood: true },
  cmp: {
    loinc: '24323-8',
    display: 'Comprehensive metabolic 2000 panel - Serum or Plasma',
    text: 'Comprehensive metabolic panel',
    cpt: '80053',
    size: 16,
    blood: true,
  },
  cbc: { loinc: '58410-2', display: 'CBC panel - Blood by Automated count', text: 'Complete blood count', cpt: '85027', size: 7, blood: true },
  lipid: { loinc: '24331-1', display: 'Lipid 1996 panel - Serum or Plasma', text: 'Lipid panel', cpt: '80061', size: 5, blood: true },
  a1c: { loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', text: 'Hemoglobin A1c', cpt: '83036', size: 2, blood: true },
  // The report is named after its ordered test; free T4 is reported with it.
  thyroid: { loinc: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', text: 'TSH with free T4', cpt: '84443', size: 3, blood: true },
  ua: { loinc: '24357-6', display: 'Urinalysis macro (dipstick) panel - Urine', text: 'Urinalysis', cpt: '81003', size: 4, blood: false },
};

export interface Subject {
  ageYears: number;
  female: boolean;
}

type Result = [Analyte, number];

function metabolic(rng: Rng, who: Subject, forceK: boolean): Result[] {
  const creatinine = sample(rng, A.creatinine);
  const out: Result[] = [
    [A.glucose, sample(rng, A.glucose)],
    [A.bun, sample(rng, A.bun)],
    [A.creatinine, creatinine],
    [A.sodium, sample(rng, A.sodium)],
    [A.potassium, sample(rng, A.potassium, forceK ? 'HH' : undefined)],
    [A.chloride, sample(rng, A.chloride)],
    [A.co2, sample(rng, A.co2)],
    [A.calcium, sample(rng, A.calcium)],
    [A.egfr, egfr(creatinine, who)],
  ];
  return out;
}

/** CKD-EPI 2021 (race-free) from serum creatinine. */
function egfr(creatinine: number, who: Subject): number {
  const k = who.female ? 0.7 : 0.9;
  const alpha = who.female ? -0.241 : -0.302;
  const r = creatinine / k;
  const v = 142 * Math.pow(Math.min(r, 1), alpha) * Math.pow(Math.max(r, 1), -1.2) * Math.pow(0.9938, who.ageYears) * (who.female ? 1.012 : 1);
  return Math.max(A.egfr.min, Math.min(A.egfr.max, Math.round(v)));
}

function results(rng: Rng, key: PanelKey, who: Subject, forceK: boolean): Result[] {
  switch (key) {
    case 'bmp':
      return metabolic(rng, who, forceK);
    case 'cmp':
      return [
        ...metabolic(rng, who, forceK),
        [A.albumin, sample(rng, A.albumin)],
        [A.protein, sample(rng, A.protein)],
        [A.alt, sample(rng, A.alt)],
        [A.ast, sample(rng, A.ast)],
        [A.alp, sample(rng, A.alp)],
        [A.bilirubin, sample(rng, A.bilirubin)],
      ];
    case 'cbc': {
      const hgb = sample(rng, A.hemoglobin);
      const hct = roundTo(Math.min(A.hematocrit.max, Math.max(A.hematocrit.min, hgb * 2.95 + rng.float(-1.2, 1.2))), 1);
      return [
        [A.wbc, sample(rng, A.wbc)],
        [A.rbc, sample(rng, A.rbc)],
        [A.hemoglobin, hgb],
        [A.hematocrit, hct],
        [A.platelets, sample(rng, A.platelets)],
        [A.mcv, sample(rng, A.mcv)],
      ];
    }
    case 'lipid': {
      const hdl = sample(rng, A.hdl);
      const tg = sample(rng, A.triglycerides);
      const ldl = sample(rng, A.ldl);
      return [
        [A.cholesterol, Math.round(ldl + hdl + tg / 5)],
        [A.hdl, hdl],
        [A.ldl, ldl],
        [A.triglycerides, tg],
      ];
    }
    case 'a1c':
      return [[A.a1c, sample(rng, A.a1c)]];
    case 'thyroid':
      return [
        [A.tsh, sample(rng, A.tsh)],
        [A.freeT4, sample(rng, A.freeT4)],
      ];
    case 'ua':
      return [
        [A.urineProtein, sample(rng, A.urineProtein)],
        [A.urineGlucose, sample(rng, A.urineGlucose)],
        [A.urinePh, sample(rng, A.urinePh)],
      ];
  }
}

/**
 * Real feeds rarely send UCUM codes: many US EHRs print mEq/L, K/uL, IU/L and gm/dL, with no code at all. Every third
 * demo patient's lab writes units that way, so the demo data (and the tests that use it) carry that variety.
 */
const usLabSpelling: Record<string, string> = { 'mmol/L': 'mEq/L', '10*3/uL': 'K/uL', '10*6/uL': 'M/uL', 'U/L': 'IU/L', 'g/dL': 'gm/dL' };
const usesUsSpelling = (ctx: PatientContext) => ctx.index % 3 === 2;

/** A quantity as this patient's lab writes it. */
function labQuantity(ctx: PatientContext, value: number, a: Analyte): Quantity {
  const spelled = usesUsSpelling(ctx) ? usLabSpelling[a.ucum] : undefined;
  return spelled ? { value, unit: spelled } : ucum(value, a.ucum, a.unit);
}

export function quantityObservation(
  ctx: PatientContext,
  encounterUrl: string,
  cat: 'laboratory' | 'vital-signs',
  a: Analyte,
  value: number,
  effectiveMs: number,
  issuedMs: number,
): Observation {
  const interp: Interpretation = classify(a, value);
  const obs: Observation = {
    resourceType: 'Observation',
    ...ctx.head(issuedMs),
    status: 'final',
    category: category(cat),
    code: loincConcept(a),
    subject: { reference: ctx.patientUrl },
    encounter: { reference: encounterUrl },
    effectiveDateTime: isoInstant(effectiveMs),
    issued: isoInstant(issuedMs),
    valueQuantity: labQuantity(ctx, value, a),
  };
  const range = referenceRange(a);
  if (range) {
    obs.interpretation = interpretation(interp);
    obs.referenceRange = range.map((r) => ({
      ...r,
      ...(r.low?.value !== undefined ? { low: labQuantity(ctx, r.low.value, a) } : {}),
      ...(r.high?.value !== undefined ? { high: labQuantity(ctx, r.high.value, a) } : {}),
    }));
  }
  return obs;
}

export interface LabOptions {
  forceCriticalPotassium?: boolean;
}

/** A DiagnosticReport and its Observations; returns how many resources were added. */
export function emitPanel(
  ctx: PatientContext,
  key: PanelKey,
  encounterUrl: string,
  drawnMs: number,
  emergency: boolean,
  who: Subject,
  options: LabOptions = {},
): number {
  const rng = ctx.rng;
  const panel = PANELS[key];
  const issuedMs = drawnMs + (emergency ? rng.int(45, 150) * MINUTE_MS : rng.int(3, 30) * HOUR_MS);
  const result: Reference<Observation>[] = [];
  for (const [a, v] of results(rng, key, who, options.forceCriticalPotassium === true)) {
    result.push({ reference: ctx.push(quantityObservation(ctx, encounterUrl, 'laboratory', a, v, drawnMs, issuedMs)) });
  }
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    ...ctx.head(issuedMs),
    status: 'final',
    category: [concept(SYS.diagnosticService, 'LAB', 'Laboratory')],
    code: loincConcept(panel),
    subject: { reference: ctx.patientUrl },
    encounter: { reference: encounterUrl },
    effectiveDateTime: isoInstant(drawnMs),
    issued: isoInstant(issuedMs),
    performer: [ref(ctx.dir.lab.ref, ctx.dir.lab.name)],
    result,
  };
  ctx.push(report);
  return result.length + 1;
}

export type RespTest = 'covid' | 'flu' | 'strep';

export const RESP_TESTS: Record<RespTest, { loinc: string; display: string; text: string; cpt: string; positiveRate: number }> = {
  covid: {
    loinc: '94500-6',
    display: 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory system specimen by NAA with probe detection',
    text: 'COVID-19 PCR',
    cpt: '87635',
    positiveRate: 0.18,
  },
  flu: {
    loinc: '92142-9',
    display: 'Influenza virus A RNA [Presence] in Respiratory system specimen by NAA with probe detection',
    text: 'Influenza A PCR',
    cpt: '87501',
    positiveRate: 0.22,
  },
  strep: {
    loinc: '78012-2',
    display: 'Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay',
    text: 'Rapid strep A',
    cpt: '87880',
    positiveRate: 0.3,
  },
};

export function emitRespTest(ctx: PatientContext, test: RespTest, positive: boolean, encounterUrl: string, collectedMs: number): void {
  const def = RESP_TESTS[test];
  const issuedMs = collectedMs + (test === 'strep' ? 15 : ctx.rng.int(60, 240)) * MINUTE_MS;
  const obs: Observation = {
    resourceType: 'Observation',
    ...ctx.head(issuedMs),
    status: 'final',
    category: category('laboratory'),
    code: loincConcept(def),
    subject: { reference: ctx.patientUrl },
    encounter: { reference: encounterUrl },
    effectiveDateTime: isoInstant(collectedMs),
    issued: isoInstant(issuedMs),
    valueCodeableConcept: positive ? concept(SYS.snomed, '260373001', 'Detected') : concept(SYS.snomed, '260415000', 'Not detected'),
    interpretation: positive
      ? [{ coding: [{ system: SYS.interpretation, code: 'A', display: 'Abnormal' }], text: 'Abnormal' }]
      : [{ coding: [{ system: SYS.interpretation, code: 'N', display: 'Normal' }], text: 'Normal' }],
  };
  ctx.push(obs);
}

/** A send-out test coded only in a local system the app cannot look up. */
export function emitUnknownCodeObservation(ctx: PatientContext, encounterUrl: string, collectedMs: number): void {
  const issuedMs = collectedMs + 3 * 24 * HOUR_MS;
  const obs: Observation = {
    resourceType: 'Observation',
    ...ctx.head(issuedMs),
    status: 'final',
    category: category('laboratory'),
    code: { coding: [{ system: SYS.localCodes, code: 'XYZ-1', display: 'Send-out panel XYZ-1' }], text: 'XYZ-1 (send-out)' },
    subject: { reference: ctx.patientUrl },
    encounter: { reference: encounterUrl },
    effectiveDateTime: isoInstant(collectedMs),
    issued: isoInstant(issuedMs),
    valueQuantity: ucum(roundTo(ctx.rng.float(2, 40), 1), 'U/mL', 'U/mL'),
  };
  ctx.push(obs);
}
