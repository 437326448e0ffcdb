// Runs inside the database worker.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AgentReadableError, type SourceResource, type TimelineEvent, type TimelinePage } from '../../../preload/contract';
import { getContact } from '../contacts/queries';
import { escapeLike, foldForSearch } from '../patients/normalize';
import { personRecordIds } from '../patients/linked';

export interface TimelineFilter {
  patientId: string;
  kinds?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  text?: string | undefined;
  cursor?: string | undefined;
  /** Events to skip, newest first (instead of a cursor): a page anywhere in the history. */
  offset?: number | undefined;
  limit: number;
}

interface Row {
  id: number;
  patient_id: string;
  at: string;
  local_date: string | null;
  precision: TimelineEvent['precision'];
  tz: string | null;
  kind: TimelineEvent['kind'];
  title: string;
  status: string | null;
  source_type: string;
  source_id: string;
  value: string | null;
  unit: string | null;
  interpretation: string | null;
  flag: TimelineEvent['flag'];
  amount_cents: number | null;
  patient_cents: number | null;
  currency: string | null;
  detail: string | null;
}

const toEvent = (r: Row): TimelineEvent => ({
  id: r.id,
  patientId: r.patient_id,
  at: r.at,
  localDate: r.local_date,
  precision: r.precision,
  tz: r.tz,
  kind: r.kind,
  title: r.title,
  status: r.status,
  source: { type: r.source_type, id: r.source_id },
  value: r.value,
  unit: r.unit,
  interpretation: r.interpretation,
  flag: r.flag,
  amount:
    r.amount_cents === null && r.patient_cents === null ? null : { chargedCents: r.amount_cents, patientCents: r.patient_cents, currency: r.currency ?? 'USD' },
  detail: r.detail,
});

export class BadCursorError extends AgentReadableError {
  constructor() {
    super('The timeline position is not valid; reload the timeline');
  }
}

export const encodeCursor = (at: string, id: number) => Buffer.from(`${at}|${id}`).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: number } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const n = Number(id);
  if (!at || !/^\d{4}-\d{2}-\d{2}T/.test(at) || !Number.isInteger(n)) throw new BadCursorError();
  return { at, id: n };
}

/** Midnight starting `date` (YYYY-MM-DD), plus `days`, on this machine's clock: the agent's, as the renderer groups. */
function localMidnight(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days).toISOString();
}

/** One page of a patient's events, newest first, with the filters applied: after a cursor, or at an offset. */
export function queryTimeline(db: Database, f: TimelineFilter): TimelinePage {
  // A person with records in several sources (or records merged into theirs) has one timeline.
  const ids = personRecordIds(db, f.patientId);
  const where = [ids.length === 1 ? 'patient_id = @patientId' : `patient_id IN (${ids.map((_, i) => `@p${i}`).join(', ')})`];
  const params: Record<string, string | number> = { patientId: f.patientId, limit: f.limit + 1 };
  ids.forEach((id, i) => (params[`p${i}`] = id));
  if (f.offset) params.offset = f.offset;
  if (f.kinds?.length) {
    where.push(`kind IN (${f.kinds.map((_, i) => `@k${i}`).join(', ')})`);
    f.kinds.forEach((k, i) => (params[`k${i}`] = k));
  }
  // By the day as written (local_date), as the timeline groups; undated events match no date range. Events without
  // local_date (cached before it was kept; the desk's own contacts) are read on the agent's clock, as they are shown.
  if (f.from) {
    where.push('(local_date >= @from OR (precision IS NULL AND at >= @fromAt))');
    params.from = f.from;
    params.fromAt = localMidnight(f.from);
  }
  if (f.to) {
    where.push('(local_date <= @to OR (precision IS NULL AND at < @toAt))');
    params.to = f.to;
    params.toAt = localMidnight(f.to, 1);
  }
  const text = f.text ? foldForSearch(f.text) : '';
  if (text) {
    where.push("search LIKE @text ESCAPE '\\'");
    params.text = `%${escapeLike(text)}%`;
  }
  // Counted unless a cursor is given: scrolling on pages through the same set. An offset page is counted, so that a
  // list that jumps to any page always knows how long the history is now.
  const total = f.cursor
    ? null
    : (db
        .prepare(`SELECT count(*) FROM events WHERE ${where.join(' AND ')}`)
        .pluck()
        .get(params) as number);
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    where.push('(at < @cAt OR (at = @cAt AND id < @cId))');
    params.cAt = c.at;
    params.cId = c.id;
  }
  const rows = db
    .prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT @limit${f.offset ? ' OFFSET @offset' : ''}`)
    .all(params) as (Row & { search: string })[];
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    events: page.map(toEvent),
    nextCursor: rows.length > f.limit && last ? encodeCursor(last.at, last.id) : null,
    total,
  };
}

export function sourceResource(db: Database, type: string, id: string): SourceResource | null {
  if (type === 'Contact') {
    // A contact is the desk's own record, not a FHIR resource: shown the same way.
    const c = getContact(db, id);
    return c ? { type, id, lastUpdated: c.updatedAt, resource: { resourceType: 'Contact', ...c } as Record<string, unknown> } : null;
  }
  const row = db.prepare('SELECT json, last_updated FROM resources WHERE type = ? AND id = ?').get(type, id) as
    { json: string; last_updated: string | null } | undefined;
  if (!row) return null;
  return { type, id, lastUpdated: row.last_updated, resource: JSON.parse(row.json) as Record<string, unknown> };
}
