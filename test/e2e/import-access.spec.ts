// Issue 15, point 3: in the browser host, the page imports only from the folders the desk was started with.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnHost, type RunningHost } from '../support/host';

let host: RunningHost;
let dataDir: string;
let root: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-access-'));
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-access-root-')));
  fs.writeFileSync(
    path.join(root, 'Patient.ndjson'),
    JSON.stringify({ resourceType: 'Patient', id: 'access-1', name: [{ family: 'Allowed', given: ['Iris'] }] }),
  );
  execFileSync('mkfifo', [path.join(root, 'Observation.ndjson')]);
  host = await spawnHost(dataDir, { importRoots: [root] });
});

test.afterAll(async () => {
  await host?.stop();
  for (const d of [dataDir, root]) fs.rmSync(d, { recursive: true, force: true });
});

test('the import dialog says where it may import from, refuses a path elsewhere, and reports a pipe it found', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import FHIR data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import FHIR data' });
  await expect(dialog.getByText(`Paths are accepted only inside: ${root}.`)).toBeVisible();

  const field = dialog.getByLabel('File or folder on this computer');
  await field.fill('/etc/passwd');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    `/etc/passwd is outside the folders this desk may import from (${root}); to allow another folder, start the desk with --import-root <folder>.`,
  );

  await field.fill(root);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('heading', { name: /finished in/ })).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('row', { name: /^New/ })).toContainText('1');
  await expect(dialog.getByRole('row', { name: /^Rejected/ })).toContainText('1');
  await expect(dialog.getByText(/is a named pipe \(FIFO\), not a file: reading it would wait for another program forever; not read/)).toBeVisible();
});
