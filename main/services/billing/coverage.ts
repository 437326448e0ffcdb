import { codings, conceptText, obj, str, type Json } from '../fhir/access';

/**
 * The kind of coverage behind a bill, for what the law lets a provider bill: Medicaid and QMB patients are protected
 * from cost sharing (SSA §1902(n)(3)(B), 42 CFR 447.15); the No Surprises Act does not apply to Medicare, Medicaid or
 * TRICARE; an uninsured patient has a Good Faith Estimate instead of a plan.
 */
export type CoverageKind = 'medicaid' | 'qmb' | 'medicare' | 'tricare' | 'uninsured' | 'commercial' | 'unknown';

/** Source of Payment Typology (NAHDO) code prefixes, longest first. */
const SOPT: [string, CoverageKind][] = [
  ['14', 'medicaid'], // dual eligible Medicare/Medicaid: Medicaid's protections apply
  ['31', 'tricare'],
  ['32', 'tricare'], // VA: a government plan the No Surprises Act does not cover either
  ['81', 'uninsured'],
  ['82', 'uninsured'],
  ['1', 'medicare'],
  ['2', 'medicaid'],
  ['5', 'commercial'],
  ['6', 'commercial'],
  ['8', 'uninsured'],
];

const TEXT: [RegExp, CoverageKind][] = [
  // SLMB and QI pay the Part B premium only: the patient's Medicare cost sharing stays billable.
  [/\bslmb\b|specified low[- ]income|\bqi\b|qualifying individual/i, 'medicare'],
  [/\bqmb\b|qualified medicare beneficiar/i, 'qmb'],
  [/medicaid|medi-cal|dual[- ]eligib|chip\b/i, 'medicaid'],
  [/tricare|champus/i, 'tricare'],
  [/no[_ ]insurance|self[- ]?pay|uninsured/i, 'uninsured'],
  [/medicare/i, 'medicare'],
];

export function coverageKind(coverage: Json): CoverageKind {
  const type = obj(coverage.type);
  // A plan's name (class) says QMB or SLMB where the type code says only "Medicare": read it first.
  const names = (Array.isArray(coverage.class) ? coverage.class.map((k) => str(obj(k)?.name) ?? str(obj(k)?.value)) : []).filter(Boolean).join(' ');
  for (const [re, kind] of TEXT) if (names && re.test(names)) return kind;
  for (const c of codings(type)) {
    if (c.system?.includes('sopt') && c.code) {
      const hit = SOPT.find(([prefix]) => c.code!.startsWith(prefix));
      if (hit) return hit[1];
    }
    if (c.system?.includes('coverage-selfpay') && c.code === 'pay') return 'uninsured';
  }
  const words = [conceptText(type), ...(Array.isArray(coverage.class) ? coverage.class.map((k) => str(obj(k)?.name)) : []), str(obj(coverage.type)?.text)]
    .filter(Boolean)
    .join(' ');
  for (const [re, kind] of TEXT) if (re.test(words)) return kind;
  return type ? 'commercial' : 'unknown';
}

/** The patient's coverages that were in force on the date of service (status and period, where stated). */
export function coveragesOn(coverages: readonly Json[], date: string | undefined): Json[] {
  return coverages.filter((c) => {
    const status = str(c.status);
    if (status && status !== 'active') return false;
    const period = obj(c.period);
    const start = str(period?.start);
    const end = str(period?.end);
    if (!date) return true;
    const day = date.slice(0, 10);
    return (!start || start.slice(0, 10) <= day) && (!end || end.slice(0, 10) >= day);
  });
}
