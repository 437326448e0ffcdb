import type { EventKind, ResultFlag } from '../../../preload/contract';

/** What a resource contributes to the timeline, before it has a row id. */
export interface EventDraft {
  at: string;
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

export function draft(at: string, kind: EventKind, title: string, extra: Partial<EventDraft> = {}): EventDraft {
  return {
    at,
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
