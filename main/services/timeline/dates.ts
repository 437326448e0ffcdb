/** How much of a date the source wrote: "2019" is a year, "2020-05" a month, "2020-05-04" a day, with a clock a time. */
export type DatePrecision = 'year' | 'month' | 'day' | 'time';

/** A FHIR date or dateTime as the source wrote it, and the instant the timeline sorts it by. */
export interface WrittenDate {
  /**
   * Sortable UTC instant. Dates without a time are placed at noon UTC so they fall on the same calendar day in every
   * time zone from UTC−11 to UTC+11; a year or a month at noon on its first day.
   */
  at: string;
  /** The calendar day as written, in the source's own offset (YYYY-MM-DD; a year or month padded to its first day). */
  localDate: string;
  precision: DatePrecision;
  /** The offset the clock time was written in ("-07:00"); null without a clock time. */
  tz: string | null;
}

/** Absent (undefined), readable, or present but not a real date (February 30th, month 13, hour 25). */
export type DateReading = WrittenDate | { invalid: true } | undefined;

// YYYY, YYYY-MM, YYYY-MM-DD, then Thh:mm[:ss[.fff…]] and an offset. FHIR requires seconds and an offset with a time;
// real exports omit either, and both are read (without an offset, in the organisation's zone).
const pattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) => (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : monthDays[month - 1]!);

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function exactOffset(zone: string, ms: number): number {
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

// Intl is slow (tens of µs a call) and an import reads a time per resource: a zone's offset is kept per UTC day, for
// the days with no clock change in them (all but two a year).
const dayOffsets = new Map<string, Map<number, number | null>>();
const DAY_MS = 86_400_000;

/** Minutes east of UTC that `zone` is at the instant `ms`. */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  let days = dayOffsets.get(zone);
  if (!days || days.size > 200_000) {
    days = new Map();
    dayOffsets.set(zone, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const start = exactOffset(zone, day * DAY_MS);
    offset = start === exactOffset(zone, (day + 1) * DAY_MS - 1000) ? start : null;
    days.set(day, offset);
  }
  return offset ?? exactOffset(zone, ms);
}

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The UTC instant of a wall-clock time (given as if it were UTC) in `zone`: two passes settle a clock change. */
function zonedToUtc(wall: number, zone: string): number {
  const first = wall - zoneOffsetMinutes(zone, wall) * 60_000;
  return wall - zoneOffsetMinutes(zone, first) * 60_000;
}

/**
 * Reads a FHIR date or dateTime the way it was written. A time with an offset keeps its offset (a 9:00 clinic time
 * stays 9:00, on the day written there). A time without an offset, which R4 forbids but real exports send, is read in
 * `timeZone` (the organisation's), never the importing machine's. A time in UTC ("Z", "+00:00") is what servers
 * normalise to, not where the care happened, so its day and clock are the organisation's.
 */
export function readFhirDate(value: unknown, timeZone: string): DateReading {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const m = pattern.exec(value);
  if (!m) return { invalid: true };
  const year = Number(m[1]);
  if (year < 1800 || year > 2200) return { invalid: true };
  if (m[2] === undefined) return { at: `${m[1]}-01-01T12:00:00.000Z`, localDate: `${m[1]}-01-01`, precision: 'year', tz: null };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { invalid: true };
  if (m[3] === undefined) return { at: `${m[1]}-${m[2]}-01T12:00:00.000Z`, localDate: `${m[1]}-${m[2]}-01`, precision: 'month', tz: null };
  const day = Number(m[3]);
  if (day < 1 || day > daysIn(year, month)) return { invalid: true };
  const localDate = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] === undefined) return { at: `${localDate}T12:00:00.000Z`, localDate, precision: 'day', tz: null };

  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 60) return { invalid: true };
  // A leap second is read as the last second of its minute.
  const wall = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const offset = m[8];
  if (offset === undefined) {
    const instant = zonedToUtc(wall, timeZone);
    return { at: new Date(instant).toISOString(), localDate, precision: 'time', tz: offsetText(zoneOffsetMinutes(timeZone, instant)) };
  }
  const om = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  const minutes = om ? (om[1] === '-' ? -1 : 1) * (Number(om[2]) * 60 + Number(om[3])) : 0;
  if (Math.abs(minutes) > 14 * 60) return { invalid: true };
  const instant = wall - minutes * 60_000;
  if (minutes === 0) {
    const local = zoneOffsetMinutes(timeZone, instant);
    const there = new Date(instant + local * 60_000).toISOString();
    return { at: new Date(instant).toISOString(), localDate: there.slice(0, 10), precision: 'time', tz: offsetText(local) };
  }
  return { at: new Date(instant).toISOString(), localDate, precision: 'time', tz: offsetText(minutes) };
}

/** A FHIR date or dateTime as a sortable UTC instant (offset-less times read as UTC), or undefined. */
export function toInstant(value: string | undefined): string | undefined {
  const d = readFhirDate(value, 'UTC');
  return d && !('invalid' in d) ? d.at : undefined;
}

/** `date` (YYYY-MM-DD) plus a number of years, months or days, as YYYY-MM-DD (the 29th of February rolls back). */
export function addToDate(date: string, amount: { years?: number; months?: number; days?: number }): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return undefined;
  const months = Number(m[2]) - 1 + Math.round((amount.years ?? 0) * 12) + (amount.months ?? 0);
  const year = Number(m[1]) + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const day = Math.min(Number(m[3]), daysIn(year, month + 1));
  const d = new Date(Date.UTC(year, month, day) + (amount.days ?? 0) * 86_400_000);
  const y = d.getUTCFullYear();
  return y < 1800 || y > 2200 ? undefined : d.toISOString().slice(0, 10);
}

/** The padded year/month/day of a date string, for dates given by the birth date (YYYY, YYYY-MM or YYYY-MM-DD). */
export function paddedDate(value: string | null | undefined): string | undefined {
  const m = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value) : null;
  return m ? `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}` : undefined;
}

const monthYear = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const dayText = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const clockText = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });

/** A written date as data text ("2019", "May 2020", "Mar 10, 2024", "Mar 10, 2024 10:30 PM" on the clock written). */
export function describeDate(d: WrittenDate): string {
  const day = Date.parse(`${d.localDate}T00:00:00Z`);
  if (d.precision === 'year') return d.localDate.slice(0, 4);
  if (d.precision === 'month') return monthYear.format(day);
  if (d.precision === 'day' || d.tz === null) return dayText.format(day);
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(d.tz);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return `${dayText.format(day)} ${clockText.format(Date.parse(d.at) + offset * 60_000)}`;
}
