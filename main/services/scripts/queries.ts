// Runs inside the database worker.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { isBillSource, localIdSyntax } from '../../../preload/contract';
import { arr, obj, str, type Json } from '../fhir/access';
import { personRecordIds } from '../patients/linked';
import { containedResults } from '../timeline/contained';

export interface ScriptSourceRows {
  patient: Json | null;
  language: string | null;
  /** Null when the resource is not cached or belongs to another patient (minimum necessary). */
  resource: Json | null;
  members: Json[];
  /** For a bill: the person's Coverage resources (Medicaid, QMB, no plan: what the law lets a provider bill). */
  coverages: Json[];
  /** A Claim the plan has answered is explained from its ExplanationOfBenefit, which is then `resource`. */
  routedFromClaim: boolean;
}

const referencedIds = (list: unknown, type: string): string[] =>
  arr(list).flatMap((r) => {
    const m = str(obj(r)?.reference)?.match(new RegExp(`^${type}/(${localIdSyntax})$`));
    return m?.[1] ? [m[1]] : [];
  });

const readRow = (db: Database, type: string, id: string) =>
  db.prepare('SELECT json, patient_id FROM resources WHERE type = ? AND id = ?').get(type, id) as { json: string; patient_id: string | null } | undefined;

/** A resource of exactly this patient record, or null. */
const readJson = (db: Database, type: string, id: string, patientId?: string): Json | null => {
  const row = readRow(db, type, id);
  if (!row || (patientId !== undefined && row.patient_id !== patientId)) return null;
  return JSON.parse(row.json) as Json;
};

/**
 * The patient, the resource to explain, and (for a report or panel) its member results, all of this person: the
 * resource may be on another record shown as the same person (another source, a merged record), and then its own
 * record is the patient whose age and sex the script uses.
 */
export function scriptSources(db: Database, a: { patientId: string; type: string; id: string }): ScriptSourceRows {
  const language = (db.prepare('SELECT language FROM patients WHERE id = ?').pluck().get(a.patientId) as string | null | undefined) ?? null;
  const row = readRow(db, a.type, a.id);
  const owner = row?.patient_id && personRecordIds(db, a.patientId).includes(row.patient_id) ? row.patient_id : undefined;
  const patient = readJson(db, 'Patient', owner ?? a.patientId);
  const resource = owner && row ? (JSON.parse(row.json) as Json) : null;
  const memberRefs = resource ? [...referencedIds(resource.result, 'Observation'), ...referencedIds(resource.hasMember, 'Observation')] : [];
  const members = memberRefs.slice(0, 100).flatMap((id) => {
    const m = readJson(db, 'Observation', id, owner);
    return m ? [m] : [];
  });
  // Results sent inside the report ("#c1" references to contained Observations) are members too, so a contained
  // critical glucose reaches the script's safety check like a cached one.
  if (resource) members.push(...containedResults(resource).slice(0, 100));
  if (!resource || !isBillSource(a.type)) return { patient, language, resource, members, coverages: [], routedFromClaim: false };
  const records = personRecordIds(db, a.patientId);
  const ofPerson = (type: string, like?: string): Json[] => {
    const marks = records.map(() => '?').join(',');
    const rows = db
      .prepare(`SELECT json FROM resources WHERE type = ? AND patient_id IN (${marks})${like ? ' AND json LIKE ?' : ''} LIMIT 200`)
      .pluck()
      .all(type, ...records, ...(like ? [like] : [])) as string[];
    return rows.map((j) => JSON.parse(j) as Json);
  };
  const coverages = ofPerson('Coverage');
  if (a.type === 'Claim') {
    const answer = ofPerson('ExplanationOfBenefit', `%"Claim/${a.id.replace(/[%_\\]/g, '')}"%`)
      .filter((e) => str(obj(e.claim)?.reference) === `Claim/${a.id}` && str(e.status) === 'active' && (str(e.use) ?? 'claim') === 'claim')
      .sort((x, y) => (str(y.created) ?? '').localeCompare(str(x.created) ?? ''))[0];
    if (answer) return { patient, language, resource: answer, members, coverages, routedFromClaim: true };
  }
  return { patient, language, resource, members, coverages, routedFromClaim: false };
}
