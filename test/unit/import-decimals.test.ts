// Issue 12, point 7: "numbers shown with the decimals the lab sent". A lab that reports potassium as 4.0 or creatinine as
// 0.80 means that precision; JSON.parse turns both into 4 and 0.8. Files are imported through the real importer (whole,
// line by line and streamed) and the timeline is read back.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { decimalText, parseFhirJson } from '../../main/services/fhir/decimal-json';
import { runImport } from '../../main/services/import/run';
import { queryTimeline } from '../../main/services/timeline/queries';
import { tempDir } from '../support/tmp';

const obs = (id: string, value: string, unit = 'mmol/L', extra = '') =>
  `{"resourceType":"Observation","id":"${id}","status":"final","code":{"text":"Potassium","coding":[{"system":"http://loinc.org","code":"2823-3"}]},` +
  `"subject":{"reference":"Patient/p"},"effectiveDateTime":"2024-03-0${(id.length % 9) + 1}T09:00:00Z",` +
  `"valueQuantity":{"value":${value},"unit":"${unit}"}${extra}}`;
const pat = '{"resourceType":"Patient","id":"p","name":[{"family":"Decimal","given":["Dora"]}],"birthDate":"1970-01-01"}';

async function importText(files: Record<string, string>, streamAboveBytes?: number): Promise<{ db: Database; values: string[] }> {
  const dir = tempDir();
  const db = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) }).db;
  const folder = path.join(dir, 'in');
  fs.mkdirSync(folder);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
  const s = await runImport(db, { paths: [folder] }, { reportFile: path.join(dir, 'r.txt'), ...(streamAboveBytes ? { streamAboveBytes } : {}) });
  expect(s.rejected).toBe(0);
  const values = queryTimeline(db, { patientId: 'p', limit: 50 }).events.map((e) => `${e.value ?? ''} ${e.unit ?? ''}`.trim());
  return { db, values: values.sort() };
}

describe('decimals as the lab sent them', () => {
  const expected = ['0.80 mg/dL', '1000 /µL', '4.0 mmol/L', '4.25 mmol/L', '5 mmol/L', '7.10 mmol/L'];
  const resources = [obs('a', '4.0'), obs('bb', '4.25'), obs('ccc', '0.80', 'mg/dL'), obs('dddd', '5'), obs('eeeee', '1.0e3', '/uL'), obs('ffffff', '7.10')];

  it('in NDJSON, line by line', async () => {
    const { values } = await importText({ 'Patient.ndjson': pat + '\n', 'Observation.ndjson': resources.join('\n') + '\n' });
    expect(values).toEqual(expected);
  });

  it('in a bundle parsed whole, and in one streamed because it is large', async () => {
    const bundle = `{"resourceType":"Bundle","type":"collection","entry":[{"resource":${pat}},${resources.map((r) => `{"resource":${r}}`).join(',')}]}`;
    expect((await importText({ 'b.json': bundle })).values).toEqual(expected);
    expect((await importText({ 'b.json': bundle }, 100)).values).toEqual(expected);
  });

  it('keeps the number a number for everything that compares it, and the text only where it differs', () => {
    const o = parseFhirJson(obs('a', '4.0', 'mmol/L', ',"referenceRange":[{"low":{"value":3.50},"high":{"value":5.1}}]')) as {
      valueQuantity: { value: number };
      referenceRange: { low: Record<string, unknown>; high: Record<string, unknown> }[];
    };
    expect(o.valueQuantity.value).toBe(4);
    expect(decimalText(o.valueQuantity, 'value')).toBe('4.0');
    expect(decimalText(o.referenceRange[0]!.low, 'value')).toBe('3.50');
    expect(o.referenceRange[0]!.high).toEqual({ value: 5.1 });
    // Text that needs nothing kept parses exactly as JSON.parse does.
    const plain = obs('b', '4.25');
    expect(parseFhirJson(plain)).toEqual(JSON.parse(plain));
  });

  it('invalid JSON fails as JSON.parse fails; a string that looks like the internal mark stays a string', () => {
    expect(() => parseFhirJson('{"value": 4.0,')).toThrow(SyntaxError);
    const hostile = parseFhirJson('{"text":"\\u0000decimal:7.0","value":1.0}') as Record<string, unknown>;
    expect(hostile.text).toBe('\u0000decimal:7.0');
    expect(decimalText(hostile, 'value')).toBe('1.0');
  });
});
