import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { runImport, type ImportSummary, type Organisation } from '../../main/services/import/run';
import { queryTimeline, type TimelineFilter } from '../../main/services/timeline/queries';
import type { TimelineEvent } from '../../preload/contract';
import { scriptFor } from '../support/script-cache';
import { tempDir } from '../support/tmp';

/*
 * Issue 12, points 3 and 7 (review H1, M4, M5, M7, M8, M9, L6), through the real importer. Inputs are written as bulk
 * exports write them: one NDJSON file per type (FHIR Bulk Data Access IG), no Bundle, no fullUrl; shapes follow the
 * FHIR R4 examples and what HAPI, Epic and Cerner send, as noted case by case. All patients are synthetic.
 */

const pacific: Organisation = { country: 'US', timeZone: 'America/Los_Angeles' };
const v3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const loinc = 'http://loinc.org';
const subject = { reference: 'Patient/tl-1' };
const patient = {
  resourceType: 'Patient',
  id: 'tl-1',
  meta: { versionId: '1', lastUpdated: '2024-01-02T10:00:00.000+00:00' },
  name: [{ use: 'official', family: 'Timeline', given: ['Tessa'] }],
  gender: 'male',
  birthDate: '1970-06-15',
};

const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function importFiles(files: Record<string, object[]>, organisation: Organisation = pacific): Promise<{ db: Database; s: ImportSummary; report: string }> {
  const dir = tempDir();
  const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });
  opened.push(db);
  const input = path.join(dir, 'export');
  fs.mkdirSync(input);
  for (const [name, resources] of Object.entries(files)) fs.writeFileSync(path.join(input, name), resources.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const s = await runImport(db, { paths: [input] }, { reportFile: path.join(dir, 'report.txt'), organisation });
  return { db, s, report: fs.readFileSync(s.reportFile, 'utf8') };
}

const timeline = (db: Database, filter: Partial<TimelineFilter> = {}) => queryTimeline(db, { patientId: 'tl-1', limit: 500, ...filter });
const bySource = (events: TimelineEvent[], id: string) => events.find((e) => e.source.id === id);
const observation = (id: string, extra: object) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject,
  effectiveDateTime: '2024-03-01T08:15:00-08:00',
  ...extra,
});

describe('status: entered-in-error never reaches the timeline; other states are shown as such (point 3, H1, L6)', () => {
  // The review's s3/mixed.json, written as an export would carry each type.
  const files = {
    'Patient.ndjson': [patient],
    'Observation.ndjson': [
      // HAPI keeps the correction as a new version with status entered-in-error; the value and LL flag stay in it.
      observation('k-error', {
        status: 'entered-in-error',
        code: { coding: [{ system: loinc, code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma' }] },
        valueQuantity: { value: 2.1, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
        interpretation: [{ coding: [{ system: v3, code: 'LL', display: 'Critical low' }] }],
      }),
      observation('k-cancelled', {
        status: 'cancelled',
        code: { coding: [{ system: loinc, code: '2823-3', display: 'Potassium' }] },
        valueQuantity: { value: 7.9, unit: 'mmol/L' },
        interpretation: [{ coding: [{ system: v3, code: 'HH' }] }],
      }),
      observation('k-preliminary', {
        status: 'preliminary',
        code: { text: 'Sodium' },
        valueQuantity: { value: 128, unit: 'mmol/L' },
        interpretation: [{ coding: [{ system: v3, code: 'L' }] }],
      }),
      observation('k-amended', { status: 'amended', code: { text: 'Chloride' }, valueQuantity: { value: 101, unit: 'mmol/L' } }),
      observation('k-corrected', { status: 'corrected', code: { text: 'Bicarbonate' }, valueQuantity: { value: 24, unit: 'mmol/L' } }),
      // R4 v3 HU: "significantly high", not critical.
      observation('k-hu', { code: { text: 'ALT' }, valueQuantity: { value: 400, unit: 'U/L' }, interpretation: [{ coding: [{ system: v3, code: 'HU' }] }] }),
    ],
    'Condition.ndjson': [
      // R4 con-5: no clinicalStatus when verificationStatus is entered-in-error.
      {
        resourceType: 'Condition',
        id: 'c-hiv',
        subject,
        code: { text: 'HIV infection' },
        recordedDate: '2023-05-01',
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] },
      },
      {
        resourceType: 'Condition',
        id: 'c-dm',
        subject,
        code: { text: 'Type 2 diabetes' },
        recordedDate: '2023-05-02',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'inactive' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }] },
      },
      {
        resourceType: 'Condition',
        id: 'c-old',
        subject,
        code: { text: 'Sprained ankle' },
        recordedDate: '2023-05-03',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] },
      },
    ],
    'AllergyIntolerance.ndjson': [
      {
        resourceType: 'AllergyIntolerance',
        id: 'a-latex',
        patient: subject,
        code: { text: 'Latex' },
        recordedDate: '2023-06-01',
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'entered-in-error' }] },
      },
      {
        resourceType: 'AllergyIntolerance',
        id: 'a-pcn',
        patient: subject,
        code: { text: 'Penicillin' },
        recordedDate: '2023-06-02',
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'refuted' }] },
      },
    ],
    'MedicationRequest.ndjson': [
      {
        resourceType: 'MedicationRequest',
        id: 'm-warfarin',
        status: 'entered-in-error',
        intent: 'order',
        subject,
        authoredOn: '2023-07-01',
        medicationCodeableConcept: { text: 'Warfarin 5 mg' },
      },
    ],
    'Encounter.ndjson': [
      { resourceType: 'Encounter', id: 'e-error', status: 'entered-in-error', class: { code: 'AMB' }, subject, period: { start: '2023-07-02T09:00:00-07:00' } },
    ],
    'DiagnosticReport.ndjson': [
      {
        resourceType: 'DiagnosticReport',
        id: 'r-error',
        status: 'entered-in-error',
        subject,
        code: { text: 'Basic metabolic panel' },
        effectiveDateTime: '2023-07-03',
      },
    ],
    'Claim.ndjson': [
      {
        resourceType: 'Claim',
        id: 'cl-error',
        status: 'entered-in-error',
        use: 'claim',
        patient: subject,
        created: '2023-07-04',
        total: { value: 120, currency: 'USD' },
      },
    ],
  };

  it('keeps entered-in-error resources in the cache for audit, but off the timeline, its count and its flags', async () => {
    const { db, report } = await importFiles(files);
    const all = timeline(db);
    const shown = all.events.map((e) => e.source.id).sort();
    expect(shown).toEqual(['a-pcn', 'c-dm', 'c-old', 'k-amended', 'k-cancelled', 'k-corrected', 'k-hu', 'k-preliminary'].sort());
    expect(all.total).toBe(8);
    expect(all.events.filter((e) => e.flag === 'critical')).toEqual([]);
    // Still cached, for audit.
    const cached = db
      .prepare("SELECT count(*) FROM resources WHERE id IN ('k-error','c-hiv','a-latex','m-warfarin','e-error','r-error','cl-error')")
      .pluck()
      .get();
    expect(cached).toBe(7);
    expect(report).toMatch(/Observation\/k-error: was entered in error: kept in the cache for audit, never shown on the timeline/);
    expect(report).not.toMatch(/has no usable date/);
  });

  it('shows cancelled, refuted, preliminary, amended, corrected, inactive and resolved as statuses; a cancelled result shows no value or flag', async () => {
    const { db } = await importFiles(files);
    const events = timeline(db).events;
    expect(bySource(events, 'k-cancelled')).toMatchObject({ status: 'cancelled', value: null, flag: null, interpretation: null });
    expect(bySource(events, 'k-preliminary')).toMatchObject({ status: 'preliminary', value: '128', flag: 'abnormal' });
    expect(bySource(events, 'k-amended')?.status).toBe('amended');
    expect(bySource(events, 'k-corrected')?.status).toBe('corrected');
    expect(bySource(events, 'c-dm')?.status).toBe('refuted');
    expect(bySource(events, 'a-pcn')?.status).toBe('refuted');
    expect(bySource(events, 'c-old')?.status).toBe('resolved');
    expect(bySource(events, 'k-hu')).toMatchObject({ flag: 'abnormal', interpretation: 'HU' });
  });
});

describe('dates as written (point 7, M4, M5)', () => {
  const files = {
    'Patient.ndjson': [patient],
    'Encounter.ndjson': [
      // An ED visit late on March 10 in a Pacific hospital (offset as HAPI and Epic write it).
      {
        resourceType: 'Encounter',
        id: 'ed',
        status: 'finished',
        class: { code: 'EMER', display: 'emergency' },
        subject,
        period: { start: '2024-03-10T22:30:00-07:00', end: '2024-03-11T02:10:00-07:00' },
      },
      // R4 requires an offset; some exports leave it out. Read in the organisation's zone, not the machine's.
      { resourceType: 'Encounter', id: 'no-offset', status: 'finished', class: { code: 'AMB' }, subject, period: { start: '2024-03-12T22:30:00' } },
      // Epic and Cerner send UTC ("Z"): the day and clock are the organisation's, here March 10 at 9:45 PM in Los Angeles.
      { resourceType: 'Encounter', id: 'utc', status: 'finished', class: { code: 'AMB' }, subject, period: { start: '2024-03-11T04:45:00Z' } },
    ],
    'Condition.ndjson': [
      {
        resourceType: 'Condition',
        id: 'dx-same-day',
        subject,
        code: { text: 'Chest pain' },
        onsetDateTime: '2024-03-10',
        clinicalStatus: { coding: [{ code: 'active' }] },
      },
      { resourceType: 'Condition', id: 'dx-year', subject, code: { text: 'Asthma' }, onsetDateTime: '2019', clinicalStatus: { coding: [{ code: 'active' }] } },
      {
        resourceType: 'Condition',
        id: 'dx-month',
        subject,
        code: { text: 'Migraine' },
        onsetDateTime: '2020-05',
        clinicalStatus: { coding: [{ code: 'active' }] },
      },
    ],
    'Observation.ndjson': [
      observation('bad-date', { code: { text: 'Glucose' }, effectiveDateTime: '2020-02-30', valueQuantity: { value: 99, unit: 'mg/dL' } }),
    ],
    'Appointment.ndjson': [
      {
        resourceType: 'Appointment',
        id: 'appt',
        status: 'booked',
        serviceType: [{ text: 'Cardiology follow-up' }],
        start: '2024-07-01T09:00:00-07:00',
        end: '2024-07-01T09:30:00-07:00',
        participant: [{ actor: subject, status: 'accepted' }],
      },
      // A request with no time yet (R4 allows start to be absent while proposed).
      {
        resourceType: 'Appointment',
        id: 'request',
        status: 'proposed',
        serviceType: [{ text: 'Dermatology' }],
        created: '2024-06-20',
        participant: [{ actor: subject, status: 'needs-action' }],
      },
    ],
  };

  it('keeps the calendar day, precision and offset as written, and reads offset-less times in the organisation zone', async () => {
    const { db } = await importFiles(files);
    const events = timeline(db).events;
    expect(bySource(events, 'ed')).toMatchObject({ localDate: '2024-03-10', precision: 'time', tz: '-07:00', at: '2024-03-11T05:30:00.000Z' });
    expect(bySource(events, 'dx-same-day')).toMatchObject({ localDate: '2024-03-10', precision: 'day', tz: null });
    expect(bySource(events, 'dx-year')).toMatchObject({ localDate: '2019-01-01', precision: 'year' });
    expect(bySource(events, 'dx-month')).toMatchObject({ localDate: '2020-05-01', precision: 'month' });
    expect(bySource(events, 'no-offset')).toMatchObject({ localDate: '2024-03-12', precision: 'time', tz: '-07:00', at: '2024-03-13T05:30:00.000Z' });
    expect(bySource(events, 'utc')).toMatchObject({ localDate: '2024-03-10', precision: 'time', tz: '-07:00' });
    expect(bySource(events, 'appt')).toMatchObject({ localDate: '2024-07-01', precision: 'time', tz: '-07:00', status: 'booked' });
    expect(bySource(events, 'request')).toMatchObject({ localDate: '2024-06-20', precision: 'day', status: 'requested' });
  });

  it('gives the same timeline whatever the importing machine’s zone, and follows the organisation’s', async () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Tokyo';
      const tokyo = timeline((await importFiles(files)).db).events;
      process.env.TZ = 'America/New_York';
      const newYork = timeline((await importFiles(files)).db).events;
      const dates = (es: TimelineEvent[]) => es.map((e) => [e.source.id, e.at, e.localDate, e.tz]);
      expect(dates(tokyo)).toEqual(dates(newYork));
      const eastern = timeline((await importFiles(files, { country: 'US', timeZone: 'America/New_York' })).db).events;
      expect(bySource(eastern, 'no-offset')).toMatchObject({ at: '2024-03-13T02:30:00.000Z', tz: '-04:00', localDate: '2024-03-12' });
    } finally {
      process.env.TZ = saved;
    }
  });

  it('rejects an impossible date with a note instead of rolling it over, and keeps the result under Undated', async () => {
    const { db, report } = await importFiles(files);
    const events = timeline(db).events;
    expect(bySource(events, 'bad-date')).toMatchObject({ precision: 'undated', localDate: null, value: '99' });
    expect(events[events.length - 1]?.source.id).toBe('bad-date');
    expect(report).toMatch(/Observation\/bad-date: effectiveDateTime is not a valid date; it was not used/);
    expect(report).not.toMatch(/2020-02-30/);
  });

  it('filters by the day as written: the late ED visit and its date-only diagnosis are both on March 10', async () => {
    const { db } = await importFiles(files);
    const saved = process.env.TZ;
    try {
      // Wherever the agent is.
      for (const tz of ['America/New_York', 'America/Los_Angeles', 'Pacific/Auckland']) {
        process.env.TZ = tz;
        const day = timeline(db, { from: '2024-03-10', to: '2024-03-10' });
        expect(day.events.map((e) => e.source.id).sort()).toEqual(['dx-same-day', 'ed', 'utc']);
        expect(day.total).toBe(3);
      }
      // Partial dates are filtered by their first day; undated events match no date range.
      expect(timeline(db, { from: '2019-01-01', to: '2019-12-31' }).events.map((e) => e.source.id)).toEqual(['dx-year']);
      expect(timeline(db, { from: '2000-01-01' }).events.map((e) => e.source.id)).not.toContain('bad-date');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('filters events cached before local_date was kept (and the desk’s contacts) by the agent’s own day', async () => {
    const { db } = await importFiles({ 'Patient.ndjson': [patient] });
    // As migration 5 leaves a row imported before it: no local_date, no precision. 03:00Z on the 11th is the 10th in New York.
    db.prepare(
      "INSERT INTO events (patient_id, at, kind, title, source_type, source_id, search) VALUES ('tl-1', '2024-03-11T03:00:00.000Z', 'result', 'Old row', 'Observation', 'old', 'old row')",
    ).run();
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(timeline(db, { from: '2024-03-10', to: '2024-03-10' }).events.map((e) => e.source.id)).toEqual(['old']);
      expect(timeline(db, { from: '2024-03-11', to: '2024-03-11' }).events).toEqual([]);
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('values and flags (point 7, M7)', () => {
  const bp = (id: string, extra: object) =>
    observation(id, {
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      // LOINC codes only, no display or text, as some device gateways send them.
      code: { coding: [{ system: loinc, code: '85354-9' }] },
      ...extra,
    });
  const component = (code: string, value: number, interpretation?: string) => ({
    code: { coding: [{ system: loinc, code }] },
    valueQuantity: { value, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
    ...(interpretation ? { interpretation: [{ coding: [{ system: v3, code: interpretation }] }] } : {}),
  });
  const files = {
    'Patient.ndjson': [patient],
    'Observation.ndjson': [
      // Flags on the components only, as in the FHIR R4 example observation-example-bloodpressure.
      bp('bp', { component: [component('8480-6', 190, 'H'), component('8462-4', 125, 'HH')] }),
      observation('range', { code: { text: 'Platelet clumps' }, valueRange: { low: { value: 1, unit: 'x' }, high: { value: 3, unit: 'x' } } }),
      // The R4 Ratio type exists for titers.
      observation('titer', { code: { text: 'ANA titer' }, valueRatio: { numerator: { value: 1 }, denominator: { value: 320 } } }),
      observation('when', { code: { text: 'Last menstrual period' }, valueDateTime: '2024-02-14' }),
      observation('period', { code: { text: 'Exposure' }, valuePeriod: { start: '2024-01-05', end: '2024-01-09' } }),
      observation('time', { code: { text: 'Time of last dose' }, valueTime: '14:30:00' }),
      observation('text', { code: { text: 'Comment' }, valueString: 'Hemolyzed sample' }),
      observation('bool', { code: { text: 'Fasting' }, valueBoolean: true }),
      // data-absent-reason code system, as Epic sends for a result that could not be produced.
      observation('absent', {
        code: { text: 'Troponin I' },
        dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' }] },
      }),
      observation('tiny', { code: { text: 'Estradiol' }, valueQuantity: { value: 0.0000005, unit: 'mol/L' } }),
      // SNOMED CT interpretation only (as some European and VA feeds send), and text-only ones.
      observation('snomed-high', {
        code: { text: 'Ferritin' },
        valueQuantity: { value: 900, unit: 'ng/mL' },
        interpretation: [{ coding: [{ system: 'http://snomed.info/sct', code: '281302008', display: 'Above reference range' }] }],
      }),
      observation('snomed-normal', {
        code: { text: 'Iron' },
        valueQuantity: { value: 90, unit: 'ug/dL' },
        interpretation: [{ coding: [{ system: 'http://snomed.info/sct', code: '17621005', display: 'Normal' }] }],
      }),
      observation('text-high', { code: { text: 'LDL' }, valueQuantity: { value: 190, unit: 'mg/dL' }, interpretation: [{ text: 'High' }] }),
      observation('text-panic', { code: { text: 'Glucose' }, valueQuantity: { value: 30, unit: 'mg/dL' }, interpretation: [{ text: 'Panic value' }] }),
      // Two ranges, for children and for adult men (appliesTo text, as the FHIR R4 referenceRange examples write it).
      observation('hgb', {
        code: { coding: [{ system: loinc, code: '718-7', display: 'Hemoglobin' }] },
        valueQuantity: { value: 15, unit: 'g/dL' },
        referenceRange: [
          { low: { value: 8, unit: 'g/dL' }, high: { value: 12, unit: 'g/dL' }, appliesTo: [{ text: 'Child' }] },
          { low: { value: 13.5, unit: 'g/dL' }, high: { value: 17.5, unit: 'g/dL' }, appliesTo: [{ text: 'Adult male' }], text: '13.5-17.5 g/dL (adult male)' },
        ],
      }),
      observation('hgb-unknown-patient', {
        subject: { reference: 'Patient/not-here' },
        code: { coding: [{ system: loinc, code: '718-7', display: 'Hemoglobin' }] },
        valueQuantity: { value: 15, unit: 'g/dL' },
        referenceRange: [
          { low: { value: 8 }, high: { value: 12 }, appliesTo: [{ text: 'Child' }] },
          { low: { value: 13.5 }, high: { value: 17.5 }, appliesTo: [{ text: 'Adult male' }] },
        ],
      }),
    ],
  };

  it('shows Range, Ratio, dates, Period, Time, string, boolean and a missing value, and numbers without exponents', async () => {
    const { db } = await importFiles(files);
    const value = (id: string) => {
      const e = bySource(timeline(db).events, id)!;
      return [e.value, e.unit];
    };
    expect(value('range')).toEqual(['1–3 x', null]);
    expect(value('titer')).toEqual(['1:320', null]);
    expect(value('when')).toEqual(['Feb 14, 2024', null]);
    expect(value('period')).toEqual(['Jan 5, 2024 – Jan 9, 2024', null]);
    expect(value('time')).toEqual(['14:30', null]);
    expect(value('text')).toEqual(['Hemolyzed sample', null]);
    expect(value('bool')).toEqual(['Yes', null]);
    expect(value('absent')).toEqual(['Not available: Error', null]);
    expect(value('tiny')).toEqual(['0.0000005', 'mol/L']);
  });

  it('names a blood pressure sent with LOINC codes only and flags it from its components', async () => {
    const { db } = await importFiles(files);
    expect(bySource(timeline(db).events, 'bp')).toMatchObject({
      title: 'Blood pressure',
      value: '190/125',
      unit: 'mmHg',
      flag: 'critical',
      interpretation: 'HH',
    });
  });

  it('reads SNOMED and text interpretations', async () => {
    const { db } = await importFiles(files);
    const flag = (id: string) => bySource(timeline(db).events, id)?.flag;
    expect(flag('snomed-high')).toBe('abnormal');
    expect(flag('snomed-normal')).toBe('normal');
    expect(flag('text-high')).toBe('abnormal');
    expect(flag('text-panic')).toBe('critical');
  });

  it('chooses the reference range for the patient’s age and sex, and derives no flag when it cannot tell', async () => {
    const { db } = await importFiles(files);
    // A 53-year-old man: the adult male range applies, 15 g/dL is within it.
    expect(bySource(timeline(db).events, 'hgb')).toMatchObject({ flag: 'normal', detail: '13.5-17.5 g/dL (adult male)' });
    // A patient the cache does not know: two ranges could apply and they differ, so no flag.
    expect(bySource(timeline(db, { patientId: 'not-here' }).events, 'hgb-unknown-patient')?.flag).toBeNull();
  });
});

describe('contained resources (point 7, M8)', () => {
  // As the FHIR R4 examples medicationrequest0302 (contained Medication "#med0311") and diagnosticreport-example-ghp
  // (results as contained Observations) carry them.
  const files = {
    'Patient.ndjson': [patient],
    'MedicationRequest.ndjson': [
      {
        resourceType: 'MedicationRequest',
        id: 'rx-contained',
        contained: [
          {
            resourceType: 'Medication',
            id: 'med1',
            code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '314076', display: 'lisinopril 10 MG Oral Tablet' }] },
          },
        ],
        status: 'active',
        intent: 'order',
        medicationReference: { reference: '#med1' },
        subject,
        authoredOn: '2024-02-01',
      },
    ],
    'DiagnosticReport.ndjson': [
      {
        resourceType: 'DiagnosticReport',
        id: 'bmp',
        contained: [
          {
            resourceType: 'Observation',
            id: 'c1',
            status: 'final',
            code: { coding: [{ system: loinc, code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma' }], text: 'Glucose' },
            valueQuantity: { value: 412, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
            interpretation: [{ coding: [{ system: v3, code: 'HH', display: 'Critical high' }] }],
            referenceRange: [{ low: { value: 70, unit: 'mg/dL' }, high: { value: 99, unit: 'mg/dL' } }],
          },
        ],
        status: 'final',
        code: { coding: [{ system: loinc, code: '51990-0', display: 'Basic metabolic panel - Blood' }], text: 'Basic metabolic panel' },
        subject,
        effectiveDateTime: '2024-03-01T07:40:00-08:00',
        issued: '2024-03-01T09:02:00-08:00',
        result: [{ reference: '#c1' }],
      },
    ],
    'Observation.ndjson': [
      // A feed that sends the patient inside the result (subject "#p") instead of referring to one.
      {
        resourceType: 'Observation',
        id: 'contained-patient',
        contained: [{ resourceType: 'Patient', id: 'p', name: [{ family: 'Timeline', given: ['Tessa'] }], birthDate: '1970-06-15' }],
        status: 'final',
        code: { text: 'Glucose' },
        subject: { reference: '#p' },
        effectiveDateTime: '2024-03-02',
        valueQuantity: { value: 100, unit: 'mg/dL' },
      },
    ],
  };

  it('titles a medication from its contained Medication, and shows a report’s contained results with their flag', async () => {
    const { db } = await importFiles(files);
    const events = timeline(db).events;
    expect(bySource(events, 'rx-contained')?.title).toBe('lisinopril 10 MG Oral Tablet');
    expect(bySource(events, 'bmp')).toMatchObject({ title: 'Basic metabolic panel', value: 'Glucose 412 mg/dL', flag: 'critical', detail: '1 result' });
  });

  it('hands a report’s contained results to the script, so a contained critical glucose is never explained', async () => {
    const { db } = await importFiles(files);
    const script = scriptFor(db, 'tl-1', { type: 'DiagnosticReport', id: 'bmp' });
    expect(script.safety).toBe('critical');
  });

  it('does not attach a result whose subject is a contained Patient to anyone, even a cached patient of the same name', async () => {
    const { db } = await importFiles(files);
    expect(db.prepare("SELECT patient_id FROM resources WHERE id = 'contained-patient'").pluck().get()).toBeNull();
    expect(db.prepare("SELECT count(*) FROM events WHERE source_id = 'contained-patient'").pluck().get()).toBe(0);
  });
});

describe('other dates: ages, text, abatement (point 7, M9)', () => {
  const files = {
    'Patient.ndjson': [patient],
    'Condition.ndjson': [
      // Onset as an age (UCUM "a"), no recordedDate: approximate from the birth date 1970-06-15.
      {
        resourceType: 'Condition',
        id: 'onset-age',
        subject,
        code: { text: 'Hypertension' },
        onsetAge: { value: 45, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' },
        clinicalStatus: { coding: [{ code: 'active' }] },
      },
      { resourceType: 'Condition', id: 'onset-text', subject, code: { text: 'Eczema' }, onsetString: 'childhood' },
      // Resolved, said only by abatement (no clinicalStatus).
      { resourceType: 'Condition', id: 'abated', subject, code: { text: 'Pneumonia' }, onsetDateTime: '2021-02-10', abatementDateTime: '2021-03' },
    ],
    'Immunization.ndjson': [
      {
        resourceType: 'Immunization',
        id: 'imm-text',
        status: 'completed',
        patient: subject,
        vaccineCode: { text: 'Tetanus' },
        occurrenceString: 'as a teenager',
      },
    ],
    'Procedure.ndjson': [
      { resourceType: 'Procedure', id: 'proc-text', status: 'completed', subject, code: { text: 'Tonsillectomy' }, performedString: 'age 6' },
    ],
    'Observation.ndjson': [observation('dated', { code: { text: 'Weight' }, valueQuantity: { value: 80, unit: 'kg' } })],
  };

  it('dates an onset age approximately from the birth date, keeps text dates under Undated at the end, and shows abatement', async () => {
    const { db, report } = await importFiles(files);
    const events = timeline(db).events;
    expect(bySource(events, 'onset-age')).toMatchObject({ precision: 'approximate', localDate: '2015-06-15', detail: 'Onset at age 45' });
    expect(bySource(events, 'onset-text')).toMatchObject({ precision: 'undated', detail: 'Onset: childhood' });
    expect(bySource(events, 'imm-text')).toMatchObject({ precision: 'undated', detail: 'Given: as a teenager' });
    expect(bySource(events, 'proc-text')).toMatchObject({ precision: 'undated', detail: 'Performed: age 6' });
    expect(bySource(events, 'abated')).toMatchObject({ status: 'resolved', detail: 'Resolved Mar 2021', precision: 'day' });
    // Newest first, the undated ones last.
    expect(events.slice(-3).map((e) => e.precision)).toEqual(['undated', 'undated', 'undated']);
    expect(events[0]?.source.id).toBe('dated');
    expect(report).not.toMatch(/no usable date/);
  });
});
