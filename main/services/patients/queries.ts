// Runs inside the database worker.
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { PatientSummary } from '../../../preload/contract';
import { escapeLike, foldForSearch } from './normalize';
import type { PatientRecord } from './record';

interface Row {
  id: string;
  name: string;
  birth_date: string | null;
  gender: string | null;
  mrn: string | null;
  phone: string | null;
  language: string | null;
}

const toSummary = (r: Row): PatientSummary => ({
  id: r.id,
  name: r.name,
  birthDate: r.birth_date,
  gender: r.gender,
  mrn: r.mrn,
  phone: r.phone,
  language: r.language,
});

const statements = new WeakMap<Database, { upsert: Statement; byIdentifier: Statement }>();

function prepared(db: Database) {
  let s = statements.get(db);
  if (!s) {
    s = {
      upsert: db.prepare(`
        INSERT INTO patients (id, name, name_search, birth_date, gender, mrn, phone, language, updated_at)
        VALUES (@id, @name, @nameSearch, @birthDate, @gender, @mrn, @phone, @language, @updatedAt)
        ON CONFLICT(id) DO UPDATE SET
          name = excluded.name, name_search = excluded.name_search, birth_date = excluded.birth_date,
          gender = excluded.gender, mrn = excluded.mrn, phone = excluded.phone,
          language = excluded.language, updated_at = excluded.updated_at`),
      byIdentifier: db.prepare(`
        SELECT id, name, birth_date, gender, mrn, phone, language FROM patients
        WHERE mrn = @text OR birth_date = @text OR id = @text
        ORDER BY name_search, id LIMIT @limit`),
    };
    statements.set(db, s);
  }
  return s;
}

export function upsertPatients(db: Database, records: readonly PatientRecord[]): number {
  const { upsert } = prepared(db);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const r of records) upsert.run({ ...r, nameSearch: foldForSearch(r.name), updatedAt: now });
  })();
  return records.length;
}

/** Every word must start a word of the name; exact identifiers (MRN, birth date, id) match too. */
export function searchPatients(db: Database, text: string, limit: number): PatientSummary[] {
  const words = foldForSearch(text).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const clauses = words.map((_, i) => `(' ' || name_search) LIKE @w${i} ESCAPE '\\'`);
  const params: Record<string, string | number> = { limit };
  words.forEach((w, i) => (params[`w${i}`] = `% ${escapeLike(w)}%`));
  const byName = db
    .prepare(
      `SELECT id, name, birth_date, gender, mrn, phone, language FROM patients
       WHERE ${clauses.join(' AND ')} ORDER BY name_search, id LIMIT @limit`,
    )
    .all(params) as Row[];
  const byId = prepared(db).byIdentifier.all({ text: text.trim(), limit }) as Row[];
  const seen = new Set<string>();
  return [...byId, ...byName]
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .slice(0, limit)
    .map(toSummary);
}
