import fs from 'node:fs';
import path from 'node:path';

/** Synthetic patients, each with the same long history (no real PHI). */
const givenNames = ['Longview', 'Ashford', 'Brightwater', 'Cedarhill', 'Dunmore', 'Elmsworth', 'Fairhaven', 'Glenrock', 'Hollowell', 'Ivybridge'];
export const longHistoryFamily = 'Benchmark';
export const longHistoryPatient = (n: number) => ({ id: `long-history-${n}`, given: givenNames[n % givenNames.length]!, family: longHistoryFamily });
/** The oldest event of each history: End must reach it. */
export const oldestTitle = 'Childhood asthma';

const loinc = 'http://loinc.org';
const ucum = 'http://unitsofmeasure.org';

// Vitals and labs in UCUM, as EHRs send them: the timeline must show them as people write them (mmHg, °C, /min).
const results = [
  { code: '8867-4', text: 'Heart rate', unit: '/min', low: 58, high: 104, digits: 0 },
  { code: '8310-5', text: 'Body temperature', unit: 'Cel', low: 36.1, high: 38.4, digits: 1 },
  { code: '29463-7', text: 'Body weight', unit: 'kg', low: 68, high: 84, digits: 1 },
  { code: '59408-5', text: 'Oxygen saturation (SpO2)', unit: '%', low: 91, high: 99, digits: 0 },
  { code: '6690-2', text: 'White blood cells', unit: '10*3/uL', low: 3.8, high: 11.9, digits: 1 },
  { code: '2823-3', text: 'Potassium', unit: 'mmol/L', low: 3.3, high: 5.4, digits: 1 },
] as const;

const isoAt = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');

/**
 * Writes `patients` patients (at most 10), each with `events` timeline events (one resource each, newest in November
 * 2026, nine hours apart), as NDJSON files per type into `dir`, as a bulk export would. Deterministic.
 */
export function writeLongHistory(dir: string, events: number, patients = 1): void {
  fs.mkdirSync(dir, { recursive: true });
  const observations: object[] = [];
  const encounters: object[] = [];
  const conditions: object[] = [];
  const people: object[] = [];
  for (let n = 0; n < Math.min(patients, givenNames.length); n++) {
    const p = longHistoryPatient(n);
    people.push({ resourceType: 'Patient', id: p.id, name: [{ family: p.family, given: [p.given] }], gender: 'female', birthDate: `1968-02-1${n}` });
    addHistory(`p${n}-`, { reference: `Patient/${p.id}` }, events, { observations, encounters, conditions });
  }
  const files: Record<string, object[]> = {
    'Patient.ndjson': people,
    'Observation.ndjson': observations,
    'Encounter.ndjson': encounters,
    'Condition.ndjson': conditions,
  };
  for (const [name, resources] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), resources.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

function addHistory(prefix: string, subject: object, events: number, out: { observations: object[]; encounters: object[]; conditions: object[] }) {
  const { observations, encounters, conditions } = out;
  const end = Date.UTC(2026, 10, 20, 15, 0);
  const step = 9 * 3600_000;
  for (let i = 0; i < events - 1; i++) {
    const at = isoAt(end - i * step);
    if (i % 10 === 9) {
      encounters.push({
        resourceType: 'Encounter',
        id: `${prefix}enc-${i}`,
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        type: [{ text: i % 20 === 9 ? 'Primary care follow-up' : 'Nurse visit' }],
        subject,
        period: { start: at, end: at },
      });
      continue;
    }
    if (i % 50 === 23) {
      conditions.push({
        resourceType: 'Condition',
        id: `${prefix}cond-${i}`,
        subject,
        code: { text: `Seasonal allergies (note ${i})` },
        recordedDate: at,
        clinicalStatus: { coding: [{ code: 'active' }] },
      });
      continue;
    }
    if (i % 7 === 3) {
      observations.push({
        resourceType: 'Observation',
        id: `${prefix}obs-${i}`,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
        code: { coding: [{ system: loinc, code: '85354-9', display: 'Blood pressure panel' }], text: 'Blood pressure' },
        subject,
        effectiveDateTime: at,
        component: [
          {
            code: { coding: [{ system: loinc, code: '8480-6', display: 'Systolic blood pressure' }] },
            valueQuantity: { value: 110 + (i % 40), unit: 'mm[Hg]', system: ucum, code: 'mm[Hg]' },
          },
          {
            code: { coding: [{ system: loinc, code: '8462-4', display: 'Diastolic blood pressure' }] },
            valueQuantity: { value: 70 + (i % 20), unit: 'mm[Hg]', system: ucum, code: 'mm[Hg]' },
          },
        ],
      });
      continue;
    }
    const r = results[i % results.length]!;
    const value = Number((r.low + (((i * 37) % 100) / 100) * (r.high - r.low)).toFixed(r.digits));
    observations.push({
      resourceType: 'Observation',
      id: `${prefix}obs-${i}`,
      status: 'final',
      code: { coding: [{ system: loinc, code: r.code }], text: r.text },
      subject,
      effectiveDateTime: at,
      valueQuantity: { value, unit: r.unit, system: ucum, code: r.unit },
    });
  }
  conditions.push({
    resourceType: 'Condition',
    id: `${prefix}oldest`,
    subject,
    code: { text: oldestTitle },
    recordedDate: isoAt(end - events * step),
    clinicalStatus: { coding: [{ code: 'resolved' }] },
  });
}
