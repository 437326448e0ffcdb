// Issue 12, points 1, 2 and 6 (and the review's C1, C2, H2, H3, M1-M3, L1-L4): the right data on the right patient,
// FHIR write semantics, and files as exports come. Every input is written the way servers and exports write it, and
// goes through the real importer into a real encrypted cache.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { runImport, type ImportSummary } from '../../main/services/import/run';
import { queryTimeline } from '../../main/services/timeline/queries';
import { tempDir } from '../support/tmp';

function freshDb(): { db: Database; dir: string } {
  const dir = tempDir();
  return { db: openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) }).db, dir };
}

/** Writes files into a fresh folder and imports it (optionally naming the source). */
async function importFiles(db: Database, dir: string, files: Record<string, string | Buffer | object>, source?: string): Promise<ImportSummary> {
  const folder = fs.mkdtempSync(path.join(dir, 'in-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, name), typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  }
  return runImport(db, { paths: [folder] }, { reportFile: path.join(dir, `report-${crypto.randomUUID()}.txt`), ...(source ? { source } : {}) });
}

const rows = (db: Database, sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Record<string, unknown>[];
const one = (db: Database, sql: string, ...args: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...args);
const messages = (s: ImportSummary) => s.firstMessages.map((m) => `${m.severity}: ${m.resource ?? ''} ${m.message}`);

const patient = (id: string, name: string, birthDate: string, extra: object = {}) => ({
  resourceType: 'Patient',
  id,
  meta: { lastUpdated: '2024-01-01T00:00:00Z' },
  name: [{ family: name.split(' ')[1], given: [name.split(' ')[0]] }],
  birthDate,
  ...extra,
});
const glucose = (id: string, subject: object, value = 98, extra: object = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }], text: 'Glucose' },
  subject,
  effectiveDateTime: '2024-03-01T09:00:00Z',
  valueQuantity: { value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
  ...extra,
});
const ndjson = (...resources: object[]) => resources.map((r) => JSON.stringify(r)).join('\n') + '\n';
const transaction = (...entry: object[]) => ({ resourceType: 'Bundle', type: 'transaction', entry });

describe('identity is source-qualified (C1)', () => {
  it("two systems' Patient/1 stay two people, each with their own results", async () => {
    const { db, dir } = freshDb();
    // Export A from a HAPI-like server: absolute fullUrls name the server.
    const a = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'https://hapi.hospital-a.example/fhir/Patient/1', resource: patient('1', 'Alice Alpha', '1950-02-03') },
        { fullUrl: 'https://hapi.hospital-a.example/fhir/Observation/1', resource: glucose('1', { reference: 'Patient/1' }) },
      ],
    };
    await importFiles(db, dir, { 'a.json': a });
    // Export B: NDJSON files, named as coming from another system.
    const b = await importFiles(
      db,
      dir,
      {
        'Patient.ndjson': ndjson(patient('1', 'Bob Bravo', '1990-07-08', { meta: { lastUpdated: '2024-02-01T00:00:00Z' } })),
        'Observation.ndjson': ndjson(glucose('77', { reference: 'Patient/1' }, 101)),
      },
      'Clinic B EHR',
    );
    expect(b.rejected).toBe(0);
    const people = rows(db, 'SELECT id, name, birth_date, source_id FROM patients ORDER BY name');
    expect(people.map((p) => p.name)).toEqual(['Alice Alpha', 'Bob Bravo']);
    expect(people[0]!.id).not.toBe(people[1]!.id);
    const [alice, bob] = people as { id: string }[];
    expect(queryTimeline(db, { patientId: alice!.id, limit: 50 }).events.map((e) => e.value)).toEqual(['98']);
    expect(queryTimeline(db, { patientId: bob!.id, limit: 50 }).events.map((e) => e.value)).toEqual(['101']);
    expect(rows(db, 'SELECT name, kind FROM sources ORDER BY id').map((r) => r.name)).toEqual([
      'local files',
      'https://hapi.hospital-a.example/fhir',
      'Clinic B EHR',
    ]);
  });

  it('a reference to another server is not attached to a local id', async () => {
    const { db, dir } = freshDb();
    const s = await importFiles(db, dir, {
      'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01')),
      'Observation.ndjson': ndjson(glucose('o1', { reference: 'https://other-hie.example.net/fhir/Patient/123' })),
    });
    expect(one(db, "SELECT patient_id FROM resources WHERE type = 'Observation'")).toBeNull();
    expect(messages(s).join('\n')).toMatch(/another server \(https:\/\/other-hie\.example\.net\/fhir\)/);
  });

  it('the same id in the same source, but another birth date and no shared identifier, is not merged', async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, { 'Patient.ndjson': ndjson(patient('1', 'Alice Alpha', '1950-02-03')) });
    const s = await importFiles(db, dir, {
      'Patient.ndjson': ndjson(patient('1', 'Bob Bravo', '1990-07-08', { meta: { lastUpdated: '2024-06-01T00:00:00Z' } })),
    });
    expect(s.rejected).toBe(1);
    expect(messages(s).join('\n')).toMatch(/looks like another person/);
    expect(one(db, 'SELECT name FROM patients')).toBe('Alice Alpha');
  });

  it('patients of two sources with the same identifier are linked, not merged', async () => {
    const { db, dir } = freshDb();
    const mrn = { identifier: [{ system: 'urn:oid:2.16.840.1.113883.19.5', value: 'MRN-42' }] };
    await importFiles(db, dir, { 'Patient.ndjson': ndjson(patient('a1', 'Cara Cruz', '1970-04-04', mrn)) }, 'EHR one');
    await importFiles(db, dir, { 'Patient.ndjson': ndjson(patient('b9', 'Cara Cruz', '1970-04-04', mrn)) }, 'EHR two');
    const ids = rows(db, 'SELECT id FROM patients ORDER BY id').map((r) => r.id as string);
    expect(ids).toHaveLength(2);
    expect(rows(db, "SELECT patient_id, other_id FROM patient_links WHERE kind = 'same-identifier' ORDER BY patient_id")).toEqual([
      { patient_id: ids[0], other_id: ids[1] },
      { patient_id: ids[1], other_id: ids[0] },
    ]);
    // When one system deletes its record, the link goes with it.
    await importFiles(db, dir, { 'del.json': transaction({ request: { method: 'DELETE', url: 'Patient/b9' } }) }, 'EHR two');
    expect(one(db, 'SELECT count(*) FROM patient_links')).toBe(0);
  });
});

describe('transactions: conditional writes and entries without ids (C2)', () => {
  const mrn = { system: 'urn:oid:1.2.3.4', value: 'MRN-1' };
  const base = () => importFiles;

  it("a conditional PUT updates the patient its identifier finds, and the bundle's references land on it", async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, {
      'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01', { identifier: [mrn], telecom: [{ system: 'phone', value: '555-201-0001' }] })),
    });
    const s = await base()(db, dir, {
      'txn.json': transaction(
        {
          fullUrl: 'urn:uuid:5a1b9e2c-0000-4000-8000-000000000001',
          resource: {
            ...patient('ignored', 'Ana Base', '1980-01-01', {
              identifier: [mrn],
              telecom: [{ system: 'phone', value: '555-201-0002' }],
              meta: { lastUpdated: '2024-05-01T00:00:00Z' },
            }),
            id: undefined,
          },
          request: { method: 'PUT', url: 'Patient?identifier=urn:oid:1.2.3.4|MRN-1' },
        },
        {
          fullUrl: 'urn:uuid:5a1b9e2c-0000-4000-8000-000000000003',
          resource: { ...glucose('x', { reference: 'urn:uuid:5a1b9e2c-0000-4000-8000-000000000001' }), id: undefined },
          request: { method: 'POST', url: 'Observation' },
        },
      ),
    });
    expect(s.rejected).toBe(0);
    expect(one(db, 'SELECT count(*) FROM patients')).toBe(1);
    expect(one(db, "SELECT json_extract(json, '$.telecom[0].value') FROM resources WHERE type = 'Patient'")).toBe('555-201-0002');
    expect(one(db, "SELECT patient_id FROM resources WHERE type = 'Observation'")).toBe('123');
  });

  it('a conditional create that finds the resource creates nothing; re-sending it changes nothing', async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, { 'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01', { identifier: [mrn] })) });
    const bundle = transaction({
      fullUrl: 'urn:uuid:1f0e0000-0000-4000-8000-000000000002',
      resource: { ...patient('', 'Ana Base', '1980-01-01', { identifier: [mrn] }), id: undefined },
      request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=urn:oid:1.2.3.4|MRN-1' },
    });
    const s = await importFiles(db, dir, { 'txn.json': bundle });
    expect(messages(s).join('\n')).toMatch(/ifNoneExist matched it/);
    expect(one(db, 'SELECT count(*) FROM patients')).toBe(1);
  });

  it('a POST without an id gets a stable id: the same transaction twice is one resource', async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, { 'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01')) });
    const txn = transaction({ resource: { ...glucose('', { reference: 'Patient/123' }), id: undefined }, request: { method: 'POST', url: 'Observation' } });
    await importFiles(db, dir, { 'txn.json': txn });
    const again = await importFiles(db, dir, { 'txn.json': txn });
    expect(again.unchanged).toBe(1);
    expect(one(db, "SELECT count(*) FROM resources WHERE type = 'Observation'")).toBe(1);
  });

  it('a second patient with the same identifier is reported and never takes the identifier over', async () => {
    const { db, dir } = freshDb();
    const s = await importFiles(db, dir, {
      'Patient.ndjson': ndjson(
        patient('123', 'Ana Base', '1980-01-01', { identifier: [mrn] }),
        patient('999', 'Ana Copy', '1980-01-01', { identifier: [mrn] }),
      ),
      'Observation.ndjson': ndjson(glucose('o1', { reference: 'Patient?identifier=urn:oid:1.2.3.4|MRN-1' })),
    });
    expect(messages(s).join('\n')).toMatch(/Patient\/999 shares an identifier \(urn:oid:1\.2\.3\.4\|…\) with Patient\/123/);
    expect(one(db, "SELECT patient_id FROM resources WHERE type = 'Observation'")).toBe('123');
  });
});

describe('deletions (H2)', () => {
  it('a transaction DELETE removes the result and its timeline row, and is counted as a deletion', async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, {
      'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01')),
      'Observation.ndjson': ndjson(glucose('obs-del', { reference: 'Patient/123' }, 400)),
    });
    expect(queryTimeline(db, { patientId: '123', limit: 10 }).events).toHaveLength(1);
    const s = await importFiles(db, dir, { 'txn.json': transaction({ request: { method: 'DELETE', url: 'Observation/obs-del' } }) });
    expect(s).toMatchObject({ rejected: 0, deleted: 1 });
    expect(queryTimeline(db, { patientId: '123', limit: 10 }).events).toHaveLength(0);
    expect(one(db, "SELECT count(*) FROM resources WHERE type = 'Observation'")).toBe(0);
    // An older copy imported later does not bring it back.
    await importFiles(db, dir, { 'Observation.ndjson': ndjson(glucose('obs-del', { reference: 'Patient/123' }, 400)) });
    expect(one(db, "SELECT count(*) FROM resources WHERE type = 'Observation'")).toBe(0);
  });

  it('a history bundle whose newest entry is a DELETE deletes, and its older versions are not resurrected', async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, { 'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01')) });
    const history = {
      resourceType: 'Bundle',
      type: 'history',
      entry: [
        { request: { method: 'DELETE', url: 'Observation/h1' }, response: { status: '204', lastModified: '2024-04-03T00:00:00Z' } },
        {
          fullUrl: 'Observation/h1',
          resource: glucose('h1', { reference: 'Patient/123' }, 99, { status: 'amended', meta: { versionId: '2' } }),
          request: { method: 'PUT', url: 'Observation/h1' },
          response: { lastModified: '2024-04-02T00:00:00Z' },
        },
        {
          fullUrl: 'Observation/h1',
          resource: glucose('h1', { reference: 'Patient/123' }, 90, { meta: { versionId: '1' } }),
          request: { method: 'POST', url: 'Observation' },
          response: { lastModified: '2024-04-01T00:00:00Z' },
        },
      ],
    };
    const s = await importFiles(db, dir, { 'history.json': history });
    expect(s.rejected).toBe(0);
    expect(one(db, "SELECT count(*) FROM resources WHERE type = 'Observation'")).toBe(0);
    expect(messages(s).filter((m) => m.includes('older version in this history bundle'))).toHaveLength(2);
  });

  it('bulk export deleted/ output (NDJSON lines that are transaction bundles of DELETEs) is applied; a deleted patient stops matching callers', async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, {
      'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01', { telecom: [{ system: 'phone', value: '555-201-0001' }] })),
    });
    expect(one(db, 'SELECT count(*) FROM patient_phones')).toBe(1);
    const deleted = ndjson({ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'DELETE', url: 'Patient/123' } }] });
    const s = await importFiles(db, dir, { 'Bundle.ndjson': deleted });
    expect(s).toMatchObject({ rejected: 0, deleted: 1 });
    expect(one(db, 'SELECT count(*) FROM patients')).toBe(0);
    expect(one(db, 'SELECT count(*) FROM patient_phones')).toBe(0);
  });

  it('a PATCH entry is reported as not applied, not as an error', async () => {
    const { db, dir } = freshDb();
    const s = await importFiles(db, dir, {
      'txn.json': transaction({
        resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: 'W10=' },
        request: { method: 'PATCH', url: 'Patient/123' },
      }),
    });
    expect(s.rejected).toBe(0);
    expect(messages(s).join('\n')).toMatch(/PATCH entries are not applied/);
  });
});

describe('corrections without meta (H3)', () => {
  it('a result re-sent as entered-in-error replaces the cached final copy', async () => {
    const { db, dir } = freshDb();
    const noMeta = { meta: undefined };
    await importFiles(db, dir, {
      'Patient.ndjson': ndjson(patient('p', 'Ana Base', '1980-01-01')),
      'Observation.ndjson': ndjson(glucose('k', { reference: 'Patient/p' }, 30, noMeta)),
    });
    await importFiles(db, dir, { 'Observation.ndjson': ndjson(glucose('k', { reference: 'Patient/p' }, 30, { ...noMeta, status: 'entered-in-error' })) });
    expect(one(db, "SELECT json_extract(json, '$.status') FROM resources WHERE type = 'Observation'")).toBe('entered-in-error');
  });

  it('different content with the same lastUpdated is reported as such', async () => {
    const { db, dir } = freshDb();
    const stamp = { meta: { lastUpdated: '2024-03-01T10:00:00Z' } };
    await importFiles(db, dir, { 'Observation.ndjson': ndjson(glucose('k', { reference: 'Patient/p' }, 30, stamp)) });
    const s = await importFiles(db, dir, { 'Observation.ndjson': ndjson(glucose('k', { reference: 'Patient/p' }, 31, stamp)) });
    expect(messages(s).join('\n')).toMatch(/both carry the same meta\.lastUpdated/);
  });
});

describe('references that used to resolve to nothing (M1, M2)', () => {
  it('identifier-only subjects, urn:oid fullUrls, conditional references without a system or with more parameters', async () => {
    const { db, dir } = freshDb();
    await importFiles(db, dir, {
      'Patient.ndjson': ndjson(patient('123', 'Ana Base', '1980-01-01', { identifier: [{ system: 'urn:oid:1.2.3.4', value: 'MRN-1' }] })),
    });
    const s = await importFiles(db, dir, {
      'Observation.ndjson': ndjson(
        glucose('logical', { identifier: { system: 'urn:oid:1.2.3.4', value: 'MRN-1' } }),
        glucose('nosystem', { reference: 'Patient?identifier=MRN-1' }),
        glucose('params', { reference: 'Patient?identifier=urn:oid:1.2.3.4|MRN-1&active=true' }),
      ),
      'oid.json': {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:oid:2.16.840.1.113883.19.5.1', resource: { ...patient('', 'Oscar Oid', '1960-06-06'), id: undefined } },
          { fullUrl: 'urn:uuid:aa000000-0000-4000-8000-000000000009', resource: glucose('oidref', { reference: 'urn:oid:2.16.840.1.113883.19.5.1' }) },
        ],
      },
    });
    expect(s.rejected).toBe(0);
    const owners = Object.fromEntries(rows(db, "SELECT id, patient_id FROM resources WHERE type = 'Observation'").map((r) => [r.id, r.patient_id]));
    expect(owners).toEqual({ logical: '123', nosystem: '123', params: '123', oidref: '2.16.840.1.113883.19.5.1' });
    expect(messages(s).join('\n')).toMatch(/also asks for active/);
  });

  it('bulk files named 1.Observation.ndjson / 1.Patient.ndjson: patients first, and a second pass resolves what came too early', async () => {
    const { db, dir } = freshDb();
    const pat = patient('777', 'Ida Id', '1970-01-01', { identifier: [{ system: 'http://hospital.org/mrn', value: '777' }] });
    const obs = glucose('o1', { reference: 'Patient?identifier=http://hospital.org/mrn|777' });
    // Content decides the order, not the name: "1.Observation" sorts before "1.Patient" by name.
    const s = await importFiles(db, dir, { '1.Observation.ndjson': ndjson(obs), '1.Patient.ndjson': ndjson(pat) });
    expect(one(db, "SELECT patient_id FROM resources WHERE type = 'Observation'")).toBe('777');
    expect(s.warnings).toBe(0);
    // Inside one file, a reference to a patient that comes later is resolved on the second pass.
    const { db: db2, dir: dir2 } = freshDb();
    const s2 = await importFiles(db2, dir2, { 'mixed.ndjson': ndjson(obs, pat) });
    expect(one(db2, "SELECT patient_id FROM resources WHERE type = 'Observation'")).toBe('777');
    expect(messages(s2).join('\n')).toMatch(/resolved once the whole import had been read/);
  });

  it('an identifier a newer version of the patient no longer has stops resolving references (M10)', async () => {
    const { db, dir } = freshDb();
    const sys = 'http://hospital.org/mrn';
    await importFiles(db, dir, { 'Patient.ndjson': ndjson(patient('p5', 'Una Old', '1971-01-01', { identifier: [{ system: sys, value: 'OLD-1' }] })) });
    await importFiles(db, dir, {
      'Patient.ndjson': ndjson(
        patient('p5', 'Una Old', '1971-01-01', { meta: { lastUpdated: '2024-05-01T00:00:00Z' }, identifier: [{ system: sys, value: 'NEW-2' }] }),
      ),
    });
    const s = await importFiles(db, dir, {
      'Observation.ndjson': ndjson(
        glucose('o-old', { reference: `Patient?identifier=${sys}|OLD-1` }),
        glucose('o-new', { reference: `Patient?identifier=${sys}|NEW-2` }),
      ),
    });
    const owners = Object.fromEntries(rows(db, "SELECT id, patient_id FROM resources WHERE type = 'Observation'").map((r) => [r.id, r.patient_id]));
    expect(owners).toEqual({ 'o-old': null, 'o-new': 'p5' });
    expect(messages(s).join('\n')).toMatch(/matches nothing/);
  });

  it('a shared Organization bundle named after nothing goes before patient bundles named patient-*.json', async () => {
    const { db, dir } = freshDb();
    const org = {
      resourceType: 'Organization',
      id: 'org1',
      meta: { lastUpdated: '2024-01-01T00:00:00Z' },
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
      name: 'Clinic',
    };
    const bundle = transaction(
      {
        fullUrl: 'urn:uuid:aa000000-0000-4000-8000-000000000001',
        resource: patient('p1', 'Ana Shared', '1980-01-01', {
          managingOrganization: { reference: 'Organization?identifier=http://hl7.org/fhir/sid/us-npi|1234567893' },
        }),
        request: { method: 'PUT', url: 'Patient/p1' },
      },
      {
        fullUrl: 'urn:uuid:aa000000-0000-4000-8000-000000000002',
        resource: glucose('g1', { reference: 'urn:uuid:aa000000-0000-4000-8000-000000000001' }),
        request: { method: 'PUT', url: 'Observation/g1' },
      },
    );
    const s = await importFiles(db, dir, {
      'patient-000000.json': bundle,
      '000-shared.json': transaction({ resource: org, request: { method: 'PUT', url: 'Organization/org1' } }),
    });
    expect({ imported: s.imported, updated: s.updated, skipped: s.skipped, warnings: s.warnings }).toEqual({
      imported: 3,
      updated: 0,
      skipped: 0,
      warnings: 0,
    });
    expect(JSON.parse(one(db, "SELECT json FROM resources WHERE type = 'Patient'") as string).managingOrganization.reference).toBe('Organization/org1');
  });

  it('a bundle resource repaired on the second pass replaces its first copy, and its early warning is not reported', async () => {
    const { db, dir } = freshDb();
    const org = {
      resourceType: 'Organization',
      id: 'org2',
      meta: { lastUpdated: '2024-01-01T00:00:00Z' },
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1497758544' }],
      name: 'Lab',
    };
    // One bundle: the observation points at its patient by fullUrl (resolved at once) and at the lab by identifier,
    // and the lab comes after it.
    const bundle = transaction(
      {
        fullUrl: 'urn:uuid:bb000000-0000-4000-8000-000000000001',
        resource: patient('p2', 'Ben Later', '1975-05-05'),
        request: { method: 'PUT', url: 'Patient/p2' },
      },
      {
        fullUrl: 'urn:uuid:bb000000-0000-4000-8000-000000000002',
        resource: glucose('g2', { reference: 'urn:uuid:bb000000-0000-4000-8000-000000000001' }, 98, {
          performer: [{ reference: 'Organization?identifier=http://hl7.org/fhir/sid/us-npi|1497758544' }],
          meta: { lastUpdated: '2024-03-01T10:00:00Z' },
        }),
        request: { method: 'PUT', url: 'Observation/g2' },
      },
      { resource: org, request: { method: 'PUT', url: 'Organization/org2' } },
    );
    const s = await importFiles(db, dir, { 'everything.json': bundle });
    expect(s.skipped).toBe(0);
    const obs = JSON.parse(one(db, "SELECT json FROM resources WHERE type = 'Observation'") as string);
    expect(obs.subject.reference).toBe('Patient/p2');
    expect(obs.performer[0].reference).toBe('Organization/org2');
    expect(one(db, "SELECT unresolved FROM resources WHERE type = 'Observation'")).toBe(0);
    const text = messages(s).join('\n');
    expect(text).not.toMatch(/matches nothing/);
    expect(text).toMatch(/1 resources had references that resolved once the whole import had been read/);
    // A reference that never resolves is still reported, once.
    const { db: db2, dir: dir2 } = freshDb();
    const s2 = await importFiles(db2, dir2, { 'alone.json': transaction(bundle.entry[0]!, bundle.entry[1]!) });
    expect(messages(s2).filter((m) => /matches nothing/.test(m))).toHaveLength(1);
    expect(s2.reasons.map((r) => r.message)).toContain(
      'Observation reference Organization?identifier=http://hl7.org/fhir/sid/us-npi|… matches nothing in the cache or this import',
    );
  });
});

describe('files as exports come (M3, L1, L2)', () => {
  it('.ndjson.gz, NDJSON with no extension, a .json file holding NDJSON, and a BOM on any line', async () => {
    const { db, dir } = freshDb();
    const bom = '\uFEFF';
    const s = await importFiles(db, dir, {
      'Patient.ndjson.gz': zlib.gzipSync(ndjson(patient('g1', 'Gus Gzip', '1971-01-01'))),
      '9f2c1a': ndjson(patient('n1', 'Nell Noext', '1972-02-02')),
      'Patient.json': ndjson(patient('j1', 'Jo Json', '1973-03-03'), patient('j2', 'Jan Json', '1974-04-04')),
      'cat.ndjson': `${bom}${JSON.stringify(patient('b1', 'Bea Bom', '1975-05-05'))}\n${bom}${JSON.stringify(patient('b2', 'Ben Bom', '1976-06-06'))}\n`,
    });
    expect(s.rejected).toBe(0);
    expect(rows(db, 'SELECT id FROM patients ORDER BY id').map((r) => r.id)).toEqual(['b1', 'b2', 'g1', 'j1', 'j2', 'n1']);
  });

  it('an empty search result and response-only entries are notes, not errors', async () => {
    const { db, dir } = freshDb();
    const s = await importFiles(db, dir, {
      'empty.json': { resourceType: 'Bundle', type: 'searchset', total: 0 },
      'response.json': {
        resourceType: 'Bundle',
        type: 'transaction-response',
        entry: [{ response: { status: '201 Created', location: 'Patient/1/_history/1' } }],
      },
    });
    expect(s.rejected).toBe(0);
    expect(s.skipped).toBe(2);
  });
});
