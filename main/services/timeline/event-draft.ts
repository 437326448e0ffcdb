import type { EventKind, EventPrecision, ResultFlag } from '../../../preload/contract';

/** When an event happened, as the source said it: the sortable instant and the date as written. */
export interface EventWhen {
  at: string;
  localDate: string | null;
  precision: EventPrecision;
  tz: string | null;
}

/** Sorted after every dated event (the timeline is newest first), in an "Undated" group of its own. */
export const undated: EventWhen = { at: '0000-01-01T00:00:00.000Z', localDate: null, precision: 'undated', tz: null };

/** What a resource contributes to the timeline, before it has a row id. */
export interface EventDraft extends EventWhen {
  kind: EventKind;
  title: string;
  status: string | null;
  value: string | null;
  unit: string | null;
  interpretation: string | null;
  flag: ResultFlag | null;
  amountCents: number | null;
  patientCents: number | null;
  currency: string | null;
  detail: string | null;
}

export function draft(when: EventWhen, kind: EventKind, title: string, extra: Partial<EventDraft> = {}): EventDraft {
  return {
    at: when.at,
    localDate: when.localDate,
    precision: when.precision,
    tz: when.tz,
    kind,
    title,
    status: null,
    value: null,
    unit: null,
    interpretation: null,
    flag: null,
    amountCents: null,
    patientCents: null,
    currency: null,
    detail: null,
    ...extra,
  };
}
