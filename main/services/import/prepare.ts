import crypto from 'node:crypto';
import { arr, codings, jsonDepth, obj, str, type Json } from '../fhir/access';
import { parseConditional, parseLiteral, patientReference, rewriteReferences } from '../fhir/references';
import { conditionallyReferenced, fhirIdPattern, isImportedType, knownCodeSystems } from '../fhir/resource-types';
import { patientIndexRow, type PatientIndexRow } from '../patients/from-fhir';
import { foldForSearch } from '../patients/normalize';
import type { EventDraft } from '../timeline/event-draft';
import { toEvent } from '../timeline/normalize';
import type { ImportMessage } from './messages';
import type { Organisation } from './run';
import type { RawItem } from './sources';

export const maxDepth = 40;

export interface PreparedResource {
  type: string;
  id: string;
  where: string;
  patientId: string | null;
  lastUpdated: string | null;
  versionId: string | null;
  hash: string;
  json: string;
  event: EventDraft | undefined;
  /** The event's folded search text, made here so that the writer thread only binds values. */
  eventSearch: string | null;
  patient: PatientIndexRow | undefined;
  identifiers: { system: string; value: string }[];
}

/** What preparation needs to know beyond the item: the bundle's fullUrls and lookups into the cache. */
export interface PrepareContext {
  file: string;
  /** What the data leaves unsaid: the country of national phone numbers, the time zone of offset-less times. */
  organisation: Organisation;
  fullUrls: Map<string, string> | undefined;
  /** Type|system|value → id, for conditional references; checks this import, then the cache. */
  findByIdentifier(type: string, system: string, value: string): string | undefined;
  patientKnown(id: string): boolean;
}

const codedElement: Record<string, string> = {
  Observation: 'code',
  DiagnosticReport: 'code',
  Condition: 'code',
  Procedure: 'code',
  AllergyIntolerance: 'code',
  MedicationRequest: 'medicationCodeableConcept',
  Immunization: 'vaccineCode',
};

const hash = (text: string) => crypto.createHash('sha1').update(text).digest('base64');

function identifiersOf(resource: Json): { system: string; value: string }[] {
  return arr(resource.identifier).flatMap((i) => {
    const o = obj(i);
    const system = str(o?.system);
    const value = str(o?.value);
    return system && value ? [{ system, value }] : [];
  });
}

export type PrepareOutcome = { ok: true; resource: PreparedResource; notes: ImportMessage[] } | { ok: false; message: ImportMessage };

/** Checks one raw item and turns it into what the writer stores, or says exactly why not. */
export function prepare(item: RawItem, ctx: PrepareContext): PrepareOutcome {
  const at = { file: ctx.file, where: item.where };
  const reject = (message: string, resource?: string): PrepareOutcome => ({
    ok: false,
    message: { severity: 'error', ...at, ...(resource ? { resource } : {}), message },
  });
  const skip = (message: string, resource?: string): PrepareOutcome => ({
    ok: false,
    message: { severity: 'skipped', ...at, ...(resource ? { resource } : {}), message },
  });
  if (item.error) return reject(item.error);
  const r = obj(item.value);
  if (!r) return reject('is not a JSON object');
  if (r.resourceType === undefined) return reject('has no resourceType');
  if (typeof r.resourceType !== 'string' || !/^[A-Z][A-Za-z]{1,63}$/.test(r.resourceType)) {
    return reject(`resourceType ${JSON.stringify(r.resourceType).slice(0, 60)} is not a FHIR resource type`);
  }
  const type = r.resourceType;
  if (item.method === 'DELETE') return skip('DELETE entries are not applied to the cache', type);
  if (type === 'Bundle') return skip('a Bundle inside a Bundle is not imported; import it as its own file', type);
  if (type === 'OperationOutcome') return skip('OperationOutcome entries are server messages, not patient data', type);
  if (!isImportedType(type)) return skip(`${type} resources are not used by the desk`, type);
  const depth = jsonDepth(r, maxDepth);
  if (depth > maxDepth) return reject(`is nested more than ${maxDepth} levels deep`, type);

  let id = str(r.id);
  if (r.id !== undefined && typeof r.id !== 'string') return reject('id must be a string', type);
  if (!id && item.fullUrl?.startsWith('urn:uuid:')) id = item.fullUrl.slice('urn:uuid:'.length);
  if (!id) return reject('has no id', type);
  if (!fhirIdPattern.test(id)) return reject(`id ${JSON.stringify(id.slice(0, 80))} is not a valid FHIR id`, type);
  r.id = id;
  const label = `${type}/${id}`;

  const notes: ImportMessage[] = [];
  const note = (message: string) => notes.push({ severity: 'warning', ...at, resource: label, message });
  rewriteReferences(r, (ref) => {
    if (ref.startsWith('urn:uuid:')) {
      const target = ctx.fullUrls?.get(ref);
      if (!target) note(`reference ${ref} points to nothing in this bundle`);
      return target;
    }
    const conditional = parseConditional(ref);
    if (conditional) {
      if (!isImportedType(conditional.type)) return undefined;
      const found = ctx.findByIdentifier(conditional.type, conditional.system, conditional.value);
      // The identifier's value (an MRN, an NPI) stays out of the report; its system says enough.
      if (!found) note(`reference ${conditional.type}?identifier=${conditional.system}|… matches nothing in the cache or this import`);
      return found ? `${conditional.type}/${found}` : undefined;
    }
    return undefined;
  });

  let patientId: string | null = type === 'Patient' ? id : null;
  let patient: PatientIndexRow | undefined;
  if (type === 'Patient') {
    patient = patientIndexRow(r as Json & { id: string });
  } else {
    const ref = patientReference(r);
    const literal = ref ? parseLiteral(ref) : undefined;
    if (literal?.type === 'Patient') {
      patientId = literal.id;
      if (!ctx.patientKnown(literal.id)) note(`refers to Patient/${literal.id}, which is not in the cache or this import yet`);
    } else if (type !== 'Organization' && type !== 'Practitioner') {
      note('names no patient; kept, but it will not appear on any timeline');
    }
  }

  const element = codedElement[type];
  if (element && r[element] !== undefined) {
    const systems = codings(r[element]).map((c) => c.system).filter((s): s is string => !!s);
    if (systems.length > 0 && !systems.some((s) => knownCodeSystems.has(s))) {
      note(`${element} uses no known code system (${systems.slice(0, 2).join(', ')}); shown by its text`);
    }
  }

  const event = patientId && type !== 'Patient' ? toEvent(r) : undefined;
  if (patientId && type !== 'Patient' && !event) note('has no usable date; kept, but not placed on the timeline');
  const json = JSON.stringify(r);
  const meta = obj(r.meta);
  return {
    ok: true,
    notes,
    resource: {
      type,
      id,
      where: item.where,
      patientId,
      lastUpdated: str(meta?.lastUpdated) ?? null,
      versionId: str(meta?.versionId) ?? null,
      hash: hash(json),
      json,
      event,
      eventSearch: event ? foldForSearch(`${event.title} ${event.value ?? ''} ${event.detail ?? ''}`) : null,
      patient,
      identifiers: conditionallyReferenced.has(type) ? identifiersOf(r) : [],
    },
  };
}
