// Runs inside the database worker.
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface TrainingCaller {
  e164: string;
  language: string | null;
}

/**
 * A patient with a phone number, picked by `pick` (0 ≤ pick < 1) among those with one. When `withResult` is set, only
 * patients with a lab result on their timeline; with `withBill`, only those with a bill.
 */
export function pickTrainingCaller(db: Database, a: { pick: number; kind: 'result' | 'eob' | null }): TrainingCaller | null {
  // Only patients with a phone; `kind` picks the event kind from two fixed words (never input text).
  const withPhone = 'EXISTS (SELECT 1 FROM patient_phones ph WHERE ph.patient_id = p.id)';
  const where = `WHERE ${withPhone}${a.kind ? ` AND EXISTS (SELECT 1 FROM events e WHERE e.patient_id = p.id AND e.kind = '${a.kind === 'result' ? 'result' : 'eob'}')` : ''}`;
  const count = db.prepare(`SELECT count(*) FROM patients p ${where}`).pluck().get() as number;
  if (count === 0) return null;
  const offset = Math.min(count - 1, Math.floor(a.pick * count));
  const row = db
    .prepare(
      `SELECT ph.e164 AS e164, p.language AS language FROM (SELECT id, language FROM patients p ${where} ORDER BY rowid LIMIT 1 OFFSET ?) p
       JOIN patient_phones ph ON ph.patient_id = p.id LIMIT 1`,
    )
    .get(offset) as TrainingCaller | undefined;
  return row ?? null;
}

/** Whether a number belongs to any cached patient (a stranger's number must not). */
export function numberKnown(db: Database, e164: string): boolean {
  return !!db.prepare('SELECT 1 FROM patient_phones WHERE e164 = ? LIMIT 1').get(e164);
}
