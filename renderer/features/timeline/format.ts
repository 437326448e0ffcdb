import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../preload/contract';

/** Calendar day (the agent's local time) of an instant, as YYYY-MM-DD. */
export function dayKey(at: string): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

type Dated = Pick<TimelineEvent, 'at' | 'localDate' | 'precision'>;

/**
 * The group an event is listed under: its day as written ("d:2024-03-10"), or its year or month when that is all the
 * source gave, "about" a year for dates worked out from an age, or Undated. Events without a written date (cached
 * before it was kept, and the desk's own contacts) are grouped by the agent's own day.
 */
export function groupKey(e: Dated): string {
  const date = e.localDate;
  if (e.precision === 'undated') return 'undated';
  if (!date || e.precision === null) return `d:${dayKey(e.at)}`;
  if (e.precision === 'year') return `y:${date.slice(0, 4)}`;
  if (e.precision === 'month') return `m:${date.slice(0, 7)}`;
  if (e.precision === 'approximate') return `a:${date.slice(0, 4)}`;
  return `d:${date}`;
}

// Building an Intl formatter costs far more than using one; a list of rows would build hundreds while scrolling.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, options);
    formatters.set(key, f);
  }
  return f;
}

export function formatDay(key: string, language: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return dateFormat(language, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(y!, m! - 1, d!));
}

const headings = new Map<string, string>();

/** A group heading: "Sun, Mar 10, 2024", "May 2020", "2019", "About 2015", "Undated". */
export function formatGroup(key: string, language: string, t: TFunction): string {
  if (key === 'undated') return t('timeline.undated');
  const value = key.slice(2);
  switch (key[0]) {
    case 'y':
      return value;
    case 'a':
      return t('timeline.about', { year: value });
  }
  const cacheKey = `${language}|${key}`;
  let heading = headings.get(cacheKey);
  if (heading === undefined) {
    const [y, m] = value.split('-').map(Number);
    heading = key[0] === 'm' ? dateFormat(language, { month: 'long', year: 'numeric' }).format(new Date(y!, m! - 1, 1)) : formatDay(value, language);
    headings.set(cacheKey, heading);
  }
  return heading;
}

/** Minutes east of UTC of an offset as stored ("-07:00"). */
export function offsetMinutes(tz: string): number | undefined {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/** Minutes east of UTC that an IANA zone is at an instant; undefined for a zone this browser does not know. */
export function zoneOffsetAt(zone: string, at: string): number | undefined {
  try {
    const parts = dateFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(new Date(at));
    const p = Object.fromEntries(parts.filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
    const ms = Date.parse(at);
    return Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - (ms - (ms % 60_000))) / 60_000);
  } catch {
    return undefined;
  }
}

const clock = (ms: number, language: string, timeZone?: string) =>
  dateFormat(language, { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(ms));

/** A clock time on the agent's own clock. */
export function formatTime(at: string, language: string): string {
  return clock(Date.parse(at), language);
}

export interface EventClock {
  /** On the clock the source wrote it in: a clinic's 9:00 stays "9:00 AM". */
  time: string;
  /** The zone named: the organisation's abbreviation when the offset is its own ("PDT"), else "UTC−7". */
  zone: string;
  /** The same instant on the agent's clock, when that differs. */
  agentTime: string | null;
}

type Clocked = Pick<TimelineEvent, 'at' | 'precision' | 'tz'>;
const clocks = new WeakMap<Clocked, Map<string, EventClock | null>>();

/** The clock time of an event with a time, in its own offset; null for events with only a date. Kept per event. */
export function eventClock(e: Clocked, language: string, organisationZone: string): EventClock | null {
  const key = `${language}|${organisationZone}`;
  let known = clocks.get(e);
  if (!known) {
    known = new Map();
    clocks.set(e, known);
  }
  if (!known.has(key)) known.set(key, readClock(e, language, organisationZone));
  return known.get(key)!;
}

function readClock(e: Clocked, language: string, organisationZone: string): EventClock | null {
  if (e.precision === null) return { time: formatTime(e.at, language), zone: '', agentTime: null };
  if (e.precision !== 'time' || !e.tz) return null;
  const offset = offsetMinutes(e.tz);
  if (offset === undefined) return null;
  const ms = Date.parse(e.at);
  const time = clock(ms + offset * 60_000, language, 'UTC');
  let zone: string | undefined;
  if (zoneOffsetAt(organisationZone, e.at) === offset) {
    zone = dateFormat(language, { timeZone: organisationZone, timeZoneName: 'short' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value;
  }
  if (!zone) {
    const h = Math.trunc(Math.abs(offset) / 60);
    const m = Math.abs(offset) % 60;
    zone = offset === 0 ? 'UTC' : `UTC${offset < 0 ? '−' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
  }
  const agentOffset = -new Date(ms).getTimezoneOffset();
  return { time, zone, agentTime: agentOffset === offset ? null : formatTime(e.at, language) };
}

/**
 * Builds the formatters the rows use, for a language and the organisation's zone: the first patient opened after the
 * page loads then shows its timeline without building them (tens of milliseconds). Call when idle.
 */
export function prepareFormats(language: string, organisationZone: string): void {
  const at = '2024-07-01T16:00:00.000Z';
  formatDay('2024-07-01', language);
  dateFormat(language, { month: 'long', year: 'numeric' }).format(new Date(at));
  const offset = zoneOffsetAt(organisationZone, at) ?? 0;
  const hhmm = `${String(Math.trunc(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  readClock({ at, precision: 'time', tz: `${offset < 0 ? '-' : '+'}${hhmm}` }, language, organisationZone);
  formatTime(at, language);
  formatMoney(100, 'USD', language);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
export function formatMoney(cents: number, currency: string, language: string): string {
  const key = `${language}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(language, { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  return f.format(cents / 100);
}
