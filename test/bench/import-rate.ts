import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeDemoNdjson } from '../../main/services/demo-data';
import { openDatabase } from '../../main/services/db/open';
import { threadGroupWriter } from '../../main/services/import/group-writer';
import { runImport } from '../../main/services/import/run';
import { distDir } from '../support/host';
import { memoryPeak, round } from './stats';

/** Writes ≥ `minResources` generated resources as bulk-export ndjson, then imports the folder into a fresh cache. */
export async function importRate(minResources: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-import-'));
  try {
    const input = path.join(dir, 'ndjson');
    fs.mkdirSync(input);
    let patients = Math.ceil(minResources / 50);
    let written = writeDemoNdjson(input, { seed: 11, patients });
    if (written.resources < minResources) {
      fs.rmSync(input, { recursive: true });
      fs.mkdirSync(input);
      patients = Math.ceil((patients * minResources * 1.05) / written.resources);
      written = writeDemoNdjson(input, { seed: 11, patients });
    }
    const bytes = fs.readdirSync(input).reduce((n, f) => n + fs.statSync(path.join(input, f)).size, 0);
    const key = crypto.randomBytes(32);
    const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key });
    const writer = threadGroupWriter(path.join(distDir, 'main', 'import-writer.js'), { file: path.join(dir, 'desk.db'), key: new Uint8Array(key) });
    const baseline = round(process.memoryUsage().rss / 1048576, 0);
    const memory = memoryPeak();
    const t0 = performance.now();
    const s = await runImport(db, { paths: [input] }, { reportFile: path.join(dir, 'report.txt'), writer });
    const seconds = (performance.now() - t0) / 1000;
    const peakMiB = memory.stop();
    await writer.close();
    db.close();
    return {
      name: 'FHIR import (bulk ndjson from the generator) into the encrypted cache',
      patients,
      resources: s.read,
      inputMiB: round(bytes / 1048576, 0),
      imported: s.imported,
      rejected: s.rejected,
      seconds: round(seconds, 1),
      resourcesPerSecond: Math.round(s.read / seconds),
      targetResourcesPerSecond: 10_000,
      rssBaselineMiB: baseline,
      rssPeakMiB: peakMiB,
      note: 'peak resident memory of the process that reads and prepares (the writer thread shares it)',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
