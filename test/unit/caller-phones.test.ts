import { afterEach, describe, expect, it, vi } from 'vitest';
import { matchCaller, patientSummary, searchPatients } from '../../main/services/patients/queries';
import { pickTrainingCaller } from '../../main/services/training/queries';
import { freshCache, importResources } from '../support/patient-import';

const ids = (lookup: ReturnType<typeof matchCaller>) => lookup.matches.map((m) => m.patient.id);
const phoneRows = (db: ReturnType<typeof freshCache>['db'], id: string) =>
  db.prepare('SELECT e164, ext, contact FROM patient_phones WHERE patient_id = ? ORDER BY e164, ext, contact').all(id);

afterEach(() => {
  vi.useRealTimers();
});

describe('which of a patient’s numbers identify a caller', () => {
  it('never pops a patient on an old number, one whose period ended, or an expired temporary one', async () => {
    const { db, dir } = freshCache();
    // Telecom as in the R4 spec's Patient/example (hl7.org/fhir/R4/patient-example.json): ranked numbers and an
    // `old` one with a period; plus a home number that ended and a `temp` number from a past stay.
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'pt-phones',
        name: [{ use: 'official', family: 'Okafor', given: ['Grace'] }],
        telecom: [
          { system: 'phone', value: '555-403-0003', use: 'old', period: { end: '2014' } },
          { system: 'phone', value: '555-403-9999', use: 'home', period: { start: '2010-05-01', end: '2019-12-31' } },
          { system: 'phone', value: '(555) 403-2222', use: 'temp', period: { start: '2020-01-05', end: '2020-02-01' } },
          { system: 'phone', value: '555-403-1111', use: 'mobile', rank: 2 },
          { system: 'phone', value: '555.403.4444', use: 'work', rank: 1 },
          { system: 'email', value: 'grace@example.com' },
        ],
      },
    ]);
    for (const stale of ['555-403-0003', '555-403-9999', '555-403-2222']) expect(ids(matchCaller(db, stale)), stale).toEqual([]);
    expect(ids(matchCaller(db, '+1 555 403 1111'))).toEqual(['pt-phones']);
    // The number shown and offered for a call is the best current one: the record's rank first.
    const summary = patientSummary(db, 'pt-phones')!;
    expect(summary.phone).toBe('+15554034444');
    expect(summary.phones.map((p) => [p.number, p.use])).toEqual([
      ['+15554034444', 'work'],
      ['+15554031111', 'mobile'],
    ]);
    // The old number is not even indexed; the ended ones are kept (their period is checked at call time).
    expect(phoneRows(db, 'pt-phones').map((r) => (r as { e164: string }).e164)).not.toContain('+15554030003');
    db.close();
  });

  it('checks a number’s period when the call comes, not when the data was imported', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'pt-temp',
        name: [{ family: 'Lindqvist', given: ['Sara'] }],
        telecom: [{ system: 'phone', value: '555-404-7000', use: 'temp', period: { start: '2024-03-01', end: '2031-06-30' } }],
      },
    ]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-06-30T20:00:00Z'));
    expect(ids(matchCaller(db, '555-404-7000'))).toEqual(['pt-temp']);
    vi.setSystemTime(new Date('2031-07-01T00:00:01Z'));
    expect(ids(matchCaller(db, '555-404-7000'))).toEqual([]);
    expect(patientSummary(db, 'pt-temp')!.phone).toBeNull();
    vi.setSystemTime(new Date('2024-02-29T12:00:00Z'));
    expect(ids(matchCaller(db, '555-404-7000'))).toEqual([]);
    db.close();
  });

  it('keeps an extension, lists the number with it for outbound calls, and never matches a caller on it', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'pt-ext',
        name: [{ family: 'Brandt', given: ['Otto'] }],
        telecom: [
          { system: 'phone', value: '(800) 555-0199 x123', use: 'work' },
          { system: 'phone', value: 'tel:+1-555-405-0100;ext=12', use: 'work' },
        ],
      },
    ]);
    // Anyone calling from the company's switchboard is not this patient.
    expect(matchCaller(db, '+18005550199').matches).toEqual([]);
    expect(matchCaller(db, '+15554050100').matches).toEqual([]);
    expect(patientSummary(db, 'pt-ext')!.phones.map((p) => [p.number, p.ext])).toEqual(
      expect.arrayContaining([
        ['+18005550199', '123'],
        ['+15554050100', '12'],
      ]),
    );
    db.close();
  });

  it('does not index placeholders, and leaves out 555-01xx numbers only where the organisation says so', async () => {
    const placeholders = ['000-000-0000', '999-999-9999', '(123) 456-7890', '000-555-1212', '555-555-5555'];
    const patient = (id: string) => ({
      resourceType: 'Patient',
      id,
      name: [{ family: 'Unknownphone', given: [id] }],
      telecom: [...placeholders.map((value) => ({ system: 'phone', value, use: 'home' })), { system: 'phone', value: '(212) 555-0142', use: 'mobile' }],
    });
    const { db, dir } = freshCache();
    await importResources(db, dir, [patient('keeps-fiction')]);
    expect(phoneRows(db, 'keeps-fiction')).toEqual([{ e164: '+12125550142', ext: '', contact: '' }]);
    await importResources(db, dir, [patient('drops-fiction')], { ignoreFictionalNumbers: true });
    expect(phoneRows(db, 'drops-fiction')).toEqual([]);
    // Two patients "sharing" 000-000-0000 are not a household.
    expect(matchCaller(db, '0000000000').matches).toEqual([]);
    db.close();
  });

  it('reads national numbers with the country of the patient’s address, else the organisation’s', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'pt-mx',
        name: [{ family: 'Hernández', given: ['Lucía'] }],
        address: [{ use: 'home', line: ['Av. Insurgentes Sur 1000'], city: 'Ciudad de México', country: 'México' }],
        telecom: [{ system: 'phone', value: '55 1234 5678', use: 'mobile' }],
      },
      {
        resourceType: 'Patient',
        id: 'pt-mx-legacy',
        name: [{ family: 'Ramos', given: ['Iván'] }],
        address: [{ use: 'home', city: 'Monterrey', country: 'MX' }],
        // The pre-2020 Mexican mobile form, still common in US records.
        telecom: [{ system: 'phone', value: '+52 1 81 8765 4321', use: 'mobile' }],
      },
      {
        resourceType: 'Patient',
        id: 'pt-gb',
        name: [{ family: 'Hughes', given: ['Nia'] }],
        address: [{ country: 'United Kingdom' }],
        telecom: [{ system: 'phone', value: '020 7946 0958', use: 'home' }],
      },
    ]);
    expect(ids(matchCaller(db, '+52 55 1234 5678'))).toEqual(['pt-mx']);
    // The New Jersey number the same digits make in the US is someone else.
    expect(matchCaller(db, '+1 551 234 5678').matches).toEqual([]);
    expect(ids(matchCaller(db, '+528187654321'))).toEqual(['pt-mx-legacy']);
    expect(ids(matchCaller(db, '+52 1 81 8765 4321'))).toEqual(['pt-mx-legacy']);
    expect(ids(matchCaller(db, '+44 20 7946 0958'))).toEqual(['pt-gb']);

    // No country on the address: the organisation's default (a clinic in Mexico).
    await importResources(
      db,
      dir,
      [{ resourceType: 'Patient', id: 'pt-org-mx', name: [{ family: 'Soto' }], telecom: [{ system: 'phone', value: '33 3615 0000' }] }],
      { country: 'MX' },
    );
    expect(ids(matchCaller(db, '+523336150000'))).toEqual(['pt-org-mx']);
    // A number typed, or a caller ID sent, without its country code is read with the organisation's country.
    expect(ids(matchCaller(db, '33 3615 0000', 'MX'))).toEqual(['pt-org-mx']);
    expect(matchCaller(db, '33 3615 0000').matches).toEqual([]);
    expect(searchPatients(db, '020 7946 0958', 5, 'GB').map((p) => p.id)).toEqual(['pt-gb']);
    expect(searchPatients(db, '020 7946 0958', 5)).toEqual([]);
    db.close();
  });

  it('splits two numbers in one value, and accepts a telecom without a system when it is a number', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'pt-two',
        name: [{ family: 'Nakamura', given: ['Ken'] }],
        telecom: [{ system: 'phone', value: '555 259 9533 / 555 259 9534', use: 'home' }, { value: '(555) 259-9535', use: 'mobile' }, { value: 'see chart' }],
      },
    ]);
    for (const n of ['5552599533', '5552599534', '5552599535']) expect(ids(matchCaller(db, n)), n).toEqual(['pt-two']);
    db.close();
  });

  it('pops a child on a parent’s number from Patient.contact, labelled, ranked after the parent, never taken alone', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'child',
        name: [{ use: 'official', family: 'Ruiz', given: ['Ana'] }],
        birthDate: '2016-04-02',
        // Patient.contact as the R4 spec's example writes it (relationship from v2-0131), with a text the EHR adds.
        contact: [
          {
            relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }], text: 'Mother' }],
            name: { family: 'Ruiz', given: ['Luz'] },
            telecom: [{ system: 'phone', value: '(555) 310-2020', use: 'mobile' }],
          },
          {
            relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C' }] }],
            telecom: [{ system: 'phone', value: '555-310-3030' }],
          },
          { relationship: [{ text: 'Father' }], telecom: [{ system: 'phone', value: '555-310-4040' }], period: { start: '2016-04-02', end: '2020-01-01' } },
          { telecom: [{ system: 'phone', value: '555-310-5050' }] },
        ],
      },
      {
        resourceType: 'Patient',
        id: 'mother',
        name: [{ family: 'Ruiz', given: ['Luz'] }],
        telecom: [{ system: 'phone', value: '555-310-2020', use: 'mobile' }],
      },
    ]);
    const lookup = matchCaller(db, '555-310-2020');
    expect(lookup.matches.map((m) => [m.patient.id, m.via, m.viaLabel, m.autoSelect])).toEqual([
      ['mother', 'own', null, true],
      ['child', 'contact', 'Mother', false],
    ]);
    // A relationship coded without a display: named from its code (v2-0131 C).
    expect(matchCaller(db, '555-310-3030').matches.map((m) => [m.patient.id, m.via, m.viaLabel, m.autoSelect])).toEqual([
      ['child', 'contact', 'Emergency contact', false],
    ]);
    // A contact the record does not name: the screen says "a contact of".
    expect(matchCaller(db, '555-310-5050').matches.map((m) => [m.via, m.viaLabel])).toEqual([['contact', null]]);
    // A contact whose period ended is no longer one.
    expect(matchCaller(db, '555-310-4040').matches).toEqual([]);
    // The child's own summary lists the contact's number for a call back, after the child's own (none here).
    expect(patientSummary(db, 'child')!.phones.map((p) => [p.number, p.via, p.viaLabel])).toEqual([
      ['+15553102020', 'contact', 'Mother'],
      ['+15553103030', 'contact', 'Emergency contact'],
      ['+15553105050', 'contact', null],
    ]);
    expect(patientSummary(db, 'child')!.phone).toBeNull();
    // An agent typing the number finds both.
    expect(
      searchPatients(db, '555-310-2020', 10)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['child', 'mother']);
    db.close();
  });

  it('trains on a number that pops its patient: own, current, without an extension', async () => {
    const { db, dir } = freshCache();
    await importResources(db, dir, [
      {
        resourceType: 'Patient',
        id: 'trainee-caller',
        name: [{ family: 'Pérez', given: ['Rosa'] }],
        telecom: [
          { system: 'phone', value: '555-406-0001', use: 'home', period: { end: '2018-01-01' } },
          { system: 'phone', value: '555-406-0002 x9', use: 'work', rank: 1 },
          { system: 'phone', value: '555-406-0003', use: 'home' },
          { system: 'phone', value: '555-406-0004', use: 'mobile' },
        ],
        contact: [{ relationship: [{ text: 'Son' }], telecom: [{ system: 'phone', value: '555-406-0005', rank: 1 }] }],
      },
      {
        resourceType: 'Patient',
        id: 'gone',
        name: [{ family: 'Past' }],
        deceasedDateTime: '2022-01-01',
        telecom: [{ system: 'phone', value: '555-406-0009' }],
      },
    ]);
    for (const pick of [0, 0.5, 0.99]) expect(pickTrainingCaller(db, { pick, kind: null })).toEqual({ e164: '+15554060004', language: null });
    db.close();
  });
});
