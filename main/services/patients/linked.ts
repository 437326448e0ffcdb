// Runs inside the database worker.
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { preparedFor } from '../db/prepared';

/**
 * Records of one person that the desk shows together: records in other sources with the same identifier (system and
 * value), and records their source merged into this one (replaced-by / replaces). Never joined by id alone.
 */
export interface LinkedRecord {
  id: string;
  how: 'same-identifier' | 'merged';
}

/** More than this is bad data (an identifier every record shares), not one person. */
const maxLinked = 20;

interface Statements {
  any: Statement;
  same: Statement;
  mergedIn: Statement;
  exists: Statement;
  sourceName: Statement;
  seeAlso: Statement;
}

const prepared = preparedFor((db): Statements => ({
  any: db
    .prepare(
      "SELECT 1 FROM patient_links WHERE (patient_id = @id AND kind IN ('same-identifier', 'replaces')) OR (other_id = @id AND kind = 'replaced-by') LIMIT 1",
    )
    .pluck(),
  same: db.prepare("SELECT other_id FROM patient_links WHERE patient_id = @id AND kind = 'same-identifier' ORDER BY other_id").pluck(),
  mergedIn: db
    .prepare(
      `
      SELECT patient_id FROM patient_links WHERE other_id = @id AND kind = 'replaced-by'
      UNION SELECT other_id FROM patient_links WHERE patient_id = @id AND kind = 'replaces'`,
    )
    .pluck(),
  exists: db.prepare('SELECT 1 FROM patients WHERE id = ?').pluck(),
  sourceName: db.prepare('SELECT name FROM sources WHERE id = ?').pluck(),
  seeAlso: db
    .prepare(
      `
      SELECT other_id FROM patient_links WHERE patient_id = @id AND kind IN ('seealso', 'refer')
      UNION SELECT patient_id FROM patient_links WHERE other_id = @id AND kind IN ('seealso', 'refer')
      LIMIT ${maxLinked}`,
    )
    .pluck(),
}));

/** The source a local key belongs to: "<FHIR id>~<source>" for every source but the first. */
export const sourceIdOf = (id: string): number => {
  const m = /~(\d{1,9})$/.exec(id);
  return m ? Number(m[1]) : 1;
};

export const sourceName = (db: Database, id: string): string => (prepared(db).sourceName.get(sourceIdOf(id)) as string | undefined) ?? 'local files';

/**
 * The cached records shown with `id`, nearest first: same-identifier records (and theirs, transitively) and records
 * merged into any of them. Empty for the usual patient, with one indexed lookup.
 */
export function linkedRecords(db: Database, id: string, only?: LinkedRecord['how']): LinkedRecord[] {
  const s = prepared(db);
  if (!s.any.get({ id })) return [];
  const out: LinkedRecord[] = [];
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length && out.length < maxLinked) {
    const at = queue.shift()!;
    const next: LinkedRecord[] = [
      ...(s.same.all({ id: at }) as string[]).map((o) => ({ id: o, how: 'same-identifier' as const })),
      ...(only === 'same-identifier' ? [] : (s.mergedIn.all({ id: at }) as string[]).map((o) => ({ id: o, how: 'merged' as const }))),
    ];
    for (const r of next) {
      if (seen.has(r.id) || out.length >= maxLinked) continue;
      seen.add(r.id);
      queue.push(r.id);
      if (s.exists.get(r.id)) out.push(r);
    }
  }
  return out;
}

/**
 * Records the source says may hold data about the same person (Patient.link seealso or refer, either side). Listed for
 * the agent to check, never joined: the timeline and scripts stay with the record that was opened.
 */
export function seeAlsoRecords(db: Database, id: string): string[] {
  const s = prepared(db);
  return (s.seeAlso.all({ id }) as string[]).filter((o) => o !== id && s.exists.get(o));
}

/** The ids whose events and results are this person's: the record itself and every record shown with it. */
export const personRecordIds = (db: Database, id: string): string[] => [id, ...linkedRecords(db, id).map((r) => r.id)];

/** Which of a person's same-identifier records stands for them in lists: the first source's, then the lowest id. */
export function primaryRecord(db: Database, id: string): string {
  const ids = [id, ...linkedRecords(db, id, 'same-identifier').map((r) => r.id)];
  return ids.sort((a, b) => sourceIdOf(a) - sourceIdOf(b) || a.localeCompare(b))[0]!;
}
