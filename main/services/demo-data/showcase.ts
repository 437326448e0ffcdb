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
} as const satisfies Record<string, number>;

export type ShowcaseRole = Exclude<keyof typeof SHOWCASE, 'sharedPhoneA' | 'sharedPhoneB'>;

const ROLE_BY_INDEX = new Map<number, ShowcaseRole>(
  (Object.entries(SHOWCASE) as [keyof typeof SHOWCASE, number][])
    .filter((e): e is [ShowcaseRole, number] => e[0] !== 'sharedPhoneA' && e[0] !== 'sharedPhoneB')
    .map(([role, index]) => [index, role]),
);

export function showcaseRole(index: number): ShowcaseRole | undefined {
  return index < 10 ? ROLE_BY_INDEX.get(index) : undefined;
}

/** Patients 2k and 2k+1 may form a household; among the showcase indices only the shared-phone pair does. */
export function showcaseHousehold(block: number): boolean | undefined {
  if (block === SHOWCASE.sharedPhoneA / 2) return true;
  return block < 5 ? false : undefined;
}
