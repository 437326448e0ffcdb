/**
 * Fixed patient indices whose content is guaranteed for every seed, so the app's edge cases
 * (critical results, Spanish speakers, household phones, billing mismatches...) are always present.
 */
export const SHOWCASE = {
  criticalPotassiumAdult: 0,
  spanishDeductibleEob: 1,
  child: 2,
  eobTotalsMismatch: 3,
  sharedPhoneA: 4,
  sharedPhoneB: 5,
  zeroDollarClaim: 6,
  deniedLine: 7,
  unknownCodeObservation: 8,
  /** Prescription fills billed on pharmacy EOBs (NDC, discount, paid at the counter). */
  pharmacyFill: 9,
  /** Original Medicare with a Medigap plan: a primary and a secondary EOB for the same claim. */
  secondaryEob: 10,
  /** A payer whose EOBs state no member liability at all. */
  noMemberLiability: 11,
  /** An estimate for a planned knee MRI (use: predetermination), not a bill. */
  predetermination: 12,
  /** An out-of-network emergency physician at the in-network hospital (No Surprises Act). */
  emergencyOutOfNetwork: 13,
  /** An EOB entered in error, followed by the corrected one for the same claim. */
  correctedEob: 14,
  /** A payer that reports the contractual write-off as not covered with CARC 45. */
  writeOffEob: 15,
  /** A Qualified Medicare Beneficiary: Medicare first, then Medicaid, nothing billable to the patient. */
  qmbDualEligible: 16,
  /** No insurance: a self-pay coverage and claims with no EOB. */
  uninsured: 17,
} as const satisfies Record<string, number>;

export type ShowcaseRole = Exclude<keyof typeof SHOWCASE, 'sharedPhoneA' | 'sharedPhoneB'>;

const ROLE_BY_INDEX = new Map<number, ShowcaseRole>(
  (Object.entries(SHOWCASE) as [keyof typeof SHOWCASE, number][])
    .filter((e): e is [ShowcaseRole, number] => e[0] !== 'sharedPhoneA' && e[0] !== 'sharedPhoneB')
    .map(([role, index]) => [index, role]),
);

/** One past the highest showcase index. */
const SHOWCASE_END = Math.max(...Object.values(SHOWCASE)) + 1;

export function showcaseRole(index: number): ShowcaseRole | undefined {
  return index < SHOWCASE_END ? ROLE_BY_INDEX.get(index) : undefined;
}

/**
 * The roles from before the billing rework: their bills stay plain (the payer states everything, no second payer, no
 * corrections) because tests pick "the first EOB with a deductible" and so on from them.
 */
const PLAIN_BILLING = new Set<ShowcaseRole>([
  'criticalPotassiumAdult',
  'spanishDeductibleEob',
  'child',
  'eobTotalsMismatch',
  'zeroDollarClaim',
  'deniedLine',
  'unknownCodeObservation',
]);

export function plainBillingRole(role: ShowcaseRole | undefined): boolean {
  return role !== undefined && PLAIN_BILLING.has(role);
}

/** Patients 2k and 2k+1 may form a household; among the showcase indices only the shared-phone pair does. */
export function showcaseHousehold(block: number): boolean | undefined {
  if (block === SHOWCASE.sharedPhoneA / 2) return true;
  return block < SHOWCASE_END / 2 ? false : undefined;
}
