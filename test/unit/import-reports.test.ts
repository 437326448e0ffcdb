import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, describeIssues, SettingsPatch } from '../../preload/contract';
import { pruneImportReports } from '../../main/services/import/reports';
import { memorySettings } from '../support/settings';
import { tempDir } from '../support/tmp';

const day = 24 * 60 * 60 * 1000;

/** Writes a file and dates it `ageDays` days ago. */
function aged(file: string, ageDays: number, text = 'report'): string {
  fs.writeFileSync(file, text);
  const when = new Date(Date.now() - ageDays * day);
  fs.utimesSync(file, when, when);
  return file;
}

describe('import reports are kept for a set number of days (issue 15)', () => {
  it('deletes reports older than the limit and keeps newer ones', () => {
    const dir = tempDir();
    aged(path.join(dir, 'import-2025-01-01T00-00-00-000Z-abc123.txt'), 31);
    aged(path.join(dir, 'import-2025-01-02T00-00-00-000Z-cli.txt'), 45);
    aged(path.join(dir, 'import-2025-02-01T00-00-00-000Z-def456.txt'), 29);
    expect(pruneImportReports(dir, 30)).toEqual({ deleted: 2, failed: [] });
    expect(fs.readdirSync(dir)).toEqual(['import-2025-02-01T00-00-00-000Z-def456.txt']);
    expect(pruneImportReports(dir, 7)).toEqual({ deleted: 1, failed: [] });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('touches only files named as reports: not other files, folders, or what a link points to', () => {
    const dir = tempDir();
    const outside = tempDir();
    aged(path.join(dir, 'notes.txt'), 400);
    aged(path.join(dir, 'import-keep.csv'), 400);
    fs.mkdirSync(path.join(dir, 'import-folder.txt'));
    const target = aged(path.join(outside, 'precious.txt'), 400, 'not a report');
    fs.symlinkSync(target, path.join(dir, 'import-link.txt'));
    const when = new Date(Date.now() - 400 * day);
    fs.lutimesSync(path.join(dir, 'import-link.txt'), when, when);
    expect(pruneImportReports(dir, 30)).toEqual({ deleted: 1, failed: [] });
    expect(fs.readdirSync(dir).sort()).toEqual(['import-folder.txt', 'import-keep.csv', 'notes.txt']);
    expect(fs.readFileSync(target, 'utf8')).toBe('not a report');
  });

  it('does nothing when there is no reports folder yet', () => {
    expect(pruneImportReports(path.join(tempDir(), 'import-reports'), 30)).toEqual({ deleted: 0, failed: [] });
  });

  it('is a setting: 30 days by default, a whole number from 1 to 3650, changed without touching the others', () => {
    expect(defaultSettings.privacy).toEqual({ importReportDays: 30 });
    const fields = (patch: unknown) => {
      const r = SettingsPatch.safeParse(patch);
      return r.success ? [] : describeIssues(r.error).map((i) => `${i.path}: ${i.message}`);
    };
    expect(fields({ privacy: { importReportDays: 0 } })).toEqual(['privacy.importReportDays: at least 1 day']);
    expect(fields({ privacy: { importReportDays: 1.5 } })).toEqual(['privacy.importReportDays: a whole number of days']);
    expect(fields({ privacy: { importReportDays: 5000 } })).toEqual(['privacy.importReportDays: at most 3650 days (ten years)']);
    expect(fields({ privacy: { importReportDays: '7' } })).toHaveLength(1);
    expect(fields({ privacy: { keepForever: true } })).toHaveLength(1);
    const settings = memorySettings({ theme: 'dark' });
    expect(settings.set({ privacy: { importReportDays: 7 } })).toMatchObject({ theme: 'dark', privacy: { importReportDays: 7 } });
    expect(settings.set({ privacy: {} }).privacy.importReportDays).toBe(7);
  });
});
