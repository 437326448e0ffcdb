/** The fixed "today" every date is computed from, so output never depends on the clock. */
export const REFERENCE_DATE = '2026-11-01';
export const REFERENCE_MS = Date.UTC(2026, 10, 1);

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const YEAR_MS = 365.2425 * DAY_MS;

/** Clinics keep Central time; stored instants are UTC. A fixed offset keeps it simple (no DST tables). */
export const LOCAL_OFFSET_MS = 5 * HOUR_MS;

const TWO: string[] = [];
for (let i = 0; i < 100; i++) TWO.push(i < 10 ? '0' + i : String(i));
const THREE: string[] = [];
for (let i = 0; i < 1000; i++) THREE.push(String(i).padStart(3, '0'));

/** Days since 1970-01-01 -> [year, month 1-12, day] (Howard Hinnant's civil_from_days). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

// Formatting dates is the hot spot of generation, so day strings are cached (about 200 years' worth at most).
const FIRST_CACHED_DAY = -25_567; // 1900-01-01
const dayStrings: string[] = [];

function dayString(days: number): string {
  const slot = days - FIRST_CACHED_DAY;
  let s = dayStrings[slot];
  if (s === undefined) {
    const [y, m, d] = civil(days);
    s = `${y}-${TWO[m] as string}-${TWO[d] as string}`;
    if (slot >= 0 && slot < 75_000) dayStrings[slot] = s;
  }
  return s;
}

/** ISO 8601 instant in UTC with milliseconds, like Date#toISOString but much faster. */
export function isoInstant(ms: number): string {
  const t = Math.floor(ms);
  const days = Math.floor(t / DAY_MS);
  let rem = t - days * DAY_MS;
  const h = Math.floor(rem / HOUR_MS);
  rem -= h * HOUR_MS;
  const mi = Math.floor(rem / MINUTE_MS);
  rem -= mi * MINUTE_MS;
  const sec = Math.floor(rem / 1000);
  return `${dayString(days)}T${TWO[h] as string}:${TWO[mi] as string}:${TWO[sec] as string}.${THREE[rem - sec * 1000] as string}Z`;
}

export function isoDate(ms: number): string {
  return dayString(Math.floor(Math.floor(ms) / DAY_MS));
}

export function yearOf(ms: number): number {
  return civil(Math.floor(Math.floor(ms) / DAY_MS))[0];
}

/** Whole years between a birth instant and another instant. */
export function ageAt(birthMs: number, atMs: number): number {
  const b = new Date(birthMs);
  const a = new Date(atMs);
  let age = a.getUTCFullYear() - b.getUTCFullYear();
  const m = a.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && a.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** Midnight UTC of the given day offset from the reference date, plus a local clock time. */
export function localTime(dayOffset: number, hour: number, minute: number): number {
  return REFERENCE_MS + dayOffset * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + LOCAL_OFFSET_MS;
}
