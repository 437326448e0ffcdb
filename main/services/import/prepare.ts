import crypto from 'node:crypto';
import { arr, codings, jsonDepth, obj, str, type Json } from '../fhir/access';
import { baseOf, parseConditional, parseLiteral, patientReference, rewriteReferences } from '../fhir/references';
import { fhirIdPattern, fhirIdSyntax } from '../../../preload/contract';
import { conditionallyReferenced, isImportedType, knownCodeSystems } from '../fhir/resource-types';
import { patientIndexRow, type PatientIndexRow } from '../patients/from-fhir';
import { foldForSearch } from '../patients/normalize';
import type { EventDraft } from '../timeline/event-draft';
import { toEvent } from '../timeline/normalize';
import type { ImportMessage } from './messages';
import type { Organisation } from './organisation';
import { entryId, type RawItem } from './sources';

export const maxDepth = 40;

export interface PreparedResource {
  /** delete: the source deleted it (a DELETE entry, bulk deleted output); only type and id matter then. */
  op?: 'delete';
  type: string;
  /** The local key: the FHIR id, or "<FHIR id>~<source>" for sources after the first. */
  id: string;
  sourceId: number;
  /** The id the source gave it (null when the same as `id`). */
  fhirId: string | null;
  where: string;
  patientId: string | null;
  lastUpdated: string | null;
  versionId: string | null;
  hash: string;
  /** The resource as the source sent it, before its references were resolved. */
  sourceHash: string;
  /** How many of its references could not be resolved (a later import that resolves more replaces it). */
  unresolved: number;
  /** The resource as it came, kept only when something did not resolve, so that it can be prepared again. */
  retrySource?: string;
  /** Its status, for corrections that carry no meta (re-sent as entered-in-error). */
  status: string | null;
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
  /** The source this batch came from (1: local files, the default). */
  sourceId: number;
  /** The id of a source by its server base URL, when that server is known. */
  sourceOf(base: string): number | undefined;
  /** The server base of this batch's source, when it is a server. */
  base: string | undefined;
  /** What the data leaves unsaid: the country of national phone numbers, the time zone of offset-less times. */
  organisation: Organisation;
  fullUrls: Map<string, string> | undefined;
  /**
   * Type|system|value → local id within this source, for conditional references; checks this import, then the cache.
   * An empty system matches the value alone, only when one resource has it.
   */
  findByIdentifier(type: string, system: string, value: string): string | undefined;
  patientKnown(id: string): boolean;
  /** Birth date and gender of a patient in this import or the cache: dates an onset given as an age, picks reference ranges. */
  patientFacts?(id: string): { birthDate: string | null; gender: string | null } | undefined;
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

/** A FHIR id as this source's local key: unchanged for the first source, "<id>~<source>" for the others. */
export const localKey = (id: string, sourceId: number) => (sourceId === 1 || id.includes('~') ? id : `${id}~${sourceId}`);

/** A stable id for a POSTed resource that has none (the same content gets the same id on every import). */
const contentId = (json: string) => crypto.createHash('sha1').update(json).digest('hex');

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
  if (item.skip) return skip(item.skip);
  if (item.method === 'DELETE') return prepareDelete(item, ctx, reject);
  if (item.method === 'PATCH') return skip('PATCH entries are not applied; import the patched resource instead');
  const r = obj(item.value);
  if (!r) return reject('is not a JSON object');
  if (r.resourceType === undefined) return reject('has no resourceType');
  if (typeof r.resourceType !== 'string' || !/^[A-Z][A-Za-z]{1,63}$/.test(r.resourceType)) {
    return reject(`resourceType ${JSON.stringify(r.resourceType).slice(0, 60)} is not a FHIR resource type`);
  }
  const type = r.resourceType;
  if (type === 'Bundle') return skip('a Bundle inside a Bundle is not imported; import it as its own file', type);
  if (type === 'OperationOutcome') return skip('OperationOutcome entries are server messages, not patient data', type);
  if (!isImportedType(type)) return skip(`${type} resources are not used by the desk`, type);
  const depth = jsonDepth(r, maxDepth);
  if (depth > maxDepth) return reject(`is nested more than ${maxDepth} levels deep`, type);

  if (r.id !== undefined && typeof r.id !== 'string') return reject('id must be a string', type);
  const sourceJson = JSON.stringify(r);
  // Its id: its own, the one its conditional write found, its fullUrl's or PUT url's, or (a POST) one from its content.
  let id = item.targetId ?? entryId(item);
  if (!id && item.method === 'POST') id = contentId(sourceJson);
  if (!id) return reject('has no id', type);
  if (!fhirIdPattern.test(id) && !(item.targetId && id.includes('~'))) return reject(`id ${JSON.stringify(id.slice(0, 80))} is not a valid FHIR id`, type);
  const key = localKey(id, ctx.sourceId);
  const fhirId = key.split('~')[0]!;
  r.id = fhirId;
  const label = `${type}/${fhirId}`;
  if (item.matched) return skip(`already in the cache as ${type}/${key} (the entry's ifNoneExist matched it); not created again`, type);

  const notes: ImportMessage[] = [];
  const note = (message: string) => notes.push({ severity: 'warning', ...at, resource: label, message });
  let unresolved = 0;
  resolveLogicalReferences(r, ctx, note, () => unresolved++);
  rewriteReferences(r, (ref) => {
    const resolved = resolveReference(ref, ctx, note);
    if (resolved === null) unresolved++;
    return resolved ?? undefined;
  });

  let patientId: string | null = type === 'Patient' ? key : null;
  let patient: PatientIndexRow | undefined;
  if (type === 'Patient') {
    patient = patientIndexRow({ ...r, id: key } as Json & { id: string }, ctx.organisation);
  } else {
    const ref = patientReference(r);
    // Resolved references are relative by now; one still absolute names another server and attaches to nobody here.
    const literal = ref && !baseOf(ref) ? parseLiteral(ref) : undefined;
    if (literal?.type === 'Patient') {
      patientId = literal.id;
      if (!ctx.patientKnown(literal.id)) note(`refers to Patient/${literal.id.split('~')[0]}, which is not in the cache or this import yet`);
    } else if (type !== 'Organization' && type !== 'Practitioner') {
      note('names no patient; kept, but it will not appear on any timeline');
    }
  }

  const element = codedElement[type];
  if (element && r[element] !== undefined) {
    const systems = codings(r[element])
      .map((c) => c.system)
      .filter((s): s is string => !!s);
    if (systems.length > 0 && !systems.some((s) => knownCodeSystems.has(s))) {
      note(`${element} uses no known code system (${systems.slice(0, 2).join(', ')}); shown by its text`);
    }
  }

  const event = patientId && type !== 'Patient' ? toEvent(r, { timeZone: ctx.organisation.timeZone, patient: ctx.patientFacts?.(patientId), note }) : undefined;
  const json = JSON.stringify(r);
  const meta = obj(r.meta);
  return {
    ok: true,
    notes,
    resource: {
      type,
      id: key,
      sourceId: ctx.sourceId,
      fhirId: key === fhirId ? null : fhirId,
      where: item.where,
      patientId,
      lastUpdated: str(meta?.lastUpdated) ?? item.lastModified ?? null,
      versionId: str(meta?.versionId) ?? null,
      hash: hash(json),
      sourceHash: hash(sourceJson),
      unresolved,
      ...(unresolved > 0 ? { retrySource: sourceJson } : {}),
      status: str(r.status) ?? null,
      json,
      event,
      eventSearch: event ? foldForSearch(`${event.title} ${event.value ?? ''} ${event.detail ?? ''}`) : null,
      patient,
      identifiers: conditionallyReferenced.has(type) ? identifiersOf(r) : [],
    },
  };
}

/**
 * A reference made concrete within this source: an entry of the bundle (any fullUrl scheme), a conditional
 * reference found by identifier, a relative or same-server literal as this source's local key, another known
 * server's literal as that source's key. Undefined leaves it as it came (a contained "#id"); null: it resolves to
 * nothing (noted, and counted so that a later import that resolves it replaces this copy).
 */
function resolveReference(ref: string, ctx: PrepareContext, note: (m: string) => void): string | null | undefined {
  const bundled = ctx.fullUrls?.get(ref);
  if (bundled) {
    const [t, fhir] = bundled.split('/');
    return `${t}/${localKey(fhir!, ctx.sourceId)}`;
  }
  if (/^urn:(uuid|oid):/.test(ref)) {
    note(`reference ${ref.slice(0, 80)} points to nothing in this bundle`);
    return null;
  }
  const conditional = parseConditional(ref);
  if (conditional) {
    if (!isImportedType(conditional.type)) return undefined;
    const found = ctx.findByIdentifier(conditional.type, conditional.system, conditional.value);
    if (conditional.ignored.length)
      note(
        `reference ${conditional.type}?… also asks for ${conditional.ignored.slice(0, 3).join(', ')}, which the desk cannot check; matched by identifier only`,
      );
    // The identifier's value (an MRN, an NPI) stays out of the report; its system says enough.
    if (!found) {
      note(
        `reference ${conditional.type}?identifier=${conditional.system ? `${conditional.system.slice(0, 120)}|` : ''}… matches nothing in the cache or this import`,
      );
      return null;
    }
    return `${conditional.type}/${found}`;
  }
  const literal = parseLiteral(ref);
  if (!literal) return undefined;
  const base = baseOf(ref);
  if (!base || base === ctx.base) return ctx.sourceId === 1 && !base ? undefined : `${literal.type}/${localKey(literal.id, ctx.sourceId)}`;
  const other = ctx.sourceOf(base);
  if (other === undefined) {
    note(`reference to another server (${base.slice(0, 120)}) is kept as it came; it is not attached to this source's data`);
    return null;
  }
  return `${literal.type}/${localKey(literal.id, other)}`;
}

/** Where a resource names its patient by identifier only (a "logical reference"), the patient it means in this source. */
function resolveLogicalReferences(r: Json, ctx: PrepareContext, note: (m: string) => void, missed: () => void): void {
  for (const field of ['subject', 'patient', 'beneficiary']) {
    const ref = obj(r[field]);
    const identifier = obj(ref?.identifier);
    if (!ref || str(ref.reference) || !identifier) continue;
    const value = str(identifier.value);
    if (!value) continue;
    const found = ctx.findByIdentifier('Patient', str(identifier.system) ?? '', value);
    if (found) ref.reference = `Patient/${found}`;
    else {
      note(`${field} names a patient by identifier only (${(str(identifier.system) ?? 'no system').slice(0, 120)}|…), and no patient in this source has it`);
      missed();
    }
  }
}

const literalReference = new RegExp(`^([A-Z][A-Za-z]+)/(${fhirIdSyntax})$`);

/** A DELETE entry: the resource it names (by id, or by a conditional url), in this source. */
function prepareDelete(item: RawItem, ctx: PrepareContext, reject: (m: string, resource?: string) => PrepareOutcome): PrepareOutcome {
  const url = item.url ?? '';
  const literal = literalReference.exec(url);
  let type: string | undefined;
  let key: string | undefined;
  if (literal) {
    type = literal[1]!;
    key = localKey(literal[2]!, ctx.sourceId);
  } else {
    const conditional = parseConditional(url);
    if (!conditional) return reject(`DELETE entry with a url the desk cannot read (${url.slice(0, 80) || 'none'})`);
    type = conditional.type;
    key = ctx.findByIdentifier(conditional.type, conditional.system, conditional.value);
    if (!key) {
      return {
        ok: false,
        message: {
          severity: 'skipped',
          file: ctx.file,
          where: item.where,
          resource: type,
          message: 'DELETE of a resource the cache does not hold; nothing to delete',
        },
      };
    }
  }
  return {
    ok: true,
    notes: [],
    resource: {
      op: 'delete',
      type,
      id: key,
      sourceId: ctx.sourceId,
      fhirId: null,
      where: item.where,
      patientId: null,
      lastUpdated: item.lastModified ?? null,
      versionId: null,
      hash: '',
      sourceHash: '',
      unresolved: 0,
      status: null,
      json: '',
      event: undefined,
      eventSearch: null,
      patient: undefined,
      identifiers: [],
    },
  };
}
