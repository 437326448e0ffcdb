// Clinical code lists: conditions, medications, vaccines, allergies, procedures, billing codes.
import type { PanelKey } from './labs';

export interface ConditionDef {
  key: string;
  snomed: string;
  display: string;
  /** The display without its SNOMED semantic tag, for people. */
  text: string;
  icd10: string;
  icd10Display: string;
  chronic: boolean;
  /** Chance of having it by age band: [child, 18-39, 40-64, 65+]. */
  prevalence: readonly [number, number, number, number];
  meds: readonly MedKey[];
  labs: readonly PanelKey[];
  carePlan?: { title: string; activities: readonly string[] };
}

export type MedKey = keyof typeof MEDS;

export const MEDS = {
  lisinopril: { rxnorm: '314076', display: 'lisinopril 10 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily.' },
  amlodipine: { rxnorm: '197361', display: 'amLODIPine 5 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily.' },
  hydrochlorothiazide: { rxnorm: '310798', display: 'Hydrochlorothiazide 25 MG Oral Tablet', sig: 'Take 1 tablet by mouth every morning.' },
  metformin: {
    rxnorm: '860975',
    display: '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet',
    sig: 'Take 1 tablet by mouth daily with the evening meal.',
  },
  simvastatin: { rxnorm: '312961', display: 'Simvastatin 20 MG Oral Tablet', sig: 'Take 1 tablet by mouth at bedtime.' },
  atorvastatin: { rxnorm: '259255', display: 'Atorvastatin 80 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily.' },
  levothyroxine: { rxnorm: '966222', display: 'Levothyroxine Sodium 0.075 MG Oral Tablet', sig: 'Take 1 tablet by mouth every morning on an empty stomach.' },
  albuterol: {
    rxnorm: '745679',
    display: '200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler',
    sig: 'Inhale 2 puffs every 4 to 6 hours as needed for wheezing.',
  },
  fluticasone: {
    rxnorm: '895994',
    display: '120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler',
    sig: 'Inhale 2 puffs twice daily. Rinse mouth after use.',
  },
  fluticasoneSalmeterol: {
    rxnorm: '896209',
    display: '60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler',
    sig: 'Inhale 1 puff twice daily.',
  },
  sertraline: { rxnorm: '312938', display: 'Sertraline 100 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily.' },
  fluoxetine: { rxnorm: '310385', display: 'FLUoxetine 20 MG Oral Capsule', sig: 'Take 1 capsule by mouth every morning.' },
  naproxen: {
    rxnorm: '849574',
    display: 'Naproxen sodium 220 MG Oral Tablet',
    sig: 'Take 1 tablet by mouth every 8 to 12 hours as needed for pain, with food.',
  },
  acetaminophen: {
    rxnorm: '313782',
    display: 'Acetaminophen 325 MG Oral Tablet',
    sig: 'Take 2 tablets by mouth every 6 hours as needed for pain. Do not exceed 3,000 mg a day.',
  },
  ibuprofen: { rxnorm: '310965', display: 'Ibuprofen 200 MG Oral Tablet', sig: 'Take 2 tablets by mouth every 6 to 8 hours as needed, with food.' },
  warfarin: { rxnorm: '855332', display: 'Warfarin Sodium 5 MG Oral Tablet', sig: 'Take as directed by the anticoagulation clinic.' },
  digoxin: { rxnorm: '197604', display: 'Digoxin 0.125 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily.' },
  furosemide: { rxnorm: '313988', display: 'Furosemide 40 MG Oral Tablet', sig: 'Take 1 tablet by mouth every morning.' },
  carvedilol: { rxnorm: '200033', display: 'carvedilol 25 MG Oral Tablet', sig: 'Take 1 tablet by mouth twice daily with food.' },
  loratadine: { rxnorm: '665078', display: 'Loratadine 5 MG Chewable Tablet', sig: 'Chew 1 tablet once daily.' },
  hydrocortisoneCream: { rxnorm: '106258', display: 'Hydrocortisone 10 MG/ML Topical Cream', sig: 'Apply a thin layer to affected skin twice daily.' },
  methylphenidate: { rxnorm: '1091392', display: 'Methylphenidate Hydrochloride 20 MG Oral Tablet', sig: 'Take 1 tablet by mouth every morning.' },
  amoxicillinChild: { rxnorm: '308182', display: 'Amoxicillin 250 MG Oral Capsule', sig: 'Take 1 capsule by mouth three times daily for 10 days.' },
  penicillinV: { rxnorm: '834102', display: 'Penicillin V Potassium 500 MG Oral Tablet', sig: 'Take 1 tablet by mouth twice daily for 10 days.' },
} as const;

const HTN_PLAN = { title: 'Hypertension management plan', activities: ['Keep a home blood pressure log', 'Low-sodium diet', 'Walk 30 minutes, 5 days a week'] };
const DM_PLAN = { title: 'Diabetes self-management plan', activities: ['Check blood glucose daily', 'Diabetes education class', 'Annual dilated eye exam'] };
const ASTHMA_PLAN = { title: 'Asthma action plan', activities: ['Use controller inhaler daily', 'Avoid known triggers', 'Rescue inhaler for symptoms'] };
const HF_PLAN = {
  title: 'Heart failure self-care plan',
  activities: ['Weigh yourself every morning', 'Limit fluids to 2 liters a day', 'Call if weight rises 3 lb in a day'],
};

function cond(
  key: string,
  snomed: string,
  display: string,
  icd10: string,
  icd10Display: string,
  chronic: boolean,
  prevalence: readonly [number, number, number, number],
  meds: readonly MedKey[] = [],
  labs: readonly PanelKey[] = [],
  carePlan?: ConditionDef['carePlan'],
): ConditionDef {
  const text = display.replace(/ \((disorder|finding)\)$/, '');
  const def: ConditionDef = { key, snomed, display, text, icd10, icd10Display, chronic, prevalence, meds, labs };
  if (carePlan) def.carePlan = carePlan;
  return def;
}

export const CONDITIONS: readonly ConditionDef[] = [
  cond(
    'hypertension',
    '38341003',
    'Hypertensive disorder, systemic arterial (disorder)',
    'I10',
    'Essential (primary) hypertension',
    true,
    [0, 0.08, 0.35, 0.6],
    ['lisinopril', 'amlodipine', 'hydrochlorothiazide'],
    ['bmp'],
    HTN_PLAN,
  ),
  cond(
    'diabetes',
    '44054006',
    'Diabetes mellitus type 2 (disorder)',
    'E11.9',
    'Type 2 diabetes mellitus without complications',
    true,
    [0, 0.03, 0.14, 0.25],
    ['metformin'],
    ['a1c', 'cmp', 'lipid', 'ua'],
    DM_PLAN,
  ),
  cond('prediabetes', '714628002', 'Prediabetes (finding)', 'R73.03', 'Prediabetes', true, [0, 0.08, 0.15, 0.15], [], ['a1c']),
  cond(
    'hyperlipidemia',
    '55822004',
    'Hyperlipidemia (disorder)',
    'E78.5',
    'Hyperlipidemia, unspecified',
    true,
    [0, 0.05, 0.25, 0.4],
    ['atorvastatin', 'simvastatin'],
    ['lipid', 'cmp'],
  ),
  cond(
    'hypothyroidism',
    '40930008',
    'Hypothyroidism (disorder)',
    'E03.9',
    'Hypothyroidism, unspecified',
    true,
    [0, 0.03, 0.07, 0.1],
    ['levothyroxine'],
    ['thyroid'],
  ),
  cond(
    'asthma',
    '195967001',
    'Asthma (disorder)',
    'J45.909',
    'Unspecified asthma, uncomplicated',
    true,
    [0, 0.08, 0.07, 0.06],
    ['albuterol', 'fluticasone'],
    [],
    ASTHMA_PLAN,
  ),
  cond(
    'copd',
    '13645005',
    'Chronic obstructive pulmonary disease (disorder)',
    'J44.9',
    'Chronic obstructive pulmonary disease, unspecified',
    true,
    [0, 0, 0.04, 0.1],
    ['fluticasoneSalmeterol', 'albuterol'],
    ['cbc'],
  ),
  cond(
    'ckd3',
    '433144002',
    'Chronic kidney disease stage 3 (disorder)',
    'N18.30',
    'Chronic kidney disease, stage 3 unspecified',
    true,
    [0, 0, 0.03, 0.12],
    [],
    ['bmp', 'cbc'],
  ),
  cond(
    'gerd',
    '235595009',
    'Gastroesophageal reflux disease (disorder)',
    'K21.9',
    'Gastro-esophageal reflux disease without esophagitis',
    true,
    [0, 0.06, 0.1, 0.12],
  ),
  cond(
    'depression',
    '35489007',
    'Depressive disorder (disorder)',
    'F32.A',
    'Depression, unspecified',
    true,
    [0, 0.1, 0.09, 0.07],
    ['sertraline', 'fluoxetine'],
  ),
  cond('anxiety', '197480006', 'Anxiety disorder (disorder)', 'F41.9', 'Anxiety disorder, unspecified', true, [0, 0.1, 0.08, 0.05], ['sertraline']),
  cond(
    'osteoarthritis',
    '239873007',
    'Osteoarthritis of knee (disorder)',
    'M17.9',
    'Osteoarthritis of knee, unspecified',
    true,
    [0, 0.01, 0.08, 0.2],
    ['naproxen', 'acetaminophen'],
  ),
  cond(
    'afib',
    '49436004',
    'Atrial fibrillation (disorder)',
    'I48.91',
    'Unspecified atrial fibrillation',
    true,
    [0, 0, 0.01, 0.08],
    ['warfarin', 'digoxin'],
    ['cbc'],
  ),
  cond(
    'heartFailure',
    '84114007',
    'Heart failure (disorder)',
    'I50.9',
    'Heart failure, unspecified',
    true,
    [0, 0, 0.01, 0.06],
    ['furosemide', 'carvedilol'],
    ['bmp'],
    HF_PLAN,
  ),
  cond('backPain', '279039007', 'Low back pain (finding)', 'M54.50', 'Low back pain, unspecified', false, [0, 0.06, 0.06, 0.05], ['ibuprofen']),
  cond(
    'migraine',
    '37796009',
    'Migraine (disorder)',
    'G43.909',
    'Migraine, unspecified, not intractable, without status migrainosus',
    true,
    [0, 0.05, 0.04, 0.01],
    ['ibuprofen'],
  ),
  cond(
    'childAsthma',
    '233678006',
    'Childhood asthma (disorder)',
    'J45.909',
    'Unspecified asthma, uncomplicated',
    true,
    [0.08, 0, 0, 0],
    ['albuterol'],
    [],
    ASTHMA_PLAN,
  ),
  cond('allergicRhinitis', '61582004', 'Allergic rhinitis (disorder)', 'J30.9', 'Allergic rhinitis, unspecified', true, [0.1, 0, 0, 0], ['loratadine']),
  cond('eczema', '24079001', 'Atopic dermatitis (disorder)', 'L20.9', 'Atopic dermatitis, unspecified', true, [0.08, 0, 0, 0], ['hydrocortisoneCream']),
  cond(
    'adhd',
    '406506008',
    'Attention deficit hyperactivity disorder (disorder)',
    'F90.9',
    'Attention-deficit hyperactivity disorder, unspecified type',
    true,
    [0.06, 0, 0, 0],
    ['methylphenidate'],
  ),
  cond('otitis', '65363002', 'Otitis media (disorder)', 'H66.90', 'Otitis media, unspecified, unspecified ear', false, [0.15, 0, 0, 0], ['amoxicillinChild']),
];

export function conditionByKey(key: string): ConditionDef {
  return CONDITIONS.find((c) => c.key === key) as ConditionDef;
}

export interface VaccineDef {
  cvx: string;
  display: string;
}

export const VACCINES = {
  flu: { cvx: '140', display: 'Influenza, seasonal, injectable, preservative free' },
  covid: { cvx: '208', display: 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose' },
  tdap: { cvx: '115', display: 'Tdap' },
  zoster: { cvx: '187', display: 'zoster vaccine recombinant' },
  pcv13: { cvx: '133', display: 'Pneumococcal conjugate PCV 13' },
  hepBPed: { cvx: '08', display: 'Hep B, adolescent or pediatric' },
  dtap: { cvx: '20', display: 'DTaP' },
  ipv: { cvx: '10', display: 'IPV' },
  hib: { cvx: '49', display: 'Hib (PRP-OMP)' },
  rotavirus: { cvx: '116', display: 'rotavirus, pentavalent' },
  mmr: { cvx: '03', display: 'MMR' },
  varicella: { cvx: '21', display: 'varicella' },
  hepA: { cvx: '83', display: 'Hep A, ped/adol, 2 dose' },
  hpv: { cvx: '165', display: 'HPV9' },
  menacwy: { cvx: '114', display: 'meningococcal MCV4P' },
} as const satisfies Record<string, VaccineDef>;

/** Childhood schedule: vaccine and age in months at each dose. */
export const CHILD_SCHEDULE: readonly [keyof typeof VACCINES, number][] = [
  ['hepBPed', 0],
  ['hepBPed', 1],
  ['dtap', 2],
  ['ipv', 2],
  ['hib', 2],
  ['pcv13', 2],
  ['rotavirus', 2],
  ['dtap', 4],
  ['ipv', 4],
  ['hib', 4],
  ['pcv13', 4],
  ['rotavirus', 4],
  ['dtap', 6],
  ['ipv', 6],
  ['pcv13', 6],
  ['rotavirus', 6],
  ['hepBPed', 6],
  ['mmr', 12],
  ['varicella', 12],
  ['hib', 12],
  ['pcv13', 12],
  ['hepA', 12],
  ['dtap', 15],
  ['hepA', 18],
  ['dtap', 48],
  ['ipv', 48],
  ['mmr', 48],
  ['varicella', 48],
  ['tdap', 132],
  ['menacwy', 132],
  ['hpv', 132],
  ['hpv', 138],
  ['menacwy', 192],
];

export interface AllergyDef {
  snomed: string;
  display: string;
  text: string;
  category: 'medication' | 'food' | 'environment';
  criticality: 'low' | 'high' | 'unable-to-assess';
  reaction: readonly [string, string, string];
}

export const ALLERGIES: readonly AllergyDef[] = [
  {
    snomed: '91936005',
    display: 'Allergy to penicillin (finding)',
    text: 'Penicillin',
    category: 'medication',
    criticality: 'high',
    reaction: ['247472004', 'Wheal (finding)', 'Hives'],
  },
  {
    snomed: '91935009',
    display: 'Allergy to peanuts (finding)',
    text: 'Peanuts',
    category: 'food',
    criticality: 'high',
    reaction: ['39579001', 'Anaphylaxis (disorder)', 'Anaphylaxis'],
  },
  {
    snomed: '300913006',
    display: 'Shellfish allergy (finding)',
    text: 'Shellfish',
    category: 'food',
    criticality: 'high',
    reaction: ['247472004', 'Wheal (finding)', 'Hives'],
  },
  {
    snomed: '300916003',
    display: 'Latex allergy (finding)',
    text: 'Latex',
    category: 'environment',
    criticality: 'low',
    reaction: ['271807003', 'Eruption of skin (disorder)', 'Rash'],
  },
  {
    snomed: '418689008',
    display: 'Allergy to grass pollen (finding)',
    text: 'Grass pollen',
    category: 'environment',
    criticality: 'low',
    reaction: ['76067001', 'Sneezing (finding)', 'Sneezing'],
  },
  {
    snomed: '232350006',
    display: 'House dust mite allergy (finding)',
    text: 'Dust mites',
    category: 'environment',
    criticality: 'low',
    reaction: ['49727002', 'Cough (finding)', 'Cough'],
  },
  {
    snomed: '91930004',
    display: 'Allergy to eggs (finding)',
    text: 'Eggs',
    category: 'food',
    criticality: 'unable-to-assess',
    reaction: ['271807003', 'Eruption of skin (disorder)', 'Rash'],
  },
];

export type ProcedureKey = 'ecg' | 'chestXray' | 'depressionScreen' | 'spirometry' | 'nebulizer' | 'woundRepair';

export const PROCEDURES: Record<ProcedureKey, { snomed: string; display: string; text: string; cpt: string }> = {
  ecg: { snomed: '29303009', display: 'Electrocardiographic procedure (procedure)', text: 'Electrocardiogram (ECG)', cpt: '93000' },
  chestXray: { snomed: '399208008', display: 'Plain X-ray of chest (procedure)', text: 'Chest X-ray, 2 views', cpt: '71046' },
  depressionScreen: { snomed: '171207006', display: 'Depression screening (procedure)', text: 'Depression screening (PHQ-9)', cpt: '96127' },
  spirometry: { snomed: '127783003', display: 'Spirometry (procedure)', text: 'Spirometry', cpt: '94010' },
  nebulizer: { snomed: '56251003', display: 'Nebulizer therapy (procedure)', text: 'Nebulizer treatment', cpt: '94640' },
  woundRepair: { snomed: '288086009', display: 'Suture open wound (procedure)', text: 'Simple laceration repair', cpt: '12001' },
};

/** Billing codes with plain-language displays and this health system's charge (USD). */
export const CPT: Record<string, { display: string; charge: number }> = {
  '99203': { display: 'Office visit, new patient, low complexity', charge: 195 },
  '99213': { display: 'Office visit, established patient, low complexity', charge: 150 },
  '99214': { display: 'Office visit, established patient, moderate complexity', charge: 225 },
  '99215': { display: 'Office visit, established patient, high complexity', charge: 310 },
  '99391': { display: 'Preventive visit, established patient, under 1 year', charge: 190 },
  '99392': { display: 'Preventive visit, established patient, age 1-4', charge: 200 },
  '99393': { display: 'Preventive visit, established patient, age 5-11', charge: 210 },
  '99394': { display: 'Preventive visit, established patient, age 12-17', charge: 230 },
  '99395': { display: 'Preventive visit, established patient, age 18-39', charge: 260 },
  '99396': { display: 'Preventive visit, established patient, age 40-64', charge: 285 },
  '99397': { display: 'Preventive visit, established patient, age 65 and over', charge: 300 },
  '99282': { display: 'Emergency department visit, straightforward', charge: 260 },
  '99283': { display: 'Emergency department visit, low complexity', charge: 480 },
  '99284': { display: 'Emergency department visit, moderate complexity', charge: 780 },
  '99285': { display: 'Emergency department visit, high complexity', charge: 1150 },
  '99222': { display: 'Initial hospital inpatient care, moderate complexity', charge: 420 },
  '99223': { display: 'Initial hospital inpatient care, high complexity', charge: 560 },
  '99232': { display: 'Subsequent hospital inpatient care, moderate complexity', charge: 210 },
  '99238': { display: 'Hospital discharge day management', charge: 180 },
  '80048': { display: 'Basic metabolic panel', charge: 48 },
  '80053': { display: 'Comprehensive metabolic panel', charge: 72 },
  '85027': { display: 'Complete blood count, automated', charge: 38 },
  '80061': { display: 'Lipid panel', charge: 64 },
  '83036': { display: 'Hemoglobin A1c', charge: 46 },
  '84443': { display: 'Thyroid stimulating hormone (TSH)', charge: 58 },
  '84439': { display: 'Free thyroxine (free T4)', charge: 44 },
  '81003': { display: 'Urinalysis, automated, without microscopy', charge: 18 },
  '36415': { display: 'Routine venipuncture', charge: 14 },
  '87635': { display: 'COVID-19 (SARS-CoV-2) nucleic acid test', charge: 125 },
  '87501': { display: 'Influenza virus nucleic acid test', charge: 110 },
  '87880': { display: 'Rapid strep A antigen test', charge: 34 },
  '93000': { display: 'Electrocardiogram with interpretation and report', charge: 72 },
  '71046': { display: 'Chest X-ray, 2 views', charge: 165 },
  '96127': { display: 'Brief emotional/behavioral assessment', charge: 22 },
  '94010': { display: 'Spirometry', charge: 95 },
  '94640': { display: 'Nebulizer treatment', charge: 45 },
  '12001': { display: 'Simple repair of superficial wound, 2.5 cm or less', charge: 320 },
  '73721': { display: 'MRI of knee joint without contrast', charge: 1850 },
  '72148': { display: 'MRI of lumbar spine without contrast', charge: 2150 },
  '29881': { display: 'Knee arthroscopy with partial meniscectomy', charge: 7400 },
  '27447': { display: 'Total knee replacement', charge: 42000 },
};

/**
 * X12 claim adjustment group: who carries an adjusted amount. PR is the patient's; CO is the provider's (a write-off it
 * may not bill the patient for); OA is another adjustment (a duplicate, another payer's adjudication).
 */
export type CarcGroup = 'PR' | 'CO' | 'OA';

/** Claim adjustment reason codes (CARC) the generator uses, with the group it reports each under. */
export const CARC: Record<string, { display: string; group: CarcGroup }> = {
  '4': { display: 'The procedure code is inconsistent with the modifier used', group: 'CO' },
  '16': { display: 'Claim/service lacks information or has submission/billing error(s)', group: 'CO' },
  '18': { display: 'Exact duplicate claim/service', group: 'OA' },
  '23': { display: 'The impact of prior payer(s) adjudication including payments and/or adjustments', group: 'OA' },
  '27': { display: 'Expenses incurred after coverage terminated', group: 'PR' },
  '29': { display: 'The time limit for filing has expired', group: 'CO' },
  '45': { display: 'Charge exceeds fee schedule/maximum allowable or contracted/legislated fee arrangement', group: 'CO' },
  '50': { display: 'These are non-covered services because this is not deemed a medical necessity by the payer', group: 'CO' },
  '96': { display: 'Non-covered charge(s)', group: 'PR' },
  '97': {
    display: 'The benefit for this service is included in the payment/allowance for another service/procedure that has already been adjudicated',
    group: 'CO',
  },
  '109': { display: 'Claim/service not covered by this payer/contractor', group: 'CO' },
  '119': { display: 'Benefit maximum for this time period or occurrence has been reached', group: 'PR' },
  '151': { display: 'Payment adjusted because the payer deems the information submitted does not support this many/frequency of services', group: 'CO' },
  '181': { display: 'Procedure code was invalid on the date of service', group: 'CO' },
  '197': { display: 'Precertification/authorization/notification/pre-treatment absent', group: 'CO' },
  '204': { display: "This service/equipment/drug is not covered under the patient's current benefit plan", group: 'PR' },
  '242': { display: 'Services not provided by network/primary care providers', group: 'PR' },
  '252': { display: 'An attachment/other documentation is required to adjudicate this claim/service', group: 'CO' },
};

/** Denial reasons drawn per kind of line; the bill filters them by setting (emergency, coverage), see billing.ts. */
export const DENIAL_REASONS = {
  visit: ['18', '29', '27', '109', '242', '16', '4'],
  lab: ['97', '50', '16', '96', '204', '151', '181'],
  procedure: ['197', '50', '96', '119', '204', '97', '252'],
} as const;

/** NUBC revenue codes for the lines of a hospital (institutional) claim. */
export const REVENUE = {
  emergency: ['0450', 'Emergency room - general'],
  lab: ['0300', 'Laboratory - general'],
  radiology: ['0320', 'Radiology - diagnostic - general'],
  ekg: ['0730', 'EKG/ECG - general'],
  respiratory: ['0410', 'Respiratory services - general'],
  pulmonary: ['0460', 'Pulmonary function - general'],
} as const satisfies Record<string, readonly [string, string]>;

export type DrugKey = 'lisinopril' | 'atorvastatin' | 'amlodipine' | 'metformin' | 'levothyroxine' | 'albuterol' | 'sertraline' | 'fluoxetine';

/**
 * Prescription fills: the NDC dispensed for a chronic medication (a 90-day supply; one inhaler for albuterol), its
 * gross cost (USD, before the plan's discount) and whether it is a brand (brand tier) or a generic.
 */
export const DRUGS: Record<DrugKey, { ndc: string; display: string; grossUsd: number; brand: boolean; quantity: number; days: number }> = {
  lisinopril: { ndc: '68180051301', display: 'lisinopril 10 mg tablet', grossUsd: 24, brand: false, quantity: 90, days: 90 },
  atorvastatin: { ndc: '67877051490', display: 'atorvastatin 80 mg tablet', grossUsd: 58, brand: false, quantity: 90, days: 90 },
  amlodipine: { ndc: '00069153068', display: 'Norvasc (amlodipine) 5 mg tablet', grossUsd: 312, brand: true, quantity: 90, days: 90 },
  metformin: { ndc: '00087606313', display: 'Glucophage XR (metformin extended release) 500 mg tablet', grossUsd: 186, brand: true, quantity: 90, days: 90 },
  levothyroxine: { ndc: '00074518290', display: 'Synthroid (levothyroxine) 75 mcg tablet', grossUsd: 148, brand: true, quantity: 90, days: 90 },
  albuterol: { ndc: '00173068220', display: 'Ventolin HFA (albuterol) 90 mcg inhaler', grossUsd: 86, brand: true, quantity: 1, days: 30 },
  sertraline: { ndc: '00049491066', display: 'Zoloft (sertraline) 100 mg tablet', grossUsd: 427, brand: true, quantity: 90, days: 90 },
  fluoxetine: { ndc: '00777310502', display: 'Prozac (fluoxetine) 20 mg capsule', grossUsd: 612, brand: true, quantity: 90, days: 90 },
};

export interface Diagnosis {
  code: string;
  display: string;
}

export const DX = {
  adultPhysical: { code: 'Z00.00', display: 'Encounter for general adult medical examination without abnormal findings' },
  childPhysical: { code: 'Z00.129', display: 'Encounter for routine child health examination without abnormal findings' },
  covid: { code: 'U07.1', display: 'COVID-19' },
  flu: { code: 'J10.1', display: 'Influenza due to other identified influenza virus with other respiratory manifestations' },
  strep: { code: 'J02.0', display: 'Streptococcal pharyngitis' },
  uri: { code: 'J06.9', display: 'Acute upper respiratory infection, unspecified' },
  hyperkalemia: { code: 'E87.5', display: 'Hyperkalemia' },
  fatigue: { code: 'R53.83', display: 'Other fatigue' },
} as const satisfies Record<string, Diagnosis>;

export const URGENT_DX: readonly Diagnosis[] = [
  { code: 'N39.0', display: 'Urinary tract infection, site not specified' },
  { code: 'S93.401A', display: 'Sprain of unspecified ligament of right ankle, initial encounter' },
  { code: 'H66.90', display: 'Otitis media, unspecified, unspecified ear' },
  { code: 'R05.9', display: 'Cough, unspecified' },
  { code: 'L03.113', display: 'Cellulitis of right upper limb' },
];

export const EMERGENCY_DX: readonly Diagnosis[] = [
  { code: 'R07.9', display: 'Chest pain, unspecified' },
  { code: 'R10.9', display: 'Unspecified abdominal pain' },
  { code: 'R55', display: 'Syncope and collapse' },
  { code: 'J18.9', display: 'Pneumonia, unspecified organism' },
  { code: 'S61.411A', display: 'Laceration without foreign body of right hand, initial encounter' },
  { code: 'R06.02', display: 'Shortness of breath' },
];

export const INPATIENT_DX: readonly Diagnosis[] = [
  { code: 'J18.9', display: 'Pneumonia, unspecified organism' },
  { code: 'I50.9', display: 'Heart failure, unspecified' },
  { code: 'N17.9', display: 'Acute kidney failure, unspecified' },
  { code: 'A41.9', display: 'Sepsis, unspecified organism' },
  { code: 'J44.1', display: 'Chronic obstructive pulmonary disease with (acute) exacerbation' },
];

export const OFFICE_DX: readonly Diagnosis[] = [
  DX.fatigue,
  { code: 'M54.50', display: 'Low back pain, unspecified' },
  { code: 'R51.9', display: 'Headache, unspecified' },
  { code: 'R10.13', display: 'Epigastric pain' },
  { code: 'L70.0', display: 'Acne vulgaris' },
];
