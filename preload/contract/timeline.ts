import { z } from 'zod';
import { channel } from './channel';
import { LocalId } from './ids';

export const eventKinds = [
  'encounter',
  'result',
  'report',
  'condition',
  'medication',
  'immunization',
  'procedure',
  'allergy',
  'careplan',
  'appointment',
  'claim',
  'eob',
  'coverage',
  'contact',
] as const;
export const EventKind = z.enum(eventKinds);
export type EventKind = z.infer<typeof EventKind>;

export const ResultFlag = z.enum(['normal', 'abnormal', 'critical']);
export type ResultFlag = z.infer<typeof ResultFlag>;

/**
 * How much of its date an event's source gave: a year ("2019"), a month, a day, a clock time; 'approximate' when the
 * date was worked out from an age and the birth date (about that year); 'undated' when the source gave no usable date.
 */
export const EventPrecision = z.enum(['year', 'month', 'day', 'time', 'approximate', 'undated']);
export type EventPrecision = z.infer<typeof EventPrecision>;

/** One row of the unified timeline, whatever it came from. */
export const TimelineEvent = z.object({
  id: z.number().int(),
  patientId: z.string(),
  /** The instant it sorts by (UTC). Shown only through localDate, precision and tz when those are set. */
  at: z.string(),
  /** The calendar day as the source wrote it, in its own offset (YYYY-MM-DD); null when undated, or cached before it was kept. */
  localDate: z.string().nullable(),
  /** Null for events cached before precision was kept, and the desk's own contacts: read `at` in the agent's zone. */
  precision: EventPrecision.nullable(),
  /** The offset of a clock time as written ("-07:00"): a clinic's 9:00 appointment is shown as 9:00. */
  tz: z.string().nullable(),
  kind: EventKind,
  title: z.string(),
  status: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }),
  value: z.string().nullable(),
  unit: z.string().nullable(),
  interpretation: z.string().nullable(),
  flag: ResultFlag.nullable(),
  amount: z.object({ chargedCents: z.number().int().nullable(), patientCents: z.number().int().nullable(), currency: z.string() }).nullable(),
  detail: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

const isoDate = z.string().refine((d) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00.000Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
}, 'must be a calendar date as YYYY-MM-DD');

export const TimelineQuery = z
  .object({
    patientId: z.string().min(1).max(128),
    kinds: z.array(EventKind).max(eventKinds.length).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    text: z.string().trim().max(200).optional(),
    /** Opaque: the nextCursor of the previous page. */
    cursor: z.string().max(200).optional(),
    /** How many events (newest first) to skip: a page anywhere in the history, for a list that jumps (End). */
    offset: z.number().int().min(0).max(10_000_000).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => q.cursor === undefined || q.offset === undefined, 'give a cursor or an offset, not both');
export type TimelineQuery = z.input<typeof TimelineQuery>;

export const TimelinePage = z.object({
  events: z.array(TimelineEvent),
  nextCursor: z.string().nullable(),
  /** Events matching the filters; counted unless a cursor is given (then null: scrolling on pages through the same set). */
  total: z.number().int().nullable(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

export const SourceResource = z.object({
  type: z.string(),
  id: z.string(),
  lastUpdated: z.string().nullable(),
  resource: z.record(z.string(), z.unknown()),
});
export type SourceResource = z.infer<typeof SourceResource>;

export const timelineChannels = {
  query: channel('timeline.query', TimelineQuery, TimelinePage),
  source: channel('timeline.source', z.object({ type: z.string().regex(/^[A-Z][A-Za-z]{1,40}$/), id: LocalId }).strict(), SourceResource.nullable()),
};
