import { z } from 'zod';

/** Every sentence the pack holds exists in English and Spanish. */
export const localized = z
  .object({
    en: z.string().trim().min(1, 'English text is empty'),
    es: z.string().trim().min(1, 'Spanish text is empty'),
  })
  .strict();
export type Localized = z.infer<typeof localized>;
export type Language = keyof Localized;
export const languages: readonly Language[] = ['en', 'es'];

const loincCode = z.string().regex(/^\d{1,7}-\d$/, 'not a LOINC code (digits, a dash, a check digit)');

/** One reference range; the first range whose sex and age match the patient applies. */
const range = z
  .object({
    sex: z.enum(['female', 'male']).optional(),
    /** Inclusive lower bound of age in years. */
    ageMin: z.number().min(0).optional(),
    /** Exclusive upper bound of age in years. */
    ageMax: z.number().positive().optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    /** Critical limits for this age or sex, where they differ from the entry's (a baby's heart rate). */
    critical: z.object({ low: z.number().optional(), high: z.number().optional() }).strict().optional(),
  })
  .strict()
  .refine((r) => r.low !== undefined || r.high !== undefined, 'a range needs low, high or both')
  .refine((r) => r.low === undefined || r.high === undefined || r.low < r.high, 'low must be below high');

const labBase = {
  /** The main LOINC code. */
  loinc: loincCode,
  /** Other LOINC codes reported for the same thing (another method or specimen), explained the same way. */
  aliases: z.array(loincCode).default([]),
  /** Plain name, as you would say it to a patient. */
  name: localized,
  /** What it measures, in everyday words. */
  measures: localized,
  /** Why a care team orders it. */
  why: localized,
  /**
   * ambassador: an ambassador may explain a normal or outside-the-usual-range result (critical ones always go to a
   * clinician). clinician: never explained by an ambassador; the script offers a clinician.
   */
  explain: z.enum(['ambassador', 'clinician']),
};

/** A measured number (potassium, heart rate). */
const quantityLab = z
  .object({
    ...labBase,
    result: z.literal('quantity'),
    /** UCUM code of the ranges and critical limits (a value in another unit is converted when we know how). */
    unit: z.string().min(1),
    /** Adult ranges first where age matters; omitted where there is no usual range (height, weight). */
    ranges: z.array(range).default([]),
    critical: z.object({ low: z.number().optional(), high: z.number().optional() }).strict().optional(),
    /** What higher than usual means, in everyday words, naming no disease. */
    higher: localized.optional(),
    /** What lower than usual means, in everyday words, naming no disease. */
    lower: localized.optional(),
  })
  .strict()
  .refine((l) => l.ranges.length === 0 || (l.higher && l.lower) || l.ranges.every((r) => (r.high === undefined || l.higher) && (r.low === undefined || l.lower)), {
    message: 'a range with a high bound needs "higher" text, and one with a low bound needs "lower" text',
  })
  .refine((l) => !l.critical || l.critical.low === undefined || l.critical.high === undefined || l.critical.low < l.critical.high, {
    message: 'critical low must be below critical high',
  });

/** A test that finds something or not (a virus, nitrite in urine). */
const presenceLab = z
  .object({
    ...labBase,
    result: z.literal('presence'),
    /** What a "found" result means, in everyday words, naming no disease. */
    detected: localized,
    /** What a "not found" result means. */
    notDetected: localized,
  })
  .strict();

/** A group of tests reported together (a metabolic panel, blood pressure); its members have entries of their own. */
const panelLab = z
  .object({
    ...labBase,
    result: z.literal('panel'),
  })
  .strict();

export const labEntry = z.discriminatedUnion('result', [quantityLab, presenceLab, panelLab]);
export type LabEntry = z.infer<typeof labEntry>;
export type QuantityLab = Extract<LabEntry, { result: 'quantity' }>;
export type PresenceLab = Extract<LabEntry, { result: 'presence' }>;

/** resources/knowledge/labs/*.yaml: one file per group of tests. */
export const labFile = z.object({ labs: z.array(labEntry).min(1) }).strict();

const billingTerm = z.object({ term: localized, plain: localized }).strict();

export const billingTermIds = [
  'charge',
  'allowedAmount',
  'insurancePaid',
  'deductible',
  'coinsurance',
  'copay',
  'outOfPocketMax',
  'notCovered',
  'inNetwork',
  'outOfNetwork',
  'priorAuthorization',
  'eobVersusBill',
] as const;

export const nextStepIds = ['paymentPlan', 'financialAssistance', 'itemizedBill', 'appeal'] as const;

/** resources/knowledge/billing.yaml */
export const billingFile = z
  .object({
    terms: z.object(Object.fromEntries(billingTermIds.map((id) => [id, billingTerm])) as Record<(typeof billingTermIds)[number], typeof billingTerm>).strict(),
    /** Claim adjustment reason codes (X12 CARC) in plain words. */
    carc: z
      .array(z.object({ code: z.string().regex(/^[A-Z]?\d{1,3}$/, 'not a CARC code'), plain: localized }).strict())
      .min(20),
    nextSteps: z
      .object(Object.fromEntries(nextStepIds.map((id) => [id, billingTerm])) as Record<(typeof nextStepIds)[number], typeof billingTerm>)
      .strict(),
  })
  .strict();
export type BillingPack = z.infer<typeof billingFile>;
