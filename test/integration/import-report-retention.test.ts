import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../main/core';
import { openConfSettings } from '../../main/services/settings/conf-backing';
import { distDir, repoRoot } from '../support/host';
import { tempDir } from '../support/tmp';

const day = 24 * 60 * 60 * 1000;

function aged(file: string, ageDays: number): void {
  fs.writeFileSync(file, 'Summary: read 1, imported 1\n');
  const when = new Date(Date.now() - ageDays * day);
  fs.utimesSync(file, when, when);
}

function finished(core: Core): Promise<{ error: string | null; jobId: string }> {
  return new Promise((resolve) => {
    const off = core.onEvent((name, payload) => {
      if (name !== 'import.finished') return;
      off();
      resolve(payload as { error: string | null; jobId: string });
    });
  });
}

describe('import reports on disk (issue 15)', () => {
  it('are created readable by this user only, and deleted after the configured number of days, at start and after each import', async () => {
    const dataDir = tempDir();
    const reports = path.join(dataDir, 'import-reports');
    fs.mkdirSync(reports, { mode: 0o700 });
    fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ privacy: { importReportDays: 10 } }));
    aged(path.join(reports, 'import-2020-01-01T00-00-00-000Z-aaaaaa.txt'), 15);
    aged(path.join(reports, 'import-2020-01-02T00-00-00-000Z-cli.txt'), 11);
    aged(path.join(reports, 'import-2020-02-01T00-00-00-000Z-bbbbbb.txt'), 5);
    aged(path.join(reports, 'README.txt'), 400);

    const log: string[] = [];
    const core = await startCore({
      mode: 'browser-host',
      version: '0.0.0',
      dataDir,
      knowledgeDir: path.join(repoRoot, 'resources', 'knowledge'),
      workersDir: path.join(distDir, 'main'),
      settings: openConfSettings(dataDir),
      demoData: false,
      log: (line) => log.push(line),
    });
    try {
      // At start: the two reports older than 10 days are gone; the newer one and a file that is not a report stay.
      expect(fs.readdirSync(reports).sort()).toEqual(['README.txt', 'import-2020-02-01T00-00-00-000Z-bbbbbb.txt']);
      expect(log).toContain('deleted 2 import reports older than 10 days');

      // A report that grew old while the desk ran is deleted after the next import; the new report is 0600.
      aged(path.join(reports, 'import-2020-01-03T00-00-00-000Z-cccccc.txt'), 12);
      let done = finished(core);
      core.imports.start({ demo: { seed: 7, patients: 2 } }, 'demo data');
      const first = await done;
      expect(first.error).toBeNull();
      const newReport = `import-${first.jobId}.txt`;
      expect(fs.readdirSync(reports).sort()).toEqual(['README.txt', 'import-2020-02-01T00-00-00-000Z-bbbbbb.txt', newReport].sort());
      expect(fs.statSync(path.join(reports, newReport)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(reports).mode & 0o777).toBe(0o700);

      // The setting changed while the desk runs: applied after the next import.
      core.settings.set({ privacy: { importReportDays: 3 } });
      done = finished(core);
      core.imports.start({ demo: { seed: 8, patients: 2 } }, 'demo data');
      const second = await done;
      expect(fs.readdirSync(reports).sort()).toEqual(['README.txt', newReport, `import-${second.jobId}.txt`].sort());
      expect(fs.statSync(path.join(reports, `import-${second.jobId}.txt`)).mode & 0o777).toBe(0o600);
    } finally {
      await core.close();
    }
  });
});
