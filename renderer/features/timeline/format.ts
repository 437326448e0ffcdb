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

export function formatDay(key: string, language: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toLocaleDateString(language, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

/** A group heading: "Sun, Mar 10, 2024", "May 2020", "2019", "About 2015", "Undated". */
export function formatGroup(key: string, language: string, t: TFunction): string {
  if (key === 'undated') return t('timeline.undated');
  const value = key.slice(2);
  switch (key[0]) {
    case 'y':
      return value;
    case 'a':
      return t('timeline.about', { year: value });
    case 'm': {
      const [y, m] = value.split('-').map(Number);
      return new Date(y!, m! - 1, 1).toLocaleDateString(language, { month: 'long', year: 'numeric' });
    }
    default:
      return formatDay(value, language);
  }
}

/** Minutes east of UTC of an offset as stored ("-07:00"). */
export function offsetMinutes(tz: string): number | undefined {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/** Minutes east of UTC that an IANA zone is at an instant; undefined for a zone this browser does not know. */
export function zoneOffsetAt(zone: string, at: string): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(new Date(at));
    const p = Object.fromEntries(parts.filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
    const ms = Date.parse(at);
    return Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - (ms - (ms % 60_000))) / 60_000);
  } catch {
    return undefined;
  }
}

const clock = (ms: number, language: string, timeZone?: string) =>
  new Date(ms).toLocaleTimeString(language, { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });

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

/** The clock time of an event with a time, in its own offset; null for events with only a date. */
export function eventClock(e: Pick<TimelineEvent, 'at' | 'precision' | 'tz'>, language: string, organisationZone: string): EventClock | null {
  if (e.precision === null) return { time: formatTime(e.at, language), zone: '', agentTime: null };
  if (e.precision !== 'time' || !e.tz) return null;
  const offset = offsetMinutes(e.tz);
  if (offset === undefined) return null;
  const ms = Date.parse(e.at);
  const time = clock(ms + offset * 60_000, language, 'UTC');
  let zone: string | undefined;
  if (zoneOffsetAt(organisationZone, e.at) === offset) {
    zone = new Intl.DateTimeFormat(language, { timeZone: organisationZone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
  }
  if (!zone) {
    const h = Math.trunc(Math.abs(offset) / 60);
    const m = Math.abs(offset) % 60;
    zone = offset === 0 ? 'UTC' : `UTC${offset < 0 ? '−' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
  }
  const agentOffset = -new Date(ms).getTimezoneOffset();
  return { time, zone, agentTime: agentOffset === offset ? null : formatTime(e.at, language) };
}

export function formatMoney(cents: number, currency: string, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency }).format(cents / 100);
}
