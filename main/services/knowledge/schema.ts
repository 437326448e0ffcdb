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

const HOURS_PER_YEAR = 365.25 * 24;
const ageUnits: Record<string, number> = { h: 1 / HOURS_PER_YEAR, d: 24 / HOURS_PER_YEAR, w: (7 * 24) / HOURS_PER_YEAR, mo: 1 / 12, y: 1 };

/** An age in years: a number, or "24h", "60d", "8w", "3mo", "18y". */
export const age = z.union([
  z.number().min(0),
  z
    .string()
    .regex(/^\d+(?:\.\d+)?(?:h|d|w|mo|y)$/, 'an age is a number of years or like "24h", "60d", "8w", "3mo", "18y"')
    .transform((s) => {
      const [, n, unit] = s.match(/^(\d+(?:\.\d+)?)(h|d|w|mo|y)$/)!;
      return Number(n) * ageUnits[unit!]!;
    }),
]);

/**
 * Critical limits, written the way published critical-value lists write them: `below`/`above` are strict (< / >),
 * `atOrBelow`/`atOrAbove` include the limit (≤ / ≥). At most one of each side.
 */
export const criticalLimits = z
  .object({
    below: z.number().optional(),
    atOrBelow: z.number().optional(),
    above: z.number().optional(),
    atOrAbove: z.number().optional(),
  })
  .strict()
  .refine((c) => c.below === undefined || c.atOrBelow === undefined, 'give either below or atOrBelow, not both')
  .refine((c) => c.above === undefined || c.atOrAbove === undefined, 'give either above or atOrAbove, not both')
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'a critical limit needs below, atOrBelow, above or atOrAbove')
  .refine((c) => {
    const low = c.below ?? c.atOrBelow;
    const high = c.above ?? c.atOrAbove;
    return low === undefined || high === undefined || low < high;
  }, 'the low critical limit must be below the high one');
export type CriticalLimits = z.infer<typeof criticalLimits>;

/** A usual range for an age band (and sex); the ranges that match the patient decide what can be said. */
const range = z
  .object({
    sex: z.enum(['female', 'male']).optional(),
    /** Inclusive lower bound of age. Required, so that an adult range (18y) is never used for a child by accident. */
    ageMin: age,
    /** Exclusive upper bound of age. */
    ageMax: age.optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    /** Critical limits for this band where they differ from the entry's (a baby's heart rate). */
    critical: criticalLimits.optional(),
    /** clinician: at this age an ambassador never explains the value (a newborn's bilirubin); critical limits still apply. */
    explain: z.literal('clinician').optional(),
  })
  .strict()
  .refine((r) => r.low !== undefined || r.high !== undefined || r.explain === 'clinician', 'a range needs low, high or both (or explain: clinician)')
  .refine((r) => r.low === undefined || r.high === undefined || r.low < r.high, 'low must be below high')
  .refine((r) => r.ageMax === undefined || r.ageMin < r.ageMax, 'ageMin must be below ageMax');
export type UsualRange = z.infer<typeof range>;

/** The review trail of an entry: which sources its codes, ranges and limits come from, and when they were checked. */
const reviewTrail = {
  /** Ids from resources/knowledge/sources/*.yaml. */
  sources: z.array(z.string().regex(/^[A-Za-z][\w-]*$/, 'a source id (letters, digits, - and _)')).optional(),
  /** The date the sources were last checked against the entry, YYYY-MM-DD. */
  checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD').optional(),
};

const labBase = {
  /** The main LOINC code. */
  loinc: loincCode,
  /** Other LOINC codes reported for the same thing (another method or specimen), explained the same way. */
  aliases: z.array(loincCode).default([]),
  /** Plain name, as you would say it to a patient. */
  name: localized,
  /** What it measures, as a full sentence read to the patient ("This test measures …"). */
  measures: localized,
  /** Why a care team orders it (read for panels). */
  why: localized,
  /**
   * ambassador: an ambassador may explain a result within or outside the usual range (critical ones always go to a
   * clinician). clinician: never explained by an ambassador; the script offers a clinician callback (critical limits
   * and flags still send it to the nurse line first).
   */
  explain: z.enum(['ambassador', 'clinician']),
  /**
   * A test whose very name is private (HIV, pregnancy, STI, substance screens, genetic tests): its name is never said
   * aloud, the script is the same whatever it found, and the agent is reminded of proxy and minor-consent rules.
   */
  sensitive: z.boolean().default(false),
  /** Said before the generic 911 line of a critical script: the warning signs that matter for this test. */
  warningSigns: localized.optional(),
  /**
   * What the patient is told to do while waiting for the care team's call (the safety net of outside-range and
   * clinician-callback scripts; scripts.yaml `safetyNet.*`). Omitted: a measurement taken whether or not the patient
   * feels unwell (weight, BMI, A1c, cholesterol, a blood count), so the safety net presumes nothing: "If you have new
   * symptoms or feel unwell before then, call…". symptoms: a test usually done because the patient is unwell (a germ
   * test): "If you feel worse before then, call…". vital: a vital sign whose danger signs in a child are breathing,
   * color and alertness (oxygen, pulse, breathing rate, temperature): as symptoms, and a child's outside-range script
   * names those signs ("trouble breathing, blue or gray lips, hard to wake: call 911"). It changes no range, limit or
   * urgency.
   */
  safetyNet: z.enum(['symptoms', 'vital']).optional(),
  ...reviewTrail,
};

/** A measured number (potassium, heart rate). */
const quantityLab = z
  .object({
    ...labBase,
    result: z.literal('quantity'),
    /** UCUM code of the ranges and critical limits. A value in another unit is converted when the conversion is exact. */
    unit: z.string().min(1),
    /** g/mol, for converting molar units (mmol/L, µmol/L) to mass units (mg/dL). Omitted: no such conversion. */
    molarMass: z.number().positive().optional(),
    /** Charge of the ion, for converting equivalents (mEq/L) to moles (1 for K⁺, Na⁺, Cl⁻, HCO₃⁻; 2 for Ca²⁺). */
    charge: z.number().int().positive().optional(),
    /** How the unit is said aloud when the pack knows better than the unit table ("beats a minute"). */
    spokenUnit: localized.optional(),
    /** Usual ranges. Omitted where there is no usual range at all (height, weight). */
    ranges: z.array(range).default([]),
    /** Critical limits for every age and sex (a range's own critical limits replace them). */
    critical: criticalLimits.optional(),
    /**
     * Near-critical limits: a recent value beyond them (but not past a critical limit) gets a same-day clinician
     * callback instead of the usual one (INR above the range a dose decision needs the same day, potassium 5.5).
     */
    sameDay: criticalLimits.optional(),
    /** Any result the lab flags as abnormal (H, L, A…) or outside its own range is treated as critical (troponin). */
    abnormalIsCritical: z.boolean().default(false),
    /** What higher than usual means, in everyday words, naming no disease. Agent background only. */
    higher: localized.optional(),
    /** What lower than usual means, in everyday words, naming no disease. Agent background only. */
    lower: localized.optional(),
  })
  .strict()
  .refine(
    (l) => l.ranges.every((r) => (r.high === undefined || l.higher) && (r.low === undefined || l.lower)),
    'a range with a high bound needs "higher" text, and one with a low bound needs "lower" text',
  );

/** A test that finds something or not (a virus, nitrite in urine). */
const presenceLab = z
  .object({
    ...labBase,
    result: z.literal('presence'),
    /** A neutral restatement of a "found" result (what the test found, never what it means). */
    detected: localized,
    /** What a "not found" result says. */
    notDetected: localized,
    /**
     * What happens when it is found. explain: the ambassador restates it and the care team follows up;
     * callback-today: a same-day clinician callback is booked (a positive strep or flu test); nurse-now: treated like a
     * critical result (warm transfer to the nurse line).
     */
    whenDetected: z.enum(['explain', 'callback-today', 'nurse-now']).default('explain'),
    /**
     * Lower-case words that name what the test looks for ("group a", "pyogenes", "strep a"). A result text that names
     * something else and none of these ("Staphylococcus aureus isolated") is unclear, never read as this germ.
     */
    targets: z.array(z.string().min(2)).optional(),
    /** Said after a "not found" result, for patients younger than `ageMax` when given (a negative rapid strep test in a child). */
    notDetectedCaveat: z.object({ text: localized, ageMax: age.optional() }).strict().optional(),
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

/** resources/knowledge/sources/*.yaml: the references entries cite. */
export const sourcesFile = z
  .object({
    sources: z
      .array(
        z
          .object({
            id: z.string().regex(/^[A-Za-z][\w-]*$/),
            title: z.string().min(3),
            url: z.string().min(3).optional(),
            /** What this source gives (the limits or ranges it states). */
            gives: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Source = z.infer<typeof sourcesFile>['sources'][number];

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
    /**
     * Plain names for the services bills list in coding words ("Routine venipuncture" → "blood draw"): the first entry
     * one of whose `match` words the service's text contains (lower case) names it; otherwise it is "service 2".
     */
    services: z.array(z.object({ match: z.array(z.string().min(2)).min(1), label: localized }).strict()).default([]),
  })
  .strict();
export type BillingPack = z.infer<typeof billingFile>;
