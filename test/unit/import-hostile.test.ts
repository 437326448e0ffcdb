// Issue 15, point 1: no input makes the import hang (cancel within a second, on a worker thread: test/integration/import-threads.test.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { clipValues, genericMessage, maxQuoted } from '../../main/services/import/messages';
import { runImport } from '../../main/services/import/run';
import type { ImportSummary } from '../../preload/contract';
import { baseOf, parseConditional, parseLiteral } from '../../main/services/fhir/references';
import { languageFromText, languageSubtag } from '../../main/services/patients/language';
import { foldForSearch } from '../../main/services/patients/normalize';
import { phonesIn } from '../../main/services/patients/phone';
import { instantBounds } from '../../main/services/scripts/patient-age';
import { readPresenceText } from '../../main/services/scripts/presence-text';
import { canonicalUnit, displayUnit } from '../../main/services/scripts/units';
import { readFhirDate } from '../../main/services/timeline/dates';
import { tempDir } from '../support/tmp';

/** Every function that applies a pattern to text an import reads (codes, units, references, phones, dates, names). */
const readers: [string, (s: string) => unknown][] = [
  ['clipValues', clipValues],
  ['genericMessage', (s) => genericMessage(`Observation/x: code system ${s} is not recognised`)],
  ['parseLiteral', parseLiteral],
  ['parseConditional', parseConditional],
  ['baseOf', baseOf],
  ['languageFromText', languageFromText],
  ['languageSubtag', languageSubtag],
  ['foldForSearch', foldForSearch],
  ['phonesIn', (s) => phonesIn(s, 'US', 'US')],
  ['instantBounds', instantBounds],
  ['readFhirDate', (s) => readFhirDate(s, 'America/Chicago')],
  ['canonicalUnit', canonicalUnit],
  ['displayUnit', displayUnit],
  ['readPresenceText', readPresenceText],
];

function bundleWith(system: string, display = 'Glucose', id = 'obs-1') {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Test', given: ['Hostile'] }], birthDate: '1980-01-01' } },
      {
        fullUrl: `urn:uuid:${id}`,
        resource: {
          resourceType: 'Observation',
          id,
          status: 'final',
          subject: { reference: 'urn:uuid:p1' },
          effectiveDateTime: '2026-01-02T10:00:00Z',
          code: { coding: [{ system, code: '2345-7', display }] },
          valueQuantity: { value: 99, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
          interpretation: [{ coding: [{ system, code: system.slice(0, 300000) }] }],
        },
      },
    ],
  };
}

async function timedImport(bundle: object): Promise<{ ms: number; summary: ImportSummary & { reportFile: string } }> {
  const dir = tempDir();
  const file = path.join(dir, 'in.json');
  fs.writeFileSync(file, JSON.stringify(bundle));
  const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });
  const t = performance.now();
  const summary = (await runImport(db, { paths: [file] }, { reportFile: path.join(dir, 'report.txt') })) as ImportSummary & { reportFile: string };
  const ms = performance.now() - t;
  db.close();
  return { ms, summary };
}

describe('hostile strings in imported FHIR', () => {
  it('a 2,000,000-character coding system without a "/" costs under a second more than a normal one', async () => {
    const normal = await timedImport(bundleWith('http://loinc.org'));
    const hostile = await timedImport(bundleWith('a'.repeat(2_000_000)));
    expect(hostile.ms - normal.ms).toBeLessThan(1000);
    // Whatever the report says quotes at most ~200 characters of the value, in the summary too.
    const texts = [...hostile.summary.reasons.map((r) => r.message), ...hostile.summary.firstMessages.map((m) => `${m.message} ${m.resource ?? ''}`)];
    for (const t of texts) expect(t.length).toBeLessThan(1100);
    expect(texts.join(' ')).not.toMatch(/a{250}/);
    expect(fs.readFileSync(hostile.summary.reportFile, 'utf8')).not.toMatch(/a{250}/);
  }, 30_000);

  it('every pattern applied to imported text stays fast on every shape of long text (fuzz)', () => {
    const pieces = ['a', 'Z', '9', '/', '.', '-', ' ', 'http://', 'urn:uuid:', '|', '"', 'é', '~', ':', 'Patient/'];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const shapes: string[] = [
      'a'.repeat(400_000),
      `${'Patient'.repeat(50_000)}/`,
      'http://'.repeat(40_000),
      '1'.repeat(300_000),
      ' '.repeat(300_000),
      '('.repeat(300_000),
      `Patient?identifier=${'|'.repeat(300_000)}`,
      `https://${'x/'.repeat(150_000)}`,
      `${'a/'.repeat(150_000)}`,
      `urn:uuid:${'-'.repeat(300_000)}`,
    ];
    for (let i = 0; i < 20; i++) {
      const len = 50_000 + rand(250_000);
      let s = '';
      while (s.length < len) s += pieces[rand(pieces.length)]!.repeat(1 + rand(2000));
      shapes.push(s);
    }
    for (const s of shapes) {
      for (const [name, read] of readers) {
        const t = performance.now();
        read(s);
        read(`${s} (${s}`);
        const ms = performance.now() - t;
        expect(ms, `${name}: ${s.slice(0, 20)}… (${s.length})`).toBeLessThan(300);
      }
      const clipped = clipValues(s);
      const generic = genericMessage(`Observation/x: code system ${s} is not recognised`);
      expect(clipped.length).toBeLessThanOrEqual(1000 + 60);
      expect(generic.length).toBeLessThanOrEqual(1000 + 60);
      // The cut value ends with "…" and its length: no run of more than 200 of its characters is left.
      expect(clipped).not.toMatch(new RegExp(`[^\\s"'|,;()…]{${maxQuoted + 1}}`));
    }
  });
});
