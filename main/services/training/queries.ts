// Runs inside the database worker.
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface TrainingCaller {
  e164: string;
  language: string | null;
}

/** A number that identifies its patient on a call: their own, without an extension, in use now. */
const callable =
  "ph.patient_id = p.id AND ph.contact = '' AND ph.ext = '' AND (ph.period_start IS NULL OR ph.period_start <= @now) AND (ph.period_end IS NULL OR ph.period_end >= @now)";
/** A living patient on a record in use: trainees practise on callers the screen-pop shows as themselves. */
const living = `p.active = 1 AND p.deceased IS NULL
  AND NOT EXISTS (SELECT 1 FROM patient_links l WHERE l.patient_id = p.id AND l.kind = 'replaced-by')
  AND NOT EXISTS (SELECT 1 FROM patient_links l WHERE l.other_id = p.id AND l.kind = 'replaces')`;

/**
 * A patient with a phone number, picked by `pick` (0 ≤ pick < 1) among those with one. When `withResult` is set, only
 * patients with a lab result on their timeline; with `withBill`, only those with a bill. The number is the patient's
 * best one (the record's rank, then mobile, home, work).
 */
export function pickTrainingCaller(db: Database, a: { pick: number; kind: 'result' | 'eob' | null }): TrainingCaller | null {
  const now = new Date().toISOString();
  // `kind` picks the event kind from two fixed words (never input text).
  const where = `WHERE ${living} AND EXISTS (SELECT 1 FROM patient_phones ph WHERE ${callable})${a.kind ? ` AND EXISTS (SELECT 1 FROM events e WHERE e.patient_id = p.id AND e.kind = '${a.kind === 'result' ? 'result' : 'eob'}')` : ''}`;
  const count = db.prepare(`SELECT count(*) FROM patients p ${where}`).pluck().get({ now }) as number;
  if (count === 0) return null;
  const offset = Math.min(count - 1, Math.floor(a.pick * count));
  const row = db
    .prepare(
      `SELECT ph.e164 AS e164, p.language AS language FROM (SELECT id, language FROM patients p ${where} ORDER BY rowid LIMIT 1 OFFSET @offset) p
       JOIN patient_phones ph ON ${callable}
       ORDER BY ph.rank IS NULL, ph.rank, CASE ph.use WHEN 'mobile' THEN 0 WHEN 'home' THEN 1 WHEN 'work' THEN 2 ELSE 3 END, ph.e164
       LIMIT 1`,
    )
    .get({ now, offset }) as TrainingCaller | undefined;
  return row ?? null;
}

/** Whether a number belongs to any cached patient or their contacts (a stranger's number must not). */
export function numberKnown(db: Database, e164: string): boolean {
  return !!db.prepare('SELECT 1 FROM patient_phones WHERE e164 = ? LIMIT 1').get(e164);
}
