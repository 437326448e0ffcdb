import { codings, conceptText, obj, str, type Json } from '../fhir/access';

/**
 * The kind of coverage behind a bill, for what the law lets a provider bill: Medicaid and QMB patients are protected
 * from cost sharing (SSA §1902(n)(3)(B), 42 CFR 447.15); the No Surprises Act does not apply to Medicare, Medicaid or
 * TRICARE; an uninsured patient has a Good Faith Estimate instead of a plan.
 */
export type CoverageKind = 'medicaid' | 'medicare' | 'tricare' | 'uninsured' | 'commercial' | 'unknown';

/** Source of Payment Typology (NAHDO) code prefixes, longest first. */
const SOPT: [string, CoverageKind][] = [
  ['14', 'medicaid'], // dual eligible Medicare/Medicaid: Medicaid's protections apply
  ['311', 'tricare'],
  ['81', 'uninsured'],
  ['82', 'uninsured'],
  ['1', 'medicare'],
  ['2', 'medicaid'],
  ['5', 'commercial'],
  ['6', 'commercial'],
  ['8', 'uninsured'],
];

const TEXT: [RegExp, CoverageKind][] = [
  [/medicaid|medi-cal|\bqmb\b|qualified medicare beneficiar|dual[- ]eligib|chip\b/i, 'medicaid'],
  [/tricare|champus/i, 'tricare'],
  [/no[_ ]insurance|self[- ]?pay|uninsured/i, 'uninsured'],
  [/medicare/i, 'medicare'],
];

export function coverageKind(coverage: Json): CoverageKind {
  const type = obj(coverage.type);
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
