// The import on its threads: the writer thread the browser host and the desktop app use (from the build), and the
// import worker stopped by cancel even when it never reads its messages. Moved from the unit tests: they need dist/
// and real worker threads.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { threadGroupWriter } from '../../main/services/import/group-writer';
import { runImport } from '../../main/services/import/run';
import { cancelGraceMs, createImportService } from '../../main/services/import/service';
import type { ImportSummary } from '../../preload/contract';
import { distDir, repoRoot } from '../support/host';
import { tempDir } from '../support/tmp';

const synthea = path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4');
const bulk = path.join(repoRoot, 'test', 'fixtures', 'bulk-ndjson-10');

const count = (db: Database, sql: string) => db.prepare(sql).pluck().get() as number;

function snapshot(db: Database) {
  return {
    resources: count(db, 'SELECT count(*) FROM resources'),
    events: count(db, 'SELECT count(*) FROM events'),
    patients: count(db, 'SELECT count(*) FROM patients'),
    hash: db.prepare("SELECT group_concat(hash, '') FROM (SELECT hash FROM resources ORDER BY type, id)").pluck().get(),
  };
}

describe('the writer thread', () => {
  it('commits the same cache as writing in-process, on its own connection', async () => {
    const localDir = tempDir();
    const local = openDatabase({ file: path.join(localDir, 'desk.db'), key: crypto.randomBytes(32) }).db;
    await runImport(local, { paths: [synthea, bulk] }, { reportFile: path.join(localDir, 'r.txt') });
    const dir = tempDir();
    const key = crypto.randomBytes(32);
    const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key });
    const writer = threadGroupWriter(path.join(distDir, 'main', 'import-writer.js'), { file: path.join(dir, 'desk.db'), key: new Uint8Array(key) });
    const s = await runImport(db, { paths: [synthea, bulk] }, { reportFile: path.join(dir, 'r.txt'), writer });
    await writer.close();
    expect(s.rejected).toBe(0);
    expect(snapshot(db)).toEqual(snapshot(local));
    db.close();
    local.close();
  });
});

describe('cancel and quit', () => {
  it('stop an import within a second even when its worker never looks at the cancel message', async () => {
    const dir = tempDir();
    // A worker stuck inside one step (as a runaway regex would be): it never reads its messages.
    fs.writeFileSync(
      path.join(dir, 'import-worker.js'),
      "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ type: 'progress', progress: { read: 1 } }); for (;;) {}\n",
    );
    const finished: ImportSummary[] = [];
    const service = createImportService({
      dataDir: dir,
      dbFile: path.join(dir, 'desk.db'),
      key: crypto.randomBytes(32),
      workersDir: dir,
      emit: (event, payload) => {
        if (event === 'import.finished') finished.push(payload as ImportSummary);
      },
      organisation: () => ({ country: 'US', timeZone: 'America/Chicago' }),
    });
    const jobId = service.start({ paths: [dir] }, 'stuck');
    await new Promise((r) => setTimeout(r, 300));
    const t = performance.now();
    expect(service.cancel(jobId)).toBe(true);
    await service.idle();
    const ms = performance.now() - t;
    expect(ms).toBeLessThan(1000);
    expect(ms).toBeGreaterThanOrEqual(cancelGraceMs - 50);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ jobId, cancelled: true, error: null });
    expect(service.status().running).toBeNull();
  }, 10_000);
});
