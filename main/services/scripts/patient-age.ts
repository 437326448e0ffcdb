/** How old a patient was on a result's date, as an interval: FHIR dates are often partial ("1980", "1980-05"). */
export interface AgeInterval {
  /** Years, the youngest the patient can have been. */
  min: number;
  /** Years, the oldest the patient can have been. */
  max: number;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** The first and the last instant a FHIR date or dateTime can stand for, or undefined when it cannot be read. */
export function instantBounds(value: string | undefined): [number, number] | undefined {
  if (!value) return undefined;
  const m = value.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(T.+)?$/);
  if (!m) return undefined;
  const [, y, mo, d, time] = m;
  if (!y) return undefined;
  if (time) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : [t, t];
  }
  const year = Number(y);
  if (mo === undefined) return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1) - 1];
  const month = Number(mo) - 1;
  if (month < 0 || month > 11) return undefined;
  if (d === undefined) return [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1) - 1];
  const day = Number(d);
  const start = Date.UTC(year, month, day);
  if (new Date(start).getUTCDate() !== day) return undefined;
  // A calendar day, in whatever time zone it was written in: widen by the largest offsets (−12 h, +14 h).
  return [start - 14 * 3600_000, start + 24 * 3600_000 - 1 + 12 * 3600_000];
}

/**
 * The patient's age on `on` (the result's date; now when the result has none). Undefined when the birth date is
 * missing or unreadable, or the result predates the birth.
 */
export function ageInterval(birthDate: string | null | undefined, on: string | undefined, now = Date.now()): AgeInterval | undefined {
  const birth = instantBounds(birthDate ?? undefined);
  if (!birth) return undefined;
  const at: [number, number] | undefined = on ? instantBounds(on) : [now, now];
  if (!at) return undefined;
  const min = Math.max(0, (at[0] - birth[1]) / YEAR_MS);
  const max = (at[1] - birth[0]) / YEAR_MS;
  if (max < 0) return undefined;
  return { min, max };
}
