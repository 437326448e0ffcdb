import { obj, str } from '../fhir/access';

/** Whether a FHIR Period ended before `now` (an ISO instant). */
export function ended(period: unknown, now: string): boolean {
  const end = periodEnd(str(obj(period)?.end));
  return end !== null && end < now;
}

/** A FHIR date or dateTime as the ISO instant it starts at, or null when it is not one. */
export function periodStart(value: string | undefined): string | null {
  return instant(value, 'start');
}

/** A FHIR date or dateTime as the last ISO instant it covers ("2019" ends 2019-12-31T23:59:59.999Z), or null. */
export function periodEnd(value: string | undefined): string | null {
  return instant(value, 'end');
}

function instant(value: string | undefined, edge: 'start' | 'end'): string | null {
  if (!value) return null;
  const partial = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (partial) {
    const y = Number(partial[1]);
    const m = partial[2] ? Number(partial[2]) - 1 : edge === 'start' ? 0 : 11;
    const d = partial[3] ? Number(partial[3]) : edge === 'start' ? 1 : new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const t = edge === 'start' ? Date.UTC(y, m, d) : Date.UTC(y, m, d, 23, 59, 59, 999);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  // A dateTime without an offset (common, though R4 requires one) is read as UTC: a few hours either way do not
  // matter for when a phone number or an identifier stops being used.
  const withZone = /T[\d:.]+$/.test(value) ? `${value}Z` : value;
  const t = Date.parse(withZone);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
