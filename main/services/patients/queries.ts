// Runs inside the database worker.
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { CallerMatch, PatientSummary } from '../../../preload/contract';
import { comparePhones, contactFallbackLabel } from './from-fhir';
import { linkedRecords, primaryRecord, seeAlsoRecords, sourceName } from './linked';
import { foldForSearch } from './normalize';
import { toE164 } from './phone';
import type { PatientRecord } from './record';
import { preparedFor } from '../db/prepared';

interface Row {
  id: string;
  name: string;
  birth_date: string | null;
  gender: string | null;
  mrn: string | null;
  phone: string | null;
  language: string | null;
  active: number;
  deceased: string | null;
}

interface PhoneRow {
  patient_id: string;
  e164: string;
  ext: string;
  contact: string;
  use: string | null;
  rank: number | null;
}

const columns = 'p.id, p.name, p.birth_date, p.gender, p.mrn, p.phone, p.language, p.active, p.deceased';
/** A number is in use between its period's start and end, checked now: periods end after the data was imported. */
const current = '(ph.period_start IS NULL OR ph.period_start <= @now) AND (ph.period_end IS NULL OR ph.period_end >= @now)';
/** How many merges to follow (A replaced by B replaced by C); more is a loop or bad data. */
const maxMergeHops = 5;

interface Statements {
  upsert: Statement;
  byId: Statement;
  byName: Statement;
  byIdentifier: Statement;
  byIdOrMrn: Statement;
  byBirthDate: Statement;
  byPhone: Statement;
  callers: Statement;
  phonesOf: Statement;
  hasPhones: Statement;
  replacedBy: Statement;
  lastContact: Statement;
  count: Statement;
}

const prepared = preparedFor((db): Statements => ({
  upsert: db.prepare(`
      INSERT INTO patients (id, name, name_search, birth_date, gender, mrn, phone, language, updated_at)
      VALUES (@id, @name, @nameSearch, @birthDate, @gender, @mrn, @phone, @language, @updatedAt)
      ON CONFLICT(id) DO UPDATE SET
        name = excluded.name, name_search = excluded.name_search, birth_date = excluded.birth_date,
        gender = excluded.gender, mrn = excluded.mrn, phone = excluded.phone,
        language = excluded.language, updated_at = excluded.updated_at`),
  byId: db.prepare(`SELECT ${columns} FROM patients p WHERE p.id = ?`),
  byName: db.prepare(`
      SELECT ${columns} FROM patients_fts f JOIN patients p ON p.rowid = f.rowid
      WHERE patients_fts MATCH @match ORDER BY p.name_search, p.id LIMIT @limit`),
  byIdentifier: db.prepare(`
      SELECT ${columns}, i.system AS id_system, i.value AS id_value
      FROM patient_identifiers i JOIN patients p ON p.id = i.patient_id
      WHERE i.value = @value AND (@system IS NULL OR i.system = @system)
      ORDER BY i.system, p.id LIMIT @limit`),
  byIdOrMrn: db.prepare(`SELECT ${columns} FROM patients p WHERE p.id = @text OR p.mrn = @text LIMIT @limit`),
  byBirthDate: db.prepare(`SELECT ${columns} FROM patients p WHERE p.birth_date = @date ORDER BY p.name_search, p.id LIMIT @limit`),
  byPhone: db.prepare(`
      SELECT DISTINCT ${columns} FROM patient_phones ph JOIN patients p ON p.id = ph.patient_id
      WHERE ph.e164 = @e164 AND ${current} ORDER BY p.name_search, p.id LIMIT @limit`),
  // A caller ID has no extension: a number listed with one (a switchboard) never identifies a caller.
  callers: db.prepare(`
      SELECT ph.patient_id, ph.e164, ph.ext, ph.contact, ph.use, ph.rank FROM patient_phones ph
      WHERE ph.e164 = @e164 AND ph.ext = '' AND ${current}`),
  phonesOf: db.prepare(`SELECT ph.patient_id, ph.e164, ph.ext, ph.contact, ph.use, ph.rank FROM patient_phones ph WHERE ph.patient_id = @id AND ${current}`),
  hasPhones: db.prepare('SELECT 1 FROM patient_phones WHERE patient_id = ? LIMIT 1').pluck(),
  // Either side of a merge may say so: the retired record "replaced-by" the survivor, or the survivor "replaces" it.
  replacedBy: db
    .prepare(
      `
      SELECT other_id FROM patient_links WHERE patient_id = @id AND kind = 'replaced-by'
      UNION SELECT patient_id FROM patient_links WHERE other_id = @id AND kind = 'replaces'
      LIMIT 1`,
    )
    .pluck(),
  lastContact: db.prepare("SELECT MAX(e.at) FROM events e WHERE e.patient_id = ? AND e.kind = 'contact'").pluck(),
  count: db.prepare('SELECT count(*) FROM patients').pluck(),
}));

/** Own numbers before contacts' numbers, then the record's rank, then mobile, home, work. */
const comparePhoneRows = (a: PhoneRow, b: PhoneRow) => Number(a.contact !== '') - Number(b.contact !== '') || comparePhones(a, b);

/** Where a retired record was merged: the end of its replaced-by chain, whether or not that record is cached. */
function survivorOf(s: Statements, id: string): string | undefined {
  let at = id;
  const seen = new Set([id]);
  for (let hop = 0; hop < maxMergeHops; hop++) {
    const next = s.replacedBy.get({ id: at }) as string | undefined;
    if (!next || seen.has(next)) break;
    seen.add(next);
    at = next;
  }
  return at === id ? undefined : at;
}

/** Own number, or a contact's with who the contact is (none for an unnamed one). */
const via = (contact: string) =>
  contact === '' ? { via: 'own' as const, viaLabel: null } : { via: 'contact' as const, viaLabel: contact === contactFallbackLabel ? null : contact };

function summary(db: Database, s: Statements, r: Row, now: string): PatientSummary {
  const rows = (s.phonesOf.all({ id: r.id, now }) as PhoneRow[]).sort(comparePhoneRows);
  const own = rows.find((ph) => ph.contact === '');
  const survivor = survivorOf(s, r.id);
  const survivorRow = survivor ? (s.byId.get(survivor) as Row | undefined) : undefined;
  const joined = linkedRecords(db, r.id);
  const seeAlso = seeAlsoRecords(db, r.id).filter((id) => !joined.some((j) => j.id === id));
  const linked = [...joined, ...seeAlso.map((id) => ({ id, how: 'see-also' as const }))].flatMap((l) => {
    const other = s.byId.get(l.id) as Row | undefined;
    return other ? [{ id: l.id, name: other.name, source: sourceName(db, l.id), mrn: other.mrn, how: l.how }] : [];
  });
  return {
    id: r.id,
    name: r.name,
    birthDate: r.birth_date,
    gender: r.gender,
    mrn: r.mrn,
    // Patients written without a phone index (PatientRecord) keep the number they were written with.
    phone: own ? own.e164 : s.hasPhones.get(r.id) ? null : r.phone,
    language: r.language,
    active: r.active === 1 && !survivor,
    deceased: r.deceased,
    mergedInto: survivor ? { id: survivor, name: survivorRow?.name ?? null } : null,
    phones: rows.map((ph) => ({ number: ph.e164, ext: ph.ext || null, use: ph.use, ...via(ph.contact) })),
    source: sourceName(db, r.id),
    linked,
  };
}

/** The summary of one cached patient (for the header), or undefined. */
export function patientSummary(db: Database, id: string): PatientSummary | undefined {
  const s = prepared(db);
  const row = s.byId.get(id) as Row | undefined;
  return row ? summary(db, s, row, new Date().toISOString()) : undefined;
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

/** "system|value" (FHIR token search), or a bare value. */
function identifierQuery(text: string): { system: string | null; value: string } {
  const bar = text.lastIndexOf('|');
  return bar > 0 ? { system: text.slice(0, bar), value: text.slice(bar + 1) } : { system: null, value: text.replace(/^\|/, '') };
}

/**
 * Name prefix (FTS5), MRN or any identifier (also as "system|value"), date of birth, or phone number in any common
 * format. Records their source retired come after the others, marked.
 */
export function searchPatients(db: Database, text: string, limit: number, country = 'US'): PatientSummary[] {
  const s = prepared(db);
  const now = new Date().toISOString();
  const query = text.trim();
  const rows: (Row & { id_system?: string; id_value?: string })[] = [];
  const id = identifierQuery(query);
  if (id.value) rows.push(...(s.byIdentifier.all({ ...id, limit }) as Row[]));
  if (id.system === null) rows.push(...(s.byIdOrMrn.all({ text: query, limit }) as Row[]));
  const date = asBirthDate(query);
  if (date) rows.push(...(s.byBirthDate.all({ date, limit }) as Row[]));
  const digits = query.replace(/\D/g, '');
  if (digits.length >= 7 && /^[\d\s()+.-]+$/.test(query)) {
    const e164 = toE164(query, country);
    if (e164) rows.push(...(s.byPhone.all({ e164, now, limit }) as Row[]));
  }
  const match = id.system === null ? nameMatch(query) : undefined;
  if (match && !date) rows.push(...(s.byName.all({ match, limit }) as Row[]));
  // One person, one entry: a record found in a second source stands as its person's primary record.
  const seen = new Set<string>();
  const found = rows
    .map((r) => {
      const primary = primaryRecord(db, r.id);
      return primary === r.id ? r : { ...((s.byId.get(primary) as Row | undefined) ?? r), id_system: r.id_system, id_value: r.id_value };
    })
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => {
      const p = summary(db, s, r, now);
      return r.id_system !== undefined && r.id_value !== undefined ? { ...p, matchedIdentifier: { system: r.id_system, value: r.id_value } } : p;
    });
  // Stable: within each group the order above (identifier, date, phone, name) stays.
  return [...found.filter((p) => p.active), ...found.filter((p) => !p.active)].slice(0, limit);
}

interface Candidate {
  row: Row;
  phone: PhoneRow;
  mergedFrom: { id: string; name: string } | null;
}

/**
 * Everyone in the cache reachable at this number, best candidate first: living patients on records in use before
 * deceased or retired ones, the patient's own number before a contact's, then most recent contact, then the record's
 * rank and mobile before home before work, then name. Never narrowed to one: two patients sharing a number both come
 * back. Numbers that are old, outside their period or carry an extension never match. A number on a record merged
 * into another comes back as the surviving record, saying which record it was on.
 */
export function matchCaller(db: Database, phone: string, country = 'US'): { e164: string | null; matches: CallerMatch[] } {
  const e164 = toE164(phone, country) ?? null;
  if (!e164) return { e164, matches: [] };
  const s = prepared(db);
  const now = new Date().toISOString();
  const byPatient = new Map<string, Candidate>();
  const phones = (s.callers.all({ e164, now }) as PhoneRow[]).sort(comparePhoneRows);
  for (const ph of phones) {
    const own = s.byId.get(ph.patient_id) as Row | undefined;
    if (!own) continue;
    // The same person in two sources with the same number is one candidate, not two.
    const primary = primaryRecord(db, own.id);
    const matched = primary === own.id ? own : ((s.byId.get(primary) as Row | undefined) ?? own);
    const survivorId = survivorOf(s, matched.id);
    const survivor = survivorId ? (s.byId.get(survivorId) as Row | undefined) : undefined;
    const candidate: Candidate = survivor
      ? { row: survivor, phone: ph, mergedFrom: { id: matched.id, name: matched.name } }
      : { row: matched, phone: ph, mergedFrom: null };
    const had = byPatient.get(candidate.row.id);
    // A number on the record itself beats the same number reached through a merged record; own beats contact.
    if (!had || (had.mergedFrom && !candidate.mergedFrom) || (!!had.mergedFrom === !!candidate.mergedFrom && comparePhoneRows(ph, had.phone) < 0)) {
      byPatient.set(candidate.row.id, candidate);
    }
  }
  const matches = [...byPatient.values()].map((c) => {
    const patient = summary(db, s, c.row, now);
    const living = patient.active && !patient.deceased;
    const own = c.phone.contact === '';
    return {
      match: {
        patient,
        phoneUse: c.phone.use,
        lastContactAt: (s.lastContact.get(c.row.id) as string | null) ?? null,
        ...via(c.phone.contact),
        mergedFrom: c.mergedFrom,
        autoSelect: living && own,
      },
      living,
      phone: c.phone,
    };
  });
  matches.sort(
    (a, b) =>
      Number(b.living) - Number(a.living) ||
      Number(a.match.via === 'contact') - Number(b.match.via === 'contact') ||
      (b.match.lastContactAt ?? '').localeCompare(a.match.lastContactAt ?? '') ||
      comparePhones(a.phone, b.phone) ||
      a.match.patient.name.localeCompare(b.match.patient.name),
  );
  return { e164, matches: matches.map((m) => m.match) };
}
