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
  checked: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
    .optional(),
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
  'paidByPatient',
  'priorPayer',
  'paidToPatient',
  'predetermination',
] as const;

/**
 * What can be said after a bill's explanation, each { term, plain }: `term` is a short name the agent sees, `plain` is
 * read aloud. The bill engine picks them from the EOB (a bill exists, coverage, emergency care) and from the CARC
 * `action` of its lines (see `carcActions`).
 */
export const nextStepIds = [
  'paymentPlan',
  'financialAssistance',
  'itemizedBill',
  'appeal',
  'checkBeforePaying',
  'noSurprises',
  'goodFaithEstimate',
  'updateOtherInsurance',
  'providerFix',
  'sendInformation',
  'contactPlan',
  'publicCoverage',
  'otherPlan',
  'medicaidScreening',
] as const;
export type NextStepId = (typeof nextStepIds)[number];

/**
 * What a CARC says about the money on its line.
 * - cost-share: the patient's deductible, coinsurance or copay under the plan (1, 2, 3, 66 blood deductible, 142
 *   Medicaid share of cost, 275 the prior plan's cost share). Usually the patient's, unless another plan or Medicaid pays it.
 * - adjustment: a reduction or a change of who pays that is not a denial of the service (23 prior payer, 24 capitation,
 *   45 fee schedule, 59 multiple procedures, 94, 100 paid to the patient, 187 HSA/FSA, 209, 253 sequestration).
 * - denial: the plan did not pay the service for this reason.
 */
export const carcKinds = ['cost-share', 'adjustment', 'denial'] as const;
export type CarcKind = (typeof carcKinds)[number];

/**
 * The patient's usual remedy for a CARC, and so the next step offered (`carcActionStep`).
 * - appeal: ask the plan to look again (50 medical need, 151, 197, 242...).
 * - provider-fix: the hospital or doctor's office corrects, resends or writes off; nothing for the patient to do
 *   unless a bill comes (4, 16, 29, 97, 181, 226, 252...). Never an appeal.
 * - update-other-insurance: the patient gives the plan their other-insurance details (22, 109).
 * - send-information: the patient sends what the plan asked for (227).
 * - contact-plan: the patient calls the plan's member services (26, 27, 31).
 * - none: nothing to do (1, 2, 3, 18 duplicate, 45, 253...).
 */
export const carcActions = ['appeal', 'provider-fix', 'update-other-insurance', 'send-information', 'contact-plan', 'none'] as const;
export type CarcAction = (typeof carcActions)[number];

/** The next step each CARC action offers (none: no step of its own). */
export const carcActionStep: Record<CarcAction, NextStepId | null> = {
  appeal: 'appeal',
  'provider-fix': 'providerFix',
  'update-other-insurance': 'updateOtherInsurance',
  'send-information': 'sendInformation',
  'contact-plan': 'contactPlan',
  none: null,
};

/** A claim adjustment reason code (X12 CARC) in plain words. */
const carcEntry = z
  .object({
    /** The X12 code: digits, or a letter and digits (A1). */
    code: z.string().regex(/^[A-Z]?\d{1,3}$/, 'not a CARC code'),
    kind: z.enum(carcKinds),
    action: z.enum(carcActions),
    /**
     * The No Surprises Act may make this denial or balance bill wrong when the care was emergency care, or came from an
     * out-of-network clinician at an in-network hospital (242, 197, 288, 40; 45 when out of network). The engine still
     * decides from the claim (emergency, network, coverage: not Medicare, Medicaid or TRICARE) whether to offer the step.
     */
    noSurprises: z.literal(true).optional(),
    /**
     * Read aloud after the line's service: what the reason means and whose it usually is ("usually", never absolute).
     * It never says or implies an amount (the engine says amounts) and never voices a clinical judgement as ours.
     */
    plain: localized,
  })
  .strict();
export type CarcEntry = z.infer<typeof carcEntry>;

/** resources/knowledge/billing.yaml */
export const billingFile = z
  .object({
    terms: z.object(Object.fromEntries(billingTermIds.map((id) => [id, billingTerm])) as Record<(typeof billingTermIds)[number], typeof billingTerm>).strict(),
    /** Claim adjustment reason codes (X12 CARC) in plain words, each with its kind and action. */
    carc: z.array(carcEntry).min(20),
    nextSteps: z.object(Object.fromEntries(nextStepIds.map((id) => [id, billingTerm])) as Record<NextStepId, typeof billingTerm>).strict(),
    /**
     * Plain names for the services bills list in coding words ("Routine venipuncture" → "blood draw"): the first entry
     * one of whose `match` words the service's text contains (lower case) names it; otherwise it is "service 2".
     */
    services: z.array(z.object({ match: z.array(z.string().min(2)).min(1), label: localized }).strict()).default([]),
  })
  .strict();
export type BillingPack = z.infer<typeof billingFile>;
