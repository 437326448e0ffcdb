import type { CriticalLimits, QuantityLab, UsualRange } from '../knowledge/schema';
import type { AgeInterval } from './patient-age';

export interface Limit {
  value: number;
  /** ≤ / ≥ rather than < / >. */
  inclusive: boolean;
}

export interface Critical {
  low?: Limit;
  high?: Limit;
}

export type RangeChoice =
  /** One usual range applies. */
  | { kind: 'range'; range: UsualRange }
  /** The entry has no usual range at all (height, weight). */
  | { kind: 'none' }
  /** At this age an ambassador may not explain it (no published range for the age, or a clinician-only band). */
  | { kind: 'clinician' }
  /** The patient's age or sex is not known well enough to choose between ranges that differ. */
  | { kind: 'uncertain' };

export interface Applicable {
  usual: RangeChoice;
  /** The strictest critical limits among every range that could apply. */
  critical: Critical;
}

/** A pack's limits (critical or same-day: atOrBelow / below, atOrAbove / above) as limits a value is compared with. */
export function comparableLimits(limits: CriticalLimits | undefined): Critical {
  if (!limits) return {};
  const low =
    limits.atOrBelow !== undefined
      ? { value: limits.atOrBelow, inclusive: true }
      : limits.below !== undefined
        ? { value: limits.below, inclusive: false }
        : undefined;
  const high =
    limits.atOrAbove !== undefined
      ? { value: limits.atOrAbove, inclusive: true }
      : limits.above !== undefined
        ? { value: limits.above, inclusive: false }
        : undefined;
  return { ...(low ? { low } : {}), ...(high ? { high } : {}) };
}

/** The stricter of two low limits catches more values: the higher one (inclusive when equal). */
function stricterLow(a: Limit | undefined, b: Limit | undefined): Limit | undefined {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.inclusive ? a : b;
}

function stricterHigh(a: Limit | undefined, b: Limit | undefined): Limit | undefined {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return a.inclusive ? a : b;
}

export const beyondLow = (v: number, l: Limit | undefined) => l !== undefined && (l.inclusive ? v <= l.value : v < l.value);
export const beyondHigh = (v: number, l: Limit | undefined) => l !== undefined && (l.inclusive ? v >= l.value : v > l.value);

/** Whether the bands [ageMin, ageMax) of `ranges` leave any age in [from, to] uncovered. */
function leavesGap(ranges: readonly UsualRange[], from: number, to: number): boolean {
  const bands = ranges.map((r) => [r.ageMin, r.ageMax ?? Infinity] as const).sort((a, b) => a[0] - b[0]);
  let covered = from;
  for (const [start, end] of bands) {
    if (start > covered) return true;
    covered = Math.max(covered, end);
    if (covered > to || covered === Infinity) return false;
  }
  return covered <= to;
}

/**
 * The ranges that could apply to this patient, and what may be said. Every range whose sex and age band could match
 * is a candidate (an unknown sex matches both, an unknown age matches every band); critical limits are the strictest
 * of the candidates (the entry's own where a band has none, or an age is covered by no band); a usual range is used
 * only when every candidate is the same range.
 */
export function applicableRanges(entry: QuantityLab, sex: 'female' | 'male' | null, age: AgeInterval | undefined): Applicable {
  const entryCritical = comparableLimits(entry.critical);
  if (entry.ranges.length === 0) return { usual: { kind: 'none' }, critical: entryCritical };
  const from = age?.min ?? 0;
  const to = age?.max ?? Infinity;
  const candidates = entry.ranges.filter((r) => (!r.sex || !sex || r.sex === sex) && r.ageMin <= to && (r.ageMax === undefined || r.ageMax > from));
  // Ages no band covers (for this sex, or for either sex when it is unknown) keep the entry's limits.
  const sexes: ('female' | 'male')[] = sex ? [sex] : ['female', 'male'];
  const gap = sexes.some((s) =>
    leavesGap(
      candidates.filter((r) => !r.sex || r.sex === s),
      from,
      to,
    ),
  );
  let critical: Critical = gap || candidates.length === 0 ? entryCritical : {};
  for (const r of candidates) {
    const c = r.critical ? comparableLimits(r.critical) : entryCritical;
    const low = stricterLow(critical.low, c.low);
    const high = stricterHigh(critical.high, c.high);
    critical = { ...(low ? { low } : {}), ...(high ? { high } : {}) };
  }
  if (candidates.length === 0 || candidates.some((r) => r.explain === 'clinician')) return { usual: { kind: 'clinician' }, critical };
  // Some age the patient may have been has no published range: clinician-only, or unknown when the age itself is.
  if (gap) return { usual: { kind: age === undefined ? 'uncertain' : 'clinician' }, critical };
  const first = candidates[0]!;
  const same = candidates.every((r) => r.low === first.low && r.high === first.high);
  return { usual: same ? { kind: 'range', range: first } : { kind: 'uncertain' }, critical };
}
