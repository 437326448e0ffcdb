import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { runImport, type ImportSummary } from '../../main/services/import/run';
import { matchCaller, searchPatients } from '../../main/services/patients/queries';
import { queryTimeline, sourceResource } from '../../main/services/timeline/queries';
import { repoRoot } from '../support/host';
import { tempDir } from '../support/tmp';

const fixtures = path.join(repoRoot, 'test', 'fixtures');
const synthea = path.join(fixtures, 'synthea-covid-r4');
const bulk = path.join(fixtures, 'bulk-ndjson-10');

function freshDb(): { db: Database; dir: string } {
  const dir = tempDir();
  return { db: openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) }).db, dir };
}

const importPaths = (db: Database, dir: string, paths: string[], streamAboveBytes?: number) =>
  runImport(db, { paths }, { reportFile: path.join(dir, `report-${crypto.randomUUID()}.txt`), ...(streamAboveBytes ? { streamAboveBytes } : {}) });

const count = (db: Database, sql: string) => db.prepare(sql).pluck().get() as number;

function snapshot(db: Database) {
  return {
    resources: count(db, 'SELECT count(*) FROM resources'),
    events: count(db, 'SELECT count(*) FROM events'),
    patients: count(db, 'SELECT count(*) FROM patients'),
    hash: db.prepare("SELECT group_concat(hash, '') FROM (SELECT hash FROM resources ORDER BY type, id)").pluck().get(),
  };
}

describe('importing the Synthea batch bundles', () => {
  it('imports every kept resource, resolves urn:uuid references and skips what the desk does not use', async () => {
    const { db, dir } = freshDb();
    const s = await importPaths(db, dir, [synthea]);
    expect(s.rejected).toBe(0);
    expect(s.failedBatches).toBe(0);
    expect(count(db, 'SELECT count(*) FROM patients')).toBe(10);
    // CareTeam is not kept. Organizations and Practitioners repeated in patient bundles with other content are reported.
    expect(s.reasons.find((r) => r.message.startsWith('CareTeam'))?.count).toBe(17);
    const conflicts = s.reasons.filter((r) => r.message.includes('neither has a meta.lastUpdated'));
    expect(conflicts.map((r) => r.message.split(' ')[0]).sort()).toEqual(['Organization', 'Practitioner']);
    expect(s.skipped).toBe(17 + conflicts.reduce((n, r) => n + r.count, 0));
    expect(s.imported).toBe(count(db, 'SELECT count(*) FROM resources'));
    expect(count(db, "SELECT count(*) FROM resources WHERE json LIKE '%urn:uuid:%'")).toBe(0);
    const obs = db.prepare("SELECT json FROM resources WHERE type = 'Observation' LIMIT 1").pluck().get() as string;
    expect(JSON.parse(obs).subject.reference).toMatch(/^Patient\/[\w-]+$/);
    // Every resource but Organization, Practitioner and Patient is placed on a patient's timeline.
    expect(count(db, "SELECT count(*) FROM resources WHERE type NOT IN ('Patient','Organization','Practitioner')")).toBe(
      count(db, 'SELECT count(*) FROM events'),
    );
    expect(fs.readFileSync(s.reportFile, 'utf8')).toMatch(/Summary: read \d+, imported \d+/);
    db.close();
  });

  it('changes nothing when the same data comes twice, and replaces a resource only with a newer version', async () => {
    const { db, dir } = freshDb();
    await importPaths(db, dir, [synthea]);
    const before = snapshot(db);
    const again = await importPaths(db, dir, [synthea]);
    expect(again.imported).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBe(before.resources);
    expect(snapshot(db)).toEqual(before);

    const id = db.prepare("SELECT id FROM resources WHERE type = 'Patient' LIMIT 1").pluck().get() as string;
    const write = (file: string, lastUpdated: string, family: string) =>
      fs.writeFileSync(path.join(dir, file), JSON.stringify({ resourceType: 'Patient', id, meta: { lastUpdated }, name: [{ family, given: ['Versioned'] }] }));
    write('newer.json', '2030-01-01T00:00:00Z', 'Newer');
    expect((await importPaths(db, dir, [path.join(dir, 'newer.json')])).updated).toBe(1);
    write('older.json', '2029-01-01T00:00:00Z', 'Older');
    const older = await importPaths(db, dir, [path.join(dir, 'older.json')]);
    expect(older.skipped).toBe(1);
    expect(older.firstMessages[0]?.message).toBe('the cache already holds a newer version');
    expect(searchPatients(db, 'versioned newer', 5).map((p) => p.id)).toEqual([id]);
    expect(searchPatients(db, 'versioned older', 5)).toEqual([]);
    db.close();
  });
});

describe('importing bulk-export ndjson', () => {
  it('resolves conditional references to practitioners and organisations, and leaves other types alone', async () => {
    const { db, dir } = freshDb();
    const s = await importPaths(db, dir, [bulk]);
    expect(s.rejected).toBe(0);
    expect(count(db, 'SELECT count(*) FROM patients')).toBe(13);
    const encounter = JSON.parse(db.prepare("SELECT json FROM resources WHERE type = 'Encounter' LIMIT 1").pluck().get() as string);
    expect(encounter.participant[0].individual.reference).toMatch(/^Practitioner\/[\w-]+$/);
    expect(encounter.serviceProvider.reference).toMatch(/^Organization\/[\w-]+$/);
    // Location is not kept by the desk, so its conditional reference stays as it came, without a warning.
    expect(encounter.location[0].location.reference).toMatch(/^Location\?identifier=/);
    expect(s.warnings).toBe(0);
    const notKept = s.reasons.filter((r) => r.message.endsWith('resources are not used by the desk'));
    expect(notKept.map((r) => [r.message.split(' ')[0], r.count]).sort()).toEqual([
      ['Device', 16],
      ['Location', 44],
      ['PractitionerRole', 43],
    ]);
    db.close();
  });
});

describe('the patient index and timeline after import', () => {
  it('finds patients by name prefix, identifier, date of birth and phone in any format', async () => {
    const { db, dir } = freshDb();
    await importPaths(db, dir, [synthea]);
    const [bibi] = searchPatients(db, 'bibi schow', 5);
    expect(bibi?.name).toBe('Bibi254 Schowalter414');
    expect(searchPatients(db, 'BIBI254', 5).map((p) => p.id)).toEqual([bibi!.id]);
    expect(searchPatients(db, bibi!.birthDate!, 25).map((p) => p.id)).toContain(bibi!.id);
    expect(searchPatients(db, '999-97-5872', 5).map((p) => p.id)).toEqual([bibi!.id]);
    for (const format of ['555-259-9533', '(555) 259-9533', '+1 555 259 9533', '5552599533']) {
      expect(
        searchPatients(db, format, 5).map((p) => p.id),
        format,
      ).toEqual([bibi!.id]);
      expect(
        matchCaller(db, format).matches.map((m) => m.patient.id),
        format,
      ).toEqual([bibi!.id]);
    }
    expect(matchCaller(db, '555-000-0000')).toEqual({ e164: '+15550000000', matches: [] });
    expect(matchCaller(db, 'not a phone')).toEqual({ e164: null, matches: [] });
    db.close();
  });

  it('returns every patient sharing a number, never just one', async () => {
    const { db, dir } = freshDb();
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'mom',
            name: [{ family: 'Rivera', given: ['Luz'] }],
            telecom: [{ system: 'phone', value: '(555) 201-3344', use: 'home' }],
          },
        },
        {
          resource: {
            resourceType: 'Patient',
            id: 'kid',
            name: [{ family: 'Rivera', given: ['Tomás'] }],
            telecom: [{ system: 'phone', value: '+1 555 201 3344', use: 'mobile' }],
          },
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'household.json'), JSON.stringify(bundle));
    await importPaths(db, dir, [path.join(dir, 'household.json')]);
    const lookup = matchCaller(db, '555.201.3344');
    expect(lookup.e164).toBe('+15552013344');
    expect(lookup.matches.map((m) => [m.patient.id, m.phoneUse])).toEqual([
      ['kid', 'mobile'],
      ['mom', 'home'],
    ]);
    db.close();
  });

  it('pages a patient timeline newest first, and filters it by kind, date and text', async () => {
    const { db, dir } = freshDb();
    await importPaths(db, dir, [synthea]);
    const patientId = searchPatients(db, 'denisha', 1)[0]!.id;
    const all = queryTimeline(db, { patientId, limit: 500 });
    expect(all.total).toBe(all.events.length);
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = queryTimeline(db, { patientId, limit: 7, ...(cursor ? { cursor } : {}) });
      pages.push(...page.events);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((e) => e.id)).toEqual(all.events.map((e) => e.id));
    const times = all.events.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    const bills = queryTimeline(db, { patientId, kinds: ['eob', 'claim'], limit: 500 });
    expect(bills.total).toBeGreaterThan(0);
    expect(new Set(bills.events.map((e) => e.kind))).toEqual(new Set(['eob', 'claim']));
    const eob = bills.events.find((e) => e.kind === 'eob')!;
    expect(eob.amount?.chargedCents).toBeGreaterThan(0);

    const covid = queryTimeline(db, { patientId, text: 'sars', limit: 500 });
    expect(covid.events.length).toBeGreaterThan(0);
    expect(covid.events.every((e) => /sars/i.test(`${e.title} ${e.value ?? ''} ${e.detail ?? ''}`))).toBe(true);

    const year = all.events[Math.floor(all.events.length / 2)]!.at.slice(0, 4);
    const inYear = queryTimeline(db, { patientId, from: `${year}-01-01`, to: `${year}-12-31`, limit: 500 });
    expect(inYear.events.every((e) => e.at.startsWith(year))).toBe(true);
    expect(inYear.total).toBe(all.events.filter((e) => e.at.startsWith(year)).length);

    const source = sourceResource(db, eob.source.type, eob.source.id);
    expect(source?.resource.resourceType).toBe('ExplanationOfBenefit');
    db.close();
  });
});

describe('bad input', () => {
  async function importText(files: Record<string, string | Buffer>): Promise<{ s: ImportSummary; db: Database; dir: string }> {
    const { db, dir } = freshDb();
    const inputs = path.join(dir, 'in');
    fs.mkdirSync(inputs);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(inputs, name), content);
    return { s: await importPaths(db, dir, [inputs]), db, dir };
  }
  const patient = (id: string, extra: object = {}) => ({ resourceType: 'Patient', id, name: [{ family: 'Valid', given: [id] }], ...extra });

  it('names the file, line and problem for each bad ndjson line and still imports the good ones', async () => {
    const lines = [
      JSON.stringify(patient('good-1')),
      '{"resourceType": "Patient", "id": ',
      JSON.stringify({ id: 'no-type' }),
      JSON.stringify({ resourceType: 42, id: 'x' }),
      JSON.stringify({ resourceType: 'Patient', name: [{ family: 'NoId' }] }),
      JSON.stringify({ resourceType: 'Patient', id: 'bad id with spaces' }),
      JSON.stringify({
        resourceType: 'Observation',
        id: 'orphan',
        status: 'final',
        code: { coding: [{ system: 'http://example.org/local', code: 'X1' }], text: 'Local test' },
        subject: { reference: 'Patient/nobody' },
        effectiveDateTime: '2024-02-01',
        valueQuantity: { value: 3 },
      }),
      '[1,2,3]',
      JSON.stringify(patient('good-2')),
    ];
    const { s, db } = await importText({ 'Patient.ndjson': lines.join('\n') });
    expect(s.imported).toBe(3);
    expect(s.rejected).toBe(6);
    const text = s.firstMessages.map((m) => `${path.basename(m.file)} ${m.where}${m.resource ? ` ${m.resource}` : ''}: ${m.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Patient\.ndjson line 2: not valid JSON/),
        'Patient.ndjson line 3: has no resourceType',
        'Patient.ndjson line 4: resourceType 42 is not a FHIR resource type',
        'Patient.ndjson line 5 Patient: has no id',
        'Patient.ndjson line 6 Patient: id "bad id with spaces" is not a valid FHIR id',
        'Patient.ndjson line 7 Observation/orphan: refers to Patient/nobody, which is not in the cache or this import yet',
        'Patient.ndjson line 7 Observation/orphan: code uses no known code system (http://example.org/local); shown by its text',
        'Patient.ndjson line 8: is not a JSON object',
      ]),
    );
    expect(
      searchPatients(db, 'valid', 5)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['good-1', 'good-2']);
    db.close();
  });

  it('handles binary garbage, a broken bundle, a dangling urn:uuid and very deep nesting without losing earlier data', async () => {
    // Written as text: JSON.stringify itself cannot go this deep.
    const deepJson = `{"resourceType":"Patient","id":"deep","extension":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const broken =
      '{"resourceType":"Bundle","type":"transaction","entry":[' +
      JSON.stringify({ fullUrl: 'urn:uuid:aaaa', resource: patient('before-break') }) +
      ',' +
      JSON.stringify({
        resource: { resourceType: 'Observation', id: 'dangling', status: 'final', code: { text: 'x' }, subject: { reference: 'urn:uuid:missing' } },
      }) +
      ',{"resource": {"resourceType": "Patient", "id": "after-break", "name": [{"family": tru';
    const { s, db } = await importText({
      'garbage.json': crypto.randomBytes(3000),
      'broken.json': broken,
      'deep.json': deepJson,
      'notes.txt': 'not fhir',
    });
    const byFile = (name: string) => s.firstMessages.filter((m) => path.basename(m.file) === name);
    expect(byFile('garbage.json')[0]?.message).toMatch(/binary data|not valid JSON/);
    expect(byFile('broken.json').map((m) => m.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/reference urn:uuid:missing points to nothing in this bundle/),
        expect.stringMatching(/JSON syntax error.*rest of the file was not read/),
      ]),
    );
    expect(byFile('deep.json')[0]?.message).toBe('is nested more than 40 levels deep');
    // A file in the folder that is not data is counted, not named (issue 15: a folder's names stay out of reports).
    expect(byFile('notes.txt')).toEqual([]);
    expect(byFile('in')[0]).toMatchObject({
      where: 'folder (1 other file)',
      message: 'not FHIR JSON or NDJSON (by name or first bytes), so not read; their names are not listed',
    });
    expect(searchPatients(db, 'before-break', 5).map((p) => p.id)).toEqual(['before-break']);
    expect(searchPatients(db, 'after-break', 5)).toEqual([]);
    db.close();
  });

  it('rolls back a batch that fails to write, keeps what came before, and goes on', async () => {
    const { db, dir } = freshDb();
    fs.writeFileSync(path.join(dir, 'a.ndjson'), JSON.stringify(patient('kept-before')));
    await importPaths(db, dir, [path.join(dir, 'a.ndjson')]);
    // A trigger stands in for a write failure (disk full, I/O error) in the middle of the next batch.
    db.exec("CREATE TRIGGER fail_on_poison BEFORE INSERT ON resources WHEN new.id = 'poison' BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END");
    fs.writeFileSync(path.join(dir, 'b.ndjson'), [patient('in-failed-batch'), patient('poison')].map((p) => JSON.stringify(p)).join('\n'));
    const s = await importPaths(db, dir, [path.join(dir, 'b.ndjson')]);
    expect(s.failedBatches).toBe(1);
    expect(s.firstMessages[0]?.message).toMatch(/2 resources were not saved, and the cache was left as it was before them: simulated disk failure/);
    expect(count(db, "SELECT count(*) FROM resources WHERE id = 'in-failed-batch'")).toBe(0);
    expect(count(db, "SELECT count(*) FROM patients WHERE id = 'kept-before'")).toBe(1);
    db.close();
  });

  it('reads a bundle of 100,000 entries and streams a file above the size threshold', async () => {
    const { db, dir } = freshDb();
    const entries = Array.from({ length: 100_000 }, (_, i) => ({
      fullUrl: `urn:uuid:p-${i}`,
      resource: {
        resourceType: 'Patient',
        id: `p-${i}`,
        name: [{ family: `Family${i % 977}`, given: [`Given${i}`] }],
        telecom: [{ system: 'phone', value: `555-${String(2000000 + i).slice(0, 3)}-${String(i).padStart(4, '0').slice(-4)}` }],
      },
    }));
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries }));
    const whole = await importPaths(db, dir, [file]);
    expect(whole.imported).toBe(100_000);
    expect(whole.rejected).toBe(0);
    // A slice of it streamed (as files over 64 MB are): the same resources, so nothing changes.
    const slice = path.join(dir, 'slice.json');
    fs.writeFileSync(slice, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries.slice(0, 10_000) }));
    const streamed = await importPaths(db, dir, [slice], 1024 * 1024);
    expect(streamed.read).toBe(10_000);
    expect(streamed.unchanged).toBe(10_000);
    db.close();
  }, 120_000);
});

describe('hostile details found in review', () => {
  it('keeps patient data out of messages, reads a BOM, and survives bad escapes and absurd amounts', async () => {
    const { db, dir } = freshDb();
    const inputs = path.join(dir, 'in');
    fs.mkdirSync(inputs);
    const lines = [
      '{"resourceType":"Patient","id":"leak","name":[{"family":"Zyxwvut Secretname"}] BROKEN',
      JSON.stringify({
        resourceType: 'Encounter',
        id: 'e1',
        status: 'finished',
        subject: { reference: 'Patient/leak2' },
        period: { start: '2024-01-01' },
        participant: [{ individual: { reference: 'Practitioner?identifier=sys|100%' } }],
      }),
      JSON.stringify({
        resourceType: 'Encounter',
        id: 'e2',
        status: 'finished',
        subject: { reference: 'Patient/leak2' },
        period: { start: '2024-01-02' },
        serviceProvider: { reference: 'Organization?identifier=http://hospital.example.org/mrn|MRN-SECRET-42' },
      }),
      JSON.stringify({
        resourceType: 'Claim',
        id: 'c1',
        status: 'active',
        patient: { reference: 'Patient/leak2' },
        created: '2024-01-01',
        total: { value: 1e20, currency: 'USD' },
      }),
    ];
    fs.writeFileSync(
      path.join(inputs, 'bom.ndjson'),
      '\uFEFF' + JSON.stringify({ resourceType: 'Patient', id: 'leak2', name: [{ family: 'Bom' }] }) + '\n' + lines.join('\n'),
    );
    const s = await importPaths(db, dir, [inputs]);
    const report = fs.readFileSync(s.reportFile, 'utf8');
    expect(report).not.toMatch(/Secretname|MRN-SECRET-42/);
    expect(report).toMatch(/line 2: not valid JSON \(at character \d+\)/);
    expect(s.imported).toBe(4);
    expect(searchPatients(db, 'bom', 5).map((p) => p.id)).toEqual(['leak2']);
    const claim = queryTimeline(db, { patientId: 'leak2', kinds: ['claim'], limit: 5 }).events[0];
    expect(claim?.amount).toBeNull();
    db.close();
  });
});
