import type { Database } from 'better-sqlite3-multiple-ciphers';
import { detach } from '../fhir/access';
import type { PreparedResource } from './prepare';
import { statements } from './write';

type PatientFacts = { birthDate: string | null; gender: string | null };

/**
 * What references resolve against while an import runs: the identifiers seen in this import (per source) and in the
 * cache, the patients known, and their birth date and gender. Strings kept here are detached from the input they
 * were sliced from, so that a whole batch's text is not held for one id.
 */
export interface ReferenceIndex {
  /** The local id that has this identifier within a source; no system: only a value that one resource alone has. */
  findByIdentifier(sourceId: number, type: string, system: string, value: string): string | undefined;
  patientKnown(id: string): boolean;
  patientFacts(id: string): PatientFacts | undefined;
  /**
   * Records a prepared resource's identifiers and patient facts. Returns the identifiers another resource already
   * has, with that resource's id: those keep pointing at the first (references by an identifier are never repointed).
   */
  add(resource: PreparedResource): { system: string; claimedBy: string }[];
}

export function referenceIndex(db: Database): ReferenceIndex {
  const s = statements(db);
  // "source|type|system|value" → local id, and "source|type|value" → ids.
  const seenIdentifiers = new Map<string, string>();
  const seenValues = new Map<string, Set<string>>();
  const knownPatients = new Set<string>();
  const facts = new Map<string, PatientFacts>();
  const factsOf = db.prepare('SELECT birth_date AS birthDate, gender FROM patients WHERE id = ?');
  const findByIdentifier = (sourceId: number, type: string, system: string, value: string): string | undefined => {
    if (system)
      return seenIdentifiers.get(`${sourceId}|${type}|${system}|${value}`) ?? (s.findIdentifier.get(sourceId, type, system, value) as string | undefined);
    const ids = new Set([...(seenValues.get(`${sourceId}|${type}|${value}`) ?? []), ...(s.findIdentifierValue.all(sourceId, type, value) as string[])]);
    return ids.size === 1 ? [...ids][0] : undefined;
  };
  return {
    findByIdentifier,
    patientKnown(id) {
      if (knownPatients.has(id)) return true;
      if (s.patientExists.get(id)) {
        knownPatients.add(detach(id));
        return true;
      }
      return false;
    },
    patientFacts(id) {
      let f = facts.get(id);
      if (!f) {
        f = factsOf.get(id) as PatientFacts | undefined;
        if (f) facts.set(detach(id), f);
      }
      return f;
    },
    add(r) {
      const conflicts: { system: string; claimedBy: string }[] = [];
      for (const i of r.identifiers) {
        const claimed = findByIdentifier(r.sourceId, r.type, i.system, i.value);
        if (claimed && claimed !== r.id) {
          conflicts.push({ system: i.system, claimedBy: claimed });
          continue;
        }
        seenIdentifiers.set(detach(`${r.sourceId}|${r.type}|${i.system}|${i.value}`), detach(r.id));
        const byValue = `${r.sourceId}|${r.type}|${i.value}`;
        seenValues.set(detach(byValue), (seenValues.get(byValue) ?? new Set()).add(detach(r.id)));
      }
      if (r.type === 'Patient') knownPatients.add(detach(r.id));
      if (r.patient) facts.set(detach(r.id), { birthDate: r.patient.birthDate, gender: r.patient.gender });
      return conflicts;
    },
  };
}
