import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { PreparedResource } from './prepare';
import { preparedFor } from '../db/prepared';

export type WriteOutcome = 'imported' | 'updated' | 'unchanged' | 'older' | 'conflict' | 'same-date-conflict' | 'deleted' | 'identity-conflict' | 'tombstoned';

interface Statements {
  meta: Statement;
  existingJson: Statement;
  deleteResource: Statement;
  tombstone: Statement;
  tombstoneOf: Statement;
  clearTombstone: Statement;
  deletePatientRow: Statement;
  deletePatientLinks: Statement;
  deleteResourceIdentifiers: Statement;
  sameIdentifier: Statement;
  insertLink: Statement;
  setPatientSource: Statement;
  insertResource: Statement;
  replaceResource: Statement;
  deleteEvent: Statement;
  insertEvent: Statement;
  upsertPatient: Statement;
  deleteIdentifiers: Statement;
  insertIdentifier: Statement;
  deletePhones: Statement;
  insertPhone: Statement;
  deleteRecordLinks: Statement;
  upsertResourceIdentifier: Statement;
  findIdentifier: Statement;
  findIdentifierValue: Statement;
  patientExists: Statement;
}

export const statements = preparedFor((db): Statements => ({
  meta: db.prepare('SELECT last_updated, version_id, hash, source_hash, unresolved, event_id FROM resources WHERE type = ? AND id = ?'),
  existingJson: db.prepare('SELECT json FROM resources WHERE type = ? AND id = ?').pluck(),
  insertResource: db.prepare(`
    INSERT INTO resources (type, id, source_id, fhir_id, patient_id, last_updated, version_id, hash, source_hash, unresolved, event_id, json)
    VALUES (@type, @id, @sourceId, @fhirId, @patientId, @lastUpdated, @versionId, @hash, @sourceHash, @unresolved, @eventId, @json)
    ON CONFLICT(type, id) DO NOTHING`),
  replaceResource: db.prepare(`
    UPDATE resources SET patient_id = @patientId, last_updated = @lastUpdated, version_id = @versionId,
      hash = @hash, source_hash = @sourceHash, unresolved = @unresolved, event_id = @eventId, json = @json
    WHERE type = @type AND id = @id`),
  deleteResource: db.prepare('DELETE FROM resources WHERE type = ? AND id = ? RETURNING event_id'),
  tombstone: db.prepare('INSERT OR REPLACE INTO deleted_resources (type, id, deleted_at) VALUES (?, ?, ?)'),
  tombstoneOf: db.prepare('SELECT deleted_at FROM deleted_resources WHERE type = ? AND id = ?').pluck(),
  clearTombstone: db.prepare('DELETE FROM deleted_resources WHERE type = ? AND id = ?'),
  deletePatientRow: db.prepare('DELETE FROM patients WHERE id = ?'),
  deletePatientLinks: db.prepare('DELETE FROM patient_links WHERE patient_id = @id OR other_id = @id'),
  deleteResourceIdentifiers: db.prepare('DELETE FROM resource_identifiers WHERE type = ? AND id = ?'),
  sameIdentifier: db
    .prepare(
      `
    SELECT DISTINCT i.patient_id FROM patient_identifiers i JOIN patients p ON p.id = i.patient_id
    WHERE i.system = ? AND i.value = ? AND i.system != '' AND p.source_id != ?`,
    )
    .pluck(),
  insertLink: db.prepare('INSERT OR IGNORE INTO patient_links (patient_id, other_id, kind) VALUES (?, ?, ?)'),
  setPatientSource: db.prepare('UPDATE patients SET source_id = ? WHERE id = ? AND source_id != ?'),
  deleteEvent: db.prepare('DELETE FROM events WHERE id = ?'),
  insertEvent: db.prepare(`
    INSERT INTO events (patient_id, at, local_date, precision, tz, kind, title, status, source_type, source_id, value,
      unit, interpretation, flag, amount_cents, patient_cents, currency, detail, search)
    VALUES (@patientId, @at, @localDate, @precision, @tz, @kind, @title, @status, @sourceType, @sourceId, @value,
      @unit, @interpretation, @flag, @amountCents, @patientCents, @currency, @detail, @search)`),
  upsertPatient: db.prepare(`
    INSERT INTO patients (id, name, name_search, birth_date, gender, mrn, phone, language, postal_code, active, deceased, updated_at)
    VALUES (@id, @name, @nameSearch, @birthDate, @gender, @mrn, @phone, @language, @postalCode, @active, @deceased, @updatedAt)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_search = excluded.name_search,
      birth_date = excluded.birth_date, gender = excluded.gender, mrn = excluded.mrn, phone = excluded.phone,
      language = excluded.language, postal_code = excluded.postal_code, active = excluded.active,
      deceased = excluded.deceased, updated_at = excluded.updated_at`),
  deleteIdentifiers: db.prepare('DELETE FROM patient_identifiers WHERE patient_id = ?'),
  insertIdentifier: db.prepare('INSERT OR IGNORE INTO patient_identifiers (patient_id, system, value) VALUES (?, ?, ?)'),
  deletePhones: db.prepare('DELETE FROM patient_phones WHERE patient_id = ?'),
  insertPhone: db.prepare(`
    INSERT OR IGNORE INTO patient_phones (patient_id, e164, ext, contact, raw, use, rank, period_start, period_end)
    VALUES (@patientId, @e164, @ext, @contact, @raw, @use, @rank, @periodStart, @periodEnd)`),
  // The record's own Patient.link rows; 'same-identifier' links between sources are kept.
  deleteRecordLinks: db.prepare("DELETE FROM patient_links WHERE patient_id = ? AND kind IN ('replaced-by', 'replaces', 'refer', 'seealso')"),
  // The first resource to claim an identifier keeps it: a later one sharing it is reported, never repointed to.
  upsertResourceIdentifier: db.prepare('INSERT OR IGNORE INTO resource_identifiers (source_id, type, system, value, id) VALUES (?, ?, ?, ?, ?)'),
  findIdentifier: db.prepare('SELECT id FROM resource_identifiers WHERE source_id = ? AND type = ? AND system = ? AND value = ?').pluck(),
  findIdentifierValue: db.prepare('SELECT id FROM resource_identifiers WHERE source_id = ? AND type = ? AND value = ? LIMIT 2').pluck(),
  patientExists: db.prepare('SELECT 1 FROM patients WHERE id = ?').pluck(),
}));

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

/** Statuses a lab or clinician moves a record to when correcting it: such a copy replaces one still in the old state. */
const corrections = new Set(['entered-in-error', 'cancelled', 'amended', 'corrected', 'refuted']);

function parsedStatus(json: string | undefined): string | undefined {
  try {
    const o = json ? (JSON.parse(json) as { status?: unknown }) : undefined;
    return typeof o?.status === 'string' ? o.status : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two copies of a Patient with the same id are different people: other birth date and no shared identifier. */
function differentPerson(incoming: PreparedResource, existingJson: string | undefined): boolean {
  if (!existingJson || !incoming.patient) return false;
  let cached: { birthDate?: unknown; identifier?: { system?: unknown; value?: unknown }[] };
  try {
    cached = JSON.parse(existingJson) as typeof cached;
  } catch {
    return false;
  }
  const born = incoming.patient.birthDate;
  if (!born || typeof cached.birthDate !== 'string' || cached.birthDate === born) return false;
  const mine = new Set(incoming.patient.identifiers.map((i) => `${i.system}|${i.value}`));
  return !(cached.identifier ?? []).some((i) => mine.has(`${String(i.system ?? '')}|${String(i.value ?? '')}`));
}

/**
 * Writes one prepared resource (call inside the batch's transaction). A copy replaces the cached one only when it
 * is shown to be newer: by its meta, by a correcting status (a result re-sent as entered-in-error), or by resolving
 * more of its references than the cached copy of the same content. An identical copy is a no-op; a different copy
 * with nothing to tell which is newer keeps the cached one ("conflict"), so importing the same data twice never
 * changes the cache. A Patient that is plainly another person under the same id is never merged into it.
 */
export function writeResource(s: Statements, r: PreparedResource, now: string): WriteOutcome {
  if (r.op === 'delete') return deleteResource(s, r, now);
  const deletedAt = s.tombstoneOf.get(r.type, r.id) as string | undefined;
  if (deletedAt !== undefined) {
    // Deleted by its source: an older (or undated) copy does not bring it back; a newer one does.
    const incoming = r.lastUpdated ? Date.parse(r.lastUpdated) : NaN;
    if (Number.isNaN(incoming) || incoming <= Date.parse(deletedAt)) return 'tombstoned';
    s.clearTombstone.run(r.type, r.id);
  }
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
    const existing = s.meta.get(r.type, r.id) as {
      last_updated: string | null;
      version_id: string | null;
      hash: string;
      source_hash: string | null;
      unresolved: number;
      event_id: number | null;
    };
    let outcome: WriteOutcome | undefined;
    if (existing.hash === r.hash) outcome = 'unchanged';
    else {
      const f = freshness(r, existing);
      if (f === 'older') outcome = 'older';
      else if (f === 'undecided') {
        const repairs = existing.source_hash === r.sourceHash && r.unresolved < existing.unresolved;
        const cachedStatus = repairs ? undefined : parsedStatus(s.existingJson.get(r.type, r.id) as string | undefined);
        const corrects = !repairs && r.status !== null && corrections.has(r.status) && cachedStatus !== r.status;
        if (existing.source_hash === r.sourceHash && !repairs) outcome = 'unchanged';
        else if (!repairs && !corrects) outcome = existing.last_updated !== null && existing.last_updated === r.lastUpdated ? 'same-date-conflict' : 'conflict';
      }
      if (!outcome && r.type === 'Patient' && differentPerson(r, s.existingJson.get(r.type, r.id) as string | undefined)) outcome = 'identity-conflict';
    }
    if (outcome) {
      if (eventId !== null) s.deleteEvent.run(eventId);
      return outcome;
    }
    if (existing.event_id !== null) s.deleteEvent.run(existing.event_id);
    s.replaceResource.run(row);
    s.deleteResourceIdentifiers.run(r.type, r.id);
    writeIndexes(s, r, now);
    return 'updated';
  }
  writeIndexes(s, r, now);
  return 'imported';
}

/** Removes what a source deleted: the resource, its timeline event and (a Patient) its index rows; remembers it. */
function deleteResource(s: Statements, r: PreparedResource, now: string): WriteOutcome {
  const gone = s.deleteResource.get(r.type, r.id) as { event_id: number | null } | undefined;
  if (gone?.event_id != null) s.deleteEvent.run(gone.event_id);
  s.deleteResourceIdentifiers.run(r.type, r.id);
  if (r.type === 'Patient') {
    s.deletePatientRow.run(r.id);
    s.deletePatientLinks.run({ id: r.id });
    s.deleteIdentifiers.run(r.id);
    s.deletePhones.run(r.id);
  }
  s.tombstone.run(r.type, r.id, r.lastUpdated ?? now);
  return gone ? 'deleted' : 'unchanged';
}

/** Patients of other sources with an identifier this one has (same system and value) are linked, never merged. */
function linkSamePerson(s: Statements, r: PreparedResource): void {
  if (!r.patient) return;
  s.setPatientSource.run(r.sourceId, r.id, r.sourceId);
  for (const i of r.patient.identifiers) {
    if (!i.system) continue;
    for (const other of s.sameIdentifier.all(i.system, i.value, r.sourceId) as string[]) {
      if (other === r.id) continue;
      s.insertLink.run(r.id, other, 'same-identifier');
      s.insertLink.run(other, r.id, 'same-identifier');
    }
  }
}

function writeIndexes(s: Statements, r: PreparedResource, now: string): void {
  for (const i of r.identifiers) s.upsertResourceIdentifier.run(r.sourceId, r.type, i.system, i.value, r.id);
  if (r.patient) {
    const p = r.patient;
    s.upsertPatient.run({ ...p, active: p.active ? 1 : 0, updatedAt: now });
    s.deleteIdentifiers.run(p.id);
    for (const i of p.identifiers) s.insertIdentifier.run(p.id, i.system, i.value);
    s.deletePhones.run(p.id);
    for (const ph of p.phones) s.insertPhone.run({ patientId: p.id, ...ph });
    s.deleteRecordLinks.run(p.id);
    for (const l of p.links) s.insertLink.run(p.id, l.otherId, l.kind);
    linkSamePerson(s, r);
  }
}
