import { describe, expect, it } from 'vitest';
import { matchCaller, patientSummary, searchPatients } from '../../main/services/patients/queries';
import { freshCache, importResources } from '../support/patient-import';

const mrnType = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] };

/**
 * A merge as FHIR's Patient $merge leaves it (hl7.org/fhir/R5/patient-operation-merge.html; HAPI and EHR MPI merges
 * write the same R4 shape): the source marked inactive with a `replaced-by` link, the target with `replaces`.
 */
const merged = (oldPhone: string, survivorPhone: string) => [
  {
    resourceType: 'Patient',
    id: 'merged-old',
    meta: { lastUpdated: '2024-05-02T10:00:00Z' },
    active: false,
    name: [{ use: 'official', family: 'Castillo', given: ['Marta'] }],
    birthDate: '1961-07-30',
    telecom: [{ system: 'phone', value: oldPhone, use: 'home' }],
    link: [{ other: { reference: 'Patient/survivor' }, type: 'replaced-by' }],
  },
  {
    resourceType: 'Patient',
    id: 'survivor',
    meta: { lastUpdated: '2024-05-02T10:00:00Z' },
    active: true,
    name: [{ use: 'official', family: 'Castillo', given: ['Marta', 'Elena'] }],
    birthDate: '1961-07-30',
    telecom: [{ system: 'phone', value: survivorPhone, use: 'mobile' }],
    link: [{ other: { reference: 'Patient/merged-old' }, type: 'replaces' }],
  },
];

describe('merged, retired and deceased patients', () => {
  it('shows a caller on a merged-away record the surviving one, saying which record the number was on', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, merged('555-401-0001', '555-401-0002'));
    const lookup = matchCaller(db, '555-401-0001');
    expect(lookup.matches).toHaveLength(1);
    expect(lookup.matches[0]).toMatchObject({
      patient: { id: 'survivor', name: 'Marta Elena Castillo', active: true, mergedInto: null },
      mergedFrom: { id: 'merged-old', name: 'Marta Castillo' },
      via: 'own',
      autoSelect: true,
    });
    db.close();
  });

  it('returns the survivor once when both records have the number, and demotes and marks the retired one in search', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, merged('555-401-0001', '555-401-0001'));
    expect(matchCaller(db, '555-401-0001').matches.map((m) => [m.patient.id, m.mergedFrom])).toEqual([['survivor', null]]);
    const found = searchPatients(db, 'marta castillo', 10);
    expect(found.map((p) => [p.id, p.active, p.mergedInto])).toEqual([
      ['survivor', true, null],
      ['merged-old', false, { id: 'survivor', name: 'Marta Elena Castillo' }],
    ]);
    db.close();
  });

  it('marks a record retired without a successor, or merged into one this cache does not hold, and never takes it alone', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'inactive',
        active: false,
        name: [{ family: 'Ibarra', given: ['Tomás'] }],
        telecom: [{ system: 'phone', value: '555-402-0001' }],
      },
      {
        resourceType: 'Patient',
        id: 'elsewhere',
        name: [{ family: 'Ibarra', given: ['Tomasa'] }],
        telecom: [{ system: 'phone', value: '555-402-0002' }],
        link: [{ other: { reference: 'Patient/not-cached' }, type: 'replaced-by' }],
      },
    ]);
    expect(matchCaller(db, '555-402-0001').matches.map((m) => [m.patient.id, m.patient.active, m.autoSelect])).toEqual([['inactive', false, false]]);
    expect(matchCaller(db, '555-402-0002').matches.map((m) => [m.patient.id, m.patient.mergedInto, m.autoSelect])).toEqual([
      ['elsewhere', { id: 'not-cached', name: null }, false],
    ]);
    db.close();
  });

  it('marks deceased patients, ranks a living household member first, and never takes a deceased one alone', async () => {
    const { db, dir } = freshCache();
    // Synthea writes deceasedDateTime with an offset; other systems only deceasedBoolean.
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'late-husband',
        name: [{ family: 'Kowalski', given: ['Jan'] }],
        deceasedDateTime: '2023-02-01T08:14:00-05:00',
        telecom: [{ system: 'phone', value: '555-407-0001', use: 'home' }],
      },
      {
        resourceType: 'Patient',
        id: 'widow',
        name: [{ family: 'Kowalski', given: ['Ewa'] }],
        telecom: [{ system: 'phone', value: '555-407-0001', use: 'home' }],
      },
      {
        resourceType: 'Patient',
        id: 'deceased-flag',
        name: [{ family: 'Adeyemi', given: ['Tunde'] }],
        deceasedBoolean: true,
        telecom: [{ system: 'phone', value: '555-407-0002' }],
      },
      { resourceType: 'Patient', id: 'alive-flag', name: [{ family: 'Adeyemi', given: ['Bisi'] }], deceasedBoolean: false },
    ]);
    const household = matchCaller(db, '555-407-0001').matches;
    expect(household.map((m) => [m.patient.id, m.patient.deceased, m.autoSelect])).toEqual([
      ['widow', null, true],
      ['late-husband', '2023-02-01', false],
    ]);
    expect(matchCaller(db, '555-407-0002').matches.map((m) => [m.patient.id, m.patient.deceased, m.autoSelect])).toEqual([['deceased-flag', 'yes', false]]);
    expect(patientSummary(db, 'alive-flag')!.deceased).toBeNull();
    expect(db.prepare("SELECT deceased FROM patients WHERE id = 'late-husband'").pluck().get()).toBe('2023-02-01');
    db.close();
  });

  it('shows the current MRN, not a retired one, and does not find the patient by the retired one', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'mrn-change',
        name: [{ family: 'Dubois', given: ['Claire'] }],
        identifier: [
          { use: 'usual', type: mrnType, system: 'urn:oid:1.2.36.146.595.217.0.1', value: 'OLD-9', period: { start: '2001-05-06', end: '2015-01-01' } },
          { use: 'old', type: mrnType, system: 'urn:oid:1.2.36.146.595.217.0.1', value: 'OLDER-3' },
          { use: 'secondary', type: mrnType, system: 'http://clinic-b.org/mrn', value: 'B-77' },
          { use: 'usual', type: mrnType, system: 'urn:oid:1.2.36.146.595.217.0.1', value: 'NEW-12', period: { start: '2015-01-01' } },
        ],
      },
    ]);
    expect(patientSummary(db, 'mrn-change')!.mrn).toBe('NEW-12');
    expect(searchPatients(db, 'OLD-9', 5)).toEqual([]);
    expect(searchPatients(db, 'OLDER-3', 5)).toEqual([]);
    expect(searchPatients(db, 'B-77', 5).map((p) => p.id)).toEqual(['mrn-change']);
    db.close();
  });

  it('finds an identifier as system|value, and says which system matched when two share a value', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'at-a',
        name: [{ family: 'Moreau' }],
        identifier: [{ type: mrnType, system: 'http://hospital-a.org/mrn', value: '100200' }],
      },
      {
        resourceType: 'Patient',
        id: 'at-b',
        name: [{ family: 'Lefèvre' }],
        identifier: [{ type: mrnType, system: 'http://clinic-b.org/mrn', value: '100200' }],
      },
    ]);
    expect(searchPatients(db, '100200', 5).map((p) => [p.id, p.matchedIdentifier])).toEqual([
      ['at-b', { system: 'http://clinic-b.org/mrn', value: '100200' }],
      ['at-a', { system: 'http://hospital-a.org/mrn', value: '100200' }],
    ]);
    expect(searchPatients(db, 'http://hospital-a.org/mrn|100200', 5).map((p) => p.id)).toEqual(['at-a']);
    expect(searchPatients(db, 'http://nowhere.org/mrn|100200', 5)).toEqual([]);
    db.close();
  });
});

describe('the preferred language', () => {
  const withLanguage = (id: string, communication: object[]) => ({ resourceType: 'Patient', id, name: [{ family: 'Lang', given: [id] }], communication });

  it('reads ISO 639-2 codes, BCP-47 behind a local coding, text only, and the preferred entry first', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      withLanguage('iso-639-2', [{ language: { coding: [{ system: 'urn:iso:std:iso:639-2', code: 'spa' }] } }]),
      withLanguage('text-only', [{ language: { text: 'Spanish' } }]),
      withLanguage('text-es', [{ language: { text: 'español (México)' } }]),
      // A proprietary coding listed before the standard one (Cerner lists its own code set next to urn:ietf:bcp:47).
      withLanguage('local-first', [
        {
          language: {
            coding: [
              { system: 'https://fhir.cerner.com/ec2458f2-1e24-41c8-b71b-0e701af7583d/codeSet/36', code: '10', display: 'Spanish' },
              { system: 'urn:ietf:bcp:47', code: 'es', display: 'Spanish' },
            ],
          },
        },
      ]),
      // Epic and Synthea: urn:ietf:bcp:47 with a region.
      withLanguage('synthea', [
        { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es-MX', display: 'Spanish (Mexico)' }], text: 'Spanish (Mexico)' } },
      ]),
      withLanguage('preferred-second', [
        { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] } },
        { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'vi' }] }, preferred: true },
      ]),
      withLanguage('chinese', [{ language: { coding: [{ system: 'urn:iso:std:iso:639-2', code: 'chi' }] } }]),
      withLanguage('unknown', [{ language: { coding: [{ system: 'http://example.org/local', code: '10' }] } }]),
    ]);
    const language = (id: string) => patientSummary(db, id)!.language;
    expect(language('iso-639-2')).toBe('es');
    expect(language('text-only')).toBe('es');
    expect(language('text-es')).toBe('es');
    expect(language('local-first')).toBe('es');
    expect(language('synthea')).toBe('es');
    expect(language('preferred-second')).toBe('vi');
    expect(language('chinese')).toBe('zh');
    expect(language('unknown')).toBeNull();
    db.close();
  });
});
