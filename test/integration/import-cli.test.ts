import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbClient } from '../../main/services/db/client';
import { loadOrCreateDbKey } from '../../main/services/db/key';
import { createPatientsService } from '../../main/services/patients/service';
import { distDir, repoRoot, workerScript } from '../support/host';
import { tempDir } from '../support/tmp';

const cli = (args: string[]) => spawnSync(process.execPath, [path.join(distDir, 'tools', 'import.js'), ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run import (the admin CLI)', () => {
  it('imports a folder into a data folder, prints a summary and the report, and exits 0', async () => {
    const dataDir = tempDir();
    const run = cli([path.join(repoRoot, 'test', 'fixtures', 'bulk-ndjson-10'), '--data-dir', dataDir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Done in [\d.]+ s: \d+ imported, 0 updated, 0 unchanged, \d+ skipped, 0 rejected, 0 warnings\./m);
    expect(run.stdout).toMatch(/PractitionerRole resources are not used by the desk/);
    const report = /Full report: (.+)$/m.exec(run.stdout)![1]!;
    expect(fs.readFileSync(report, 'utf8')).toMatch(/Summary: read/);

    const db = await DbClient.start({ dataDir, key: loadOrCreateDbKey(dataDir), workerScript });
    expect(await createPatientsService(db).count()).toBe(13);
    await db.close();
  });

  it('exits 2 when something was rejected, and 64 with a usage line when given nothing', () => {
    const dataDir = tempDir();
    const bad = path.join(dataDir, 'bad.ndjson');
    fs.writeFileSync(bad, '{"resourceType":"Patient"}\n');
    const run = cli([bad, '--data-dir', dataDir]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/1 rejected/);
    const none = cli([]);
    expect(none.status).toBe(64);
    expect(none.stderr).toMatch(/Usage: npm run import -- <file or folder>/);
  });
});
