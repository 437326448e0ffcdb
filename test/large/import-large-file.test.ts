import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { runImport } from '../../main/services/import/run';
import { streamThresholdBytes } from '../../main/services/import/sources';
import { tempDir } from '../support/tmp';

/** Writes a bundle of `targetBytes` without ever holding it in memory. */
function writeLargeBundle(file: string, targetBytes: number): number {
  const fd = fs.openSync(file, 'w');
  const note = 'Synthetic note. '.repeat(300);
  let bytes = 0;
  let n = 0;
  const write = (s: string) => {
    fs.writeSync(fd, s);
    bytes += Buffer.byteLength(s);
  };
  write('{"resourceType":"Bundle","type":"collection","entry":[');
  write(
    JSON.stringify({ fullUrl: 'urn:uuid:big-patient', resource: { resourceType: 'Patient', id: 'big-patient', name: [{ family: 'Large', given: ['File'] }] } }),
  );
  while (bytes < targetBytes) {
    const entry = {
      fullUrl: `urn:uuid:obs-${n}`,
      resource: {
        resourceType: 'Observation',
        id: `obs-${n}`,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }] },
        subject: { reference: 'urn:uuid:big-patient' },
        effectiveDateTime: new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString(),
        valueQuantity: { value: 4 + (n % 10) / 10, unit: 'mmol/L' },
        note: [{ text: note }],
      },
    };
    write(`,${JSON.stringify(entry)}`);
    n++;
  }
  write(']}');
  fs.closeSync(fd);
  return n + 1;
}

describe('a 200 MB bundle', () => {
  it('is streamed with bounded memory, and every resource in it is imported', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'huge.json');
    const entries = writeLargeBundle(file, 200 * 1024 * 1024);
    expect(fs.statSync(file).size).toBeGreaterThan(streamThresholdBytes);
    const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });
    // What the import keeps alive, not garbage V8 has yet to collect: sample the heap right after a full GC.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('This test needs node --expose-gc: run it in the Vitest project "large"');
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const baseline = live();
    let peak = baseline;
    // The whole process too: SQLite's own memory and the stream's buffers are outside V8's heap.
    const rssBaseline = process.memoryUsage().rss;
    let rssPeak = rssBaseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, live());
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 250);
    const s = await runImport(db, { paths: [file] }, { reportFile: path.join(dir, 'report.txt') });
    clearInterval(sampler);
    expect(s.read).toBe(entries);
    expect(s.imported).toBe(entries);
    expect(s.rejected).toBe(0);
    // Parsing 200 MB whole keeps well over a gigabyte alive; streamed, a few transactions' worth.
    expect((peak - baseline) / 1048576).toBeLessThan(100);
    // The process as a whole (about 80 MB measured here): nowhere near the file's size, let alone a parsed copy of it.
    expect((rssPeak - rssBaseline) / 1048576).toBeLessThan(300);
    // urn:uuid references across the streamed file were resolved (two passes).
    expect(db.prepare("SELECT count(*) FROM events WHERE patient_id = 'big-patient'").pluck().get()).toBe(entries - 1);
    db.close();
  }, 240_000);
});
