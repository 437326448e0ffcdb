import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { PreparedResource } from './prepare';

export type WriteOutcome = 'imported' | 'updated' | 'unchanged' | 'older' | 'conflict';

interface Statements {
  meta: Statement;
  insertResource: Statement;
  replaceResource: Statement;
  deleteEvent: Statement;
  insertEvent: Statement;
  upsertPatient: Statement;
  deleteIdentifiers: Statement;
  insertIdentifier: Statement;
  deletePhones: Statement;
  insertPhone: Statement;
  upsertResourceIdentifier: Statement;
  findIdentifier: Statement;
  patientExists: Statement;
}

const cache = new WeakMap<Database, Statements>();

export function statements(db: Database): Statements {
  let s = cache.get(db);
  if (s) return s;
  s = {
    meta: db.prepare('SELECT last_updated, version_id, hash, event_id FROM resources WHERE type = ? AND id = ?'),
    insertResource: db.prepare(`
      INSERT INTO resources (type, id, patient_id, last_updated, version_id, hash, event_id, json)
      VALUES (@type, @id, @patientId, @lastUpdated, @versionId, @hash, @eventId, @json)
      ON CONFLICT(type, id) DO NOTHING`),
    replaceResource: db.prepare(`
      UPDATE resources SET patient_id = @patientId, last_updated = @lastUpdated, version_id = @versionId,
        hash = @hash, event_id = @eventId, json = @json
      WHERE type = @type AND id = @id`),
    deleteEvent: db.prepare('DELETE FROM events WHERE id = ?'),
    insertEvent: db.prepare(`
      INSERT INTO events (patient_id, at, kind, title, status, source_type, source_id, value, unit, interpretation,
        flag, amount_cents, patient_cents, currency, detail, search)
      VALUES (@patientId, @at, @kind, @title, @status, @sourceType, @sourceId, @value, @unit, @interpretation,
        @flag, @amountCents, @patientCents, @currency, @detail, @search)`),
    upsertPatient: db.prepare(`
      INSERT INTO patients (id, name, name_search, birth_date, gender, mrn, phone, language, postal_code, updated_at)
      VALUES (@id, @name, @nameSearch, @birthDate, @gender, @mrn, @phone, @language, @postalCode, @updatedAt)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_search = excluded.name_search,
        birth_date = excluded.birth_date, gender = excluded.gender, mrn = excluded.mrn, phone = excluded.phone,
        language = excluded.language, postal_code = excluded.postal_code, updated_at = excluded.updated_at`),
    deleteIdentifiers: db.prepare('DELETE FROM patient_identifiers WHERE patient_id = ?'),
    insertIdentifier: db.prepare('INSERT OR IGNORE INTO patient_identifiers (patient_id, system, value) VALUES (?, ?, ?)'),
    deletePhones: db.prepare('DELETE FROM patient_phones WHERE patient_id = ?'),
    insertPhone: db.prepare('INSERT OR IGNORE INTO patient_phones (patient_id, e164, raw, use) VALUES (?, ?, ?, ?)'),
    upsertResourceIdentifier: db.prepare('INSERT OR REPLACE INTO resource_identifiers (source_id, type, system, value, id) VALUES (1, ?, ?, ?, ?)'),
    findIdentifier: db.prepare('SELECT id FROM resource_identifiers WHERE source_id = 1 AND type = ? AND system = ? AND value = ?').pluck(),
    patientExists: db.prepare('SELECT 1 FROM patients WHERE id = ?').pluck(),
  };
  cache.set(db, s);
  return s;
}

type Freshness = 'newer' | 'older' | 'undecided';

/** Whether the incoming copy is newer, by meta.lastUpdated, then by a numeric meta.versionId. */
function freshness(incoming: PreparedResource, existing: { last_updated: string | null; version_id: string | null }): Freshness {
  const a = incoming.lastUpdated ? Date.parse(incoming.lastUpdated) : NaN;
  const b = existing.last_updated ? Date.parse(existing.last_updated) : NaN;
  if (!Number.isNaN(a) && !Number.isNaN(b) && a !== b) return a > b ? 'newer' : 'older';
  const va = incoming.versionId ? Number(incoming.versionId) : NaN;
  const vb = existing.version_id ? Number(existing.version_id) : NaN;
  if (Number.isFinite(va) && Number.isFinite(vb) && va !== vb) return va > vb ? 'newer' : 'older';
  // Dated or versioned data beats a copy that carries neither.
  const incomingDated = !Number.isNaN(a) || Number.isFinite(va);
  const existingDated = !Number.isNaN(b) || Number.isFinite(vb);
  if (incomingDated && !existingDated) return 'newer';
  return 'undecided';
}

/**
 * Writes one prepared resource (call inside the batch's transaction). A copy replaces the cached one only when it
 * is shown to be newer; an identical copy is a no-op; a different copy with nothing to tell which is newer keeps
 * the cached one ("conflict"), so importing the same data twice never changes the cache.
 */
export function writeResource(s: Statements, r: PreparedResource, now: string): WriteOutcome {
  // Insert the event first so the resource row can point at it (updates then replace exactly that event).
  let eventId: number | null = null;
  if (r.event && r.patientId) {
    const e = r.event;
    eventId = Number(
      s.insertEvent.run({
        ...e,
        patientId: r.patientId,
        sourceType: r.type,
        sourceId: r.id,
        search: r.eventSearch ?? '',
      }).lastInsertRowid,
    );
  }
  const row = { ...r, eventId };
  // New resources (the bulk of any import) need no lookup first: the insert tells us whether it was there.
  if (s.insertResource.run(row).changes === 0) {
    const existing = s.meta.get(r.type, r.id) as { last_updated: string | null; version_id: string | null; hash: string; event_id: number | null };
    const outcome: WriteOutcome | undefined =
      existing.hash === r.hash ? 'unchanged' : ((f) => (f === 'newer' ? undefined : f === 'older' ? 'older' : 'conflict'))(freshness(r, existing));
    if (outcome) {
      if (eventId !== null) s.deleteEvent.run(eventId);
      return outcome;
    }
    if (existing.event_id !== null) s.deleteEvent.run(existing.event_id);
    s.replaceResource.run(row);
    writeIndexes(s, r, now);
    return 'updated';
  }
  writeIndexes(s, r, now);
  return 'imported';
}

function writeIndexes(s: Statements, r: PreparedResource, now: string): void {
  for (const i of r.identifiers) s.upsertResourceIdentifier.run(r.type, i.system, i.value, r.id);
  if (r.patient) {
    const p = r.patient;
    s.upsertPatient.run({ ...p, updatedAt: now });
    s.deleteIdentifiers.run(p.id);
    for (const i of p.identifiers) s.insertIdentifier.run(p.id, i.system, i.value);
    s.deletePhones.run(p.id);
    for (const ph of p.phones) s.insertPhone.run(p.id, ph.e164, ph.raw, ph.use);
  }
}
