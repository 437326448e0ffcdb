import { arr, codings, conceptText, num, obj, str, type Json } from '../fhir/access';
import { ageInterval, type AgeInterval } from '../scripts/patient-age';

/** What the timeline knows of the patient when a result is imported (either may be missing). */
export interface PatientFacts {
  birthDate?: string | null | undefined;
  gender?: string | null | undefined;
}

type Fit = 'yes' | 'no' | 'unknown';

const yearsPer: Record<string, number> = {
  a: 1,
  year: 1,
  years: 1,
  mo: 1 / 12,
  month: 1 / 12,
  months: 1 / 12,
  wk: 7 / 365.25,
  week: 7 / 365.25,
  weeks: 7 / 365.25,
  d: 1 / 365.25,
  day: 1 / 365.25,
  days: 1 / 365.25,
};

/** An Age quantity in years, or undefined when its unit is not a time unit. */
export function ageYears(q: unknown): number | undefined {
  const o = obj(q);
  const v = num(o?.value);
  const unit = (str(o?.code) ?? str(o?.unit) ?? 'a').toLowerCase();
  const per = yearsPer[unit];
  return v === undefined || per === undefined ? undefined : v * per;
}

/** Both readings must hold: "no" beats "unknown" beats "yes". */
const and = (a: Fit, b: Fit): Fit => (a === 'no' || b === 'no' ? 'no' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'yes');

function sexFit(want: 'male' | 'female', gender: string | null | undefined): Fit {
  return gender === 'male' || gender === 'female' ? (gender === want ? 'yes' : 'no') : 'unknown';
}

/** Whether an age band [from, to) (years) holds the patient's age, which may itself be an interval. */
function bandFit(from: number, to: number, age: AgeInterval | undefined): Fit {
  if (!age) return 'unknown';
  if (age.min >= from && age.max < to) return 'yes';
  if (age.max < from || age.min >= to) return 'no';
  return 'unknown';
}

/** One appliesTo concept ("Adult male", SNOMED 248153007 Male, v3 F): every criterion it names, or unknown. */
function appliesToFit(cc: unknown, gender: string | null | undefined, age: AgeInterval | undefined): Fit {
  const codes = codings(cc).map((c) => (c.code ?? '').toLowerCase());
  const text = [conceptText(cc) ?? '', ...codings(cc).map((c) => c.display ?? '')].join(' ').toLowerCase();
  let fit: Fit = 'yes';
  let understood = false;
  const criterion = (hit: boolean, f: () => Fit) => {
    if (!hit) return;
    understood = true;
    fit = and(fit, f());
  };
  const female = codes.includes('248152002') || codes.includes('f') || codes.includes('female') || /\b(female|women|woman|girls?)\b/.test(text);
  const male = codes.includes('248153007') || codes.includes('m') || codes.includes('male') || /\b(male|men|man|boys?)\b/.test(text);
  criterion(female && !male, () => sexFit('female', gender));
  criterion(male && !female, () => sexFit('male', gender));
  criterion(codes.includes('133936004') || /\badults?\b/.test(text), () => bandFit(18, Infinity, age));
  criterion(codes.includes('67822003') || /\b(child|children|pediatric|paediatric)\b/.test(text), () => bandFit(0, 18, age));
  criterion(codes.includes('133931009') || /\binfants?\b/.test(text), () => bandFit(0, 1, age));
  criterion(/\b(newborns?|neonat\w*)\b/.test(text), () => bandFit(0, 28 / 365.25, age));
  // Pregnancy, race, a menstrual phase: nothing the desk can check, so the range may or may not apply.
  return understood ? fit : 'unknown';
}

function rangeFit(r: Json, gender: string | null | undefined, age: AgeInterval | undefined): Fit {
  let fit: Fit = 'yes';
  for (const a of arr(r.appliesTo)) fit = and(fit, appliesToFit(a, gender, age));
  const band = obj(r.age);
  if (band) {
    const low = ageYears(band.low) ?? 0;
    const highQ = obj(band.high);
    const high = ageYears(highQ);
    // "Age 18–65" includes 65-year-olds: the band ends a whole unit after its high value.
    const end = high === undefined ? Infinity : high + (ageYears({ value: 1, code: str(highQ?.code) ?? str(highQ?.unit) ?? 'a' }) ?? 1);
    fit = and(fit, bandFit(low, end, age));
  }
  return fit;
}

/** Ranges a flag may be derived from: normal ranges, not therapeutic or treatment targets. */
function isNormalRange(r: Json): boolean {
  const types = codings(r.type).map((c) => c.code?.toLowerCase());
  return types.length === 0 || types.includes('normal') || types.includes('recommended');
}

const criteria = (r: Json) => arr(r.appliesTo).length + (r.age ? 1 : 0);
const sameBounds = (a: Json, b: Json) => num(obj(a.low)?.value) === num(obj(b.low)?.value) && num(obj(a.high)?.value) === num(obj(b.high)?.value);

/**
 * The reference range that applies to this patient on `on` (the result's date), chosen by appliesTo (sex, adult,
 * child…) and age; undefined when none fits, or when ranges that could apply disagree (then no flag is derived).
 */
export function chooseRange(o: Json, patient: PatientFacts | undefined, on: string | undefined): Json | undefined {
  const ranges = arr(o.referenceRange)
    .map(obj)
    .filter((r): r is Json => r !== undefined && isNormalRange(r));
  if (ranges.length === 0) return undefined;
  const age = patient?.birthDate ? ageInterval(patient.birthDate, on) : undefined;
  const fits = ranges.map((r) => ({ r, fit: rangeFit(r, patient?.gender, age) }));
  const possible = fits.filter((f) => f.fit !== 'no');
  const first = possible[0];
  if (!first) return undefined;
  if (possible.every((f) => sameBounds(f.r, first.r))) return first.r;
  if (possible.some((f) => f.fit === 'unknown')) return undefined;
  // Every remaining range applies (a general one and one for adult men): the most specific decides, if it agrees.
  const most = Math.max(...possible.map((f) => criteria(f.r)));
  const best = possible.filter((f) => criteria(f.r) === most);
  return best.every((f) => sameBounds(f.r, best[0]!.r)) ? best[0]!.r : undefined;
}
