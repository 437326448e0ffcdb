// Issue 12, point 1: patients of different sources that are the same person (same identifier system and value) are
// linked by that rule only, and shown as one person with the sources listed: one search hit, one caller candidate, one
// timeline with both sources' results, and scripts for either source's results (with a report's members).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbClient } from '../../main/services/db/client';
import { openDatabase } from '../../main/services/db/open';
import { runImport } from '../../main/services/import/run';
import { matchCaller, patientSummary, searchPatients } from '../../main/services/patients/queries';
import { scriptSources } from '../../main/services/scripts/queries';
import { createScriptsService } from '../../main/services/scripts/service';
import { queryTimeline } from '../../main/services/timeline/queries';
import { pack } from '../support/script-cache';
import { tempDir } from '../support/tmp';

const mrn = {
  type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
  system: 'urn:oid:2.16.840.1.113883.19.5',
  value: 'MRN-4242',
};
const person = (id: string, extra: object = {}) => ({
  resourceType: 'Patient',
  id,
  identifier: [mrn],
  name: [{ family: 'Cruz', given: ['Cara'] }],
  birthDate: '1970-04-04',
  gender: 'female',
  telecom: [{ system: 'phone', value: '(617) 253-1000', use: 'mobile' }],
  ...extra,
});
const lab = (id: string, patient: string, code: string, value: number, unit: string) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: '2026-11-30T10:00:00Z',
  valueQuantity: { value, unit },
});

let db: Database;
let dir: string;
let primary: string;
let second: string;

async function importAs(files: Record<string, object[]>, source: string) {
  // tempDir() folders go after each test; a later test's files need their own.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-linked-'));
  for (const [name, resources] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), resources.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const s = await runImport(db, { paths: [folder] }, { reportFile: path.join(folder, 'report.txt'), source });
  fs.rmSync(folder, { recursive: true, force: true });
  expect(s.rejected).toBe(0);
}

beforeAll(async () => {
  dir = tempDir();
  db = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) }).db;
  // Two systems, each with its own Patient/1 numbering, and one person with the same MRN in both.
  await importAs({ 'Patient.ndjson': [person('a1')], 'Observation.ndjson': [lab('g1', 'a1', '2345-7', 98, 'mg/dL')] }, 'EHR one');
  await importAs(
    {
      'Patient.ndjson': [person('b9'), { resourceType: 'Patient', id: 'a1', name: [{ family: 'Other', given: ['Olga'] }], birthDate: '1955-05-05' }],
      'Observation.ndjson': [lab('k2', 'b9', '2823-3', 6.9, 'mmol/L'), lab('n2', 'b9', '2951-2', 140, 'mmol/L')],
      'DiagnosticReport.ndjson': [
        {
          resourceType: 'DiagnosticReport',
          id: 'r2',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '24320-4' }], text: 'Basic metabolic panel' },
          subject: { reference: 'Patient/b9' },
          effectiveDateTime: '2026-11-30T10:00:00Z',
          result: [{ reference: 'Observation/k2' }, { reference: 'Observation/n2' }],
        },
      ],
    },
    'EHR two',
  );
  const ids = (db.prepare("SELECT id FROM patients WHERE name LIKE 'Cara%' ORDER BY id").pluck().all() as string[]).sort();
  expect(ids).toHaveLength(2);
  [primary, second] = ids.includes('a1') ? ['a1', ids.find((i) => i !== 'a1')!] : (ids as [string, string]);
  expect(second).toMatch(/^b9~\d+$/);
});

describe('one person in two sources', () => {
  it('is one search hit, by name or by MRN, with both sources listed', () => {
    for (const text of ['Cara Cruz', 'MRN-4242', `${mrn.system}|${mrn.value}`]) {
      const found = searchPatients(db, text, 10);
      expect(found.map((p) => p.id)).toEqual([primary]);
      expect(found[0]!.source).toBe('EHR one');
      expect(found[0]!.linked).toEqual([{ id: second, name: 'Cara Cruz', source: 'EHR two', mrn: 'MRN-4242', how: 'same-identifier' }]);
    }
    // Opening the second source's record still lists the first.
    expect(patientSummary(db, second)!.linked.map((l) => l.source)).toEqual(['EHR one']);
    // The other system's unrelated Patient/1 ("a1" there too) is someone else, not linked.
    const olga = searchPatients(db, 'Olga', 10);
    expect(olga).toHaveLength(1);
    expect(olga[0]!.linked).toEqual([]);
  });

  it('is one candidate for a caller, not two', () => {
    const { matches } = matchCaller(db, '+16172531000');
    expect(matches.map((m) => m.patient.id)).toEqual([primary]);
    expect(matches[0]!.autoSelect).toBe(true);
  });

  it('has one timeline with both sources’ results, and a second-source report’s members reach its script', async () => {
    const titles = queryTimeline(db, { patientId: primary, limit: 50 }).events.map((e) => e.value);
    expect(titles).toEqual(expect.arrayContaining(['98', '6.9', '140']));
    expect(queryTimeline(db, { patientId: second, limit: 50 }).total).toBe(queryTimeline(db, { patientId: primary, limit: 50 }).total);
    const client = { call: async (_name: string, a: { patientId: string; type: string; id: string }) => scriptSources(db, a) } as unknown as DbClient;
    const scripts = createScriptsService(client, pack, () => {});
    const report = await scripts.build({ patientId: primary, source: { type: 'DiagnosticReport', id: `r2~${second.split('~')[1]!}` } });
    // The critical potassium is a member from the second source: it reaches the safety check.
    expect(report.safety).toBe('critical');
  });

  it('another patient’s result is still refused, linked or not', async () => {
    const olga = searchPatients(db, 'Olga', 10)[0]!;
    const client = { call: async (_name: string, a: { patientId: string; type: string; id: string }) => scriptSources(db, a) } as unknown as DbClient;
    const scripts = createScriptsService(client, pack, () => {});
    // Not this person's: the record is treated as missing (nothing of it is read), as before.
    const refused = await scripts.build({ patientId: olga.id, source: { type: 'Observation', id: 'g1~2' } });
    expect(refused.title).toBe('Record');
    expect(JSON.stringify(refused.steps)).not.toMatch(/\b98\b|glucose|sugar/i);
    await expect(scripts.build({ patientId: primary, source: { type: 'Observation', id: 'g1~2' } })).resolves.toMatchObject({ safety: 'explain' });
  });

  it('a record that says "see also" another is listed as maybe the same person, never joined', async () => {
    await importAs(
      {
        'Patient.ndjson': [
          {
            resourceType: 'Patient',
            id: 'sa1',
            name: [{ family: 'Ng', given: ['Mei'] }],
            birthDate: '1980-02-02',
            link: [{ other: { reference: 'Patient/sa2' }, type: 'seealso' }],
          },
          { resourceType: 'Patient', id: 'sa2', name: [{ family: 'Ng', given: ['May'] }], birthDate: '1980-02-02' },
        ],
        'Observation.ndjson': [lab('sg', 'sa2', '2345-7', 131, 'mg/dL')],
      },
      'EHR one',
    );
    const mei = searchPatients(db, 'Mei Ng', 5);
    expect(mei).toHaveLength(1);
    expect(mei[0]!.linked.map((l) => [l.name, l.how])).toEqual([['May Ng', 'see-also']]);
    // Shown from either side, and the timelines stay apart.
    expect(searchPatients(db, 'May Ng', 5)[0]!.linked.map((l) => l.how)).toEqual(['see-also']);
    expect(queryTimeline(db, { patientId: mei[0]!.id, limit: 10 }).total).toBe(0);
    expect(searchPatients(db, 'Ng', 5)).toHaveLength(2);
  });
});
