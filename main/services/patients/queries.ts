// Runs inside the database worker.
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { CallerMatch, PatientSummary } from '../../../preload/contract';
import { foldForSearch } from './normalize';
import { toE164 } from './phone';
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

const columns = 'p.id, p.name, p.birth_date, p.gender, p.mrn, p.phone, p.language';

export const toSummary = (r: Row): PatientSummary => ({
  id: r.id,
  name: r.name,
  birthDate: r.birth_date,
  gender: r.gender,
  mrn: r.mrn,
  phone: r.phone,
  language: r.language,
});

interface Statements {
  upsert: Statement;
  byName: Statement;
  byIdentifier: Statement;
  byBirthDate: Statement;
  byPhone: Statement;
  callers: Statement;
  count: Statement;
}

const cache = new WeakMap<Database, Statements>();

function prepared(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      upsert: db.prepare(`
        INSERT INTO patients (id, name, name_search, birth_date, gender, mrn, phone, language, updated_at)
        VALUES (@id, @name, @nameSearch, @birthDate, @gender, @mrn, @phone, @language, @updatedAt)
        ON CONFLICT(id) DO UPDATE SET
          name = excluded.name, name_search = excluded.name_search, birth_date = excluded.birth_date,
          gender = excluded.gender, mrn = excluded.mrn, phone = excluded.phone,
          language = excluded.language, updated_at = excluded.updated_at`),
      byName: db.prepare(`
        SELECT ${columns} FROM patients_fts f JOIN patients p ON p.rowid = f.rowid
        WHERE patients_fts MATCH @match ORDER BY p.name_search, p.id LIMIT @limit`),
      byIdentifier: db.prepare(`
        SELECT ${columns} FROM patients p WHERE p.id = @text OR p.mrn = @text
        UNION SELECT ${columns} FROM patient_identifiers i JOIN patients p ON p.id = i.patient_id WHERE i.value = @text
        LIMIT @limit`),
      byBirthDate: db.prepare(`SELECT ${columns} FROM patients p WHERE p.birth_date = @date ORDER BY p.name_search, p.id LIMIT @limit`),
      byPhone: db.prepare(`
        SELECT ${columns} FROM patient_phones ph JOIN patients p ON p.id = ph.patient_id
        WHERE ph.e164 = @e164 ORDER BY p.name_search, p.id LIMIT @limit`),
      callers: db.prepare(`
        SELECT ${columns}, ph.use AS phone_use, ph.raw AS phone_raw,
          (SELECT MAX(e.at) FROM events e WHERE e.patient_id = p.id AND e.kind = 'contact') AS last_contact
        FROM patient_phones ph JOIN patients p ON p.id = ph.patient_id
        WHERE ph.e164 = ?`),
      count: db.prepare('SELECT count(*) FROM patients').pluck(),
    };
    cache.set(db, s);
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

export const countPatients = (db: Database) => prepared(db).count.get() as number;

/** 1961-04-02 or 04/02/1961 (US order) as an ISO date. */
function asBirthDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : undefined;
}

/** Each word of the name must start a word of one of the patient's names (accent- and case-insensitive). */
function nameMatch(text: string): string | undefined {
  const words = foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : undefined;
}

/** Name prefix (FTS5), MRN or any identifier, date of birth, or phone number in any common format. */
export function searchPatients(db: Database, text: string, limit: number): PatientSummary[] {
  const s = prepared(db);
  const query = text.trim();
  const rows: Row[] = [];
  rows.push(...(s.byIdentifier.all({ text: query, limit }) as Row[]));
  const date = asBirthDate(query);
  if (date) rows.push(...(s.byBirthDate.all({ date, limit }) as Row[]));
  const digits = query.replace(/\D/g, '');
  if (digits.length >= 7 && /^[\d\s()+.-]+$/.test(query)) {
    const e164 = toE164(query);
    if (e164) rows.push(...(s.byPhone.all({ e164, limit }) as Row[]));
  }
  const match = nameMatch(query);
  if (match && !date) rows.push(...(s.byName.all({ match, limit }) as Row[]));
  const seen = new Set<string>();
  return rows
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .slice(0, limit)
    .map(toSummary);
}

const useRank: Record<string, number> = { mobile: 0, home: 1, work: 2 };

/**
 * Everyone in the cache reachable at this number, best candidate first: most recent contact, then mobile
 * before home before work, then name. Never narrowed to one: two patients sharing a number both come back.
 */
export function matchCaller(db: Database, phone: string): { e164: string | null; matches: CallerMatch[] } {
  const e164 = toE164(phone) ?? null;
  if (!e164) return { e164, matches: [] };
  const rows = prepared(db).callers.all(e164) as (Row & { phone_use: string | null; phone_raw: string; last_contact: string | null })[];
  rows.sort(
    (a, b) =>
      (b.last_contact ?? '').localeCompare(a.last_contact ?? '') ||
      (useRank[a.phone_use ?? ''] ?? 3) - (useRank[b.phone_use ?? ''] ?? 3) ||
      a.name.localeCompare(b.name),
  );
  return {
    e164,
    matches: rows.map((r) => ({ patient: toSummary(r), phoneUse: r.phone_use, lastContactAt: r.last_contact })),
  };
}
