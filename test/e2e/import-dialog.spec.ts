import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoBundles } from '../../main/services/demo-data';
import { connectWs, spawnHost, type RunningHost, type WsClient } from '../support/host';

// README: "Import FHIR data… (Ctrl+I)", and "Cancelling keeps what was committed".

let host: RunningHost;
let ws: WsClient;
let dataDir: string;
let exportDir: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-import-dialog-'));
  exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-import-export-'));
  // Hundreds of patients in hundreds of files: seconds of work, so the import can be caught while it runs.
  writeDemoBundles(exportDir, { seed: 5, patients: 300 });
  host = await spawnHost(dataDir);
  ws = await connectWs(host);
});

test.afterAll(async () => {
  ws?.close();
  await host?.stop();
  for (const d of [dataDir, exportDir]) fs.rmSync(d, { recursive: true, force: true });
});

test('Ctrl+I opens the import dialog with the path field ready; Escape closes it', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Ambassador Desk' })).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Import FHIR data' });
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('Control+i');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('File or folder on this computer')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('cancelling an import stops it, says so, and keeps what it had saved', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import FHIR data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import FHIR data' });
  await dialog.getByLabel('File or folder on this computer').fill(exportDir);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('progressbar')).toBeVisible();
  // Cancel once some resources are saved (the host's own count), so there is something to keep.
  await expect
    .poll(async () => ((await ws.request('import.status', {})).value as { running: { imported: number } | null }).running?.imported ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await dialog.getByRole('button', { name: 'Cancel import' }).click();

  await expect(dialog.getByRole('heading', { name: 'Import cancelled; what was read before is saved' })).toBeVisible({ timeout: 30_000 });
  const last = ((await ws.request('import.status', {})).value as { running: unknown; last: { cancelled: boolean; imported: number; read: number } }).last;
  expect(last.cancelled).toBe(true);
  expect(last.imported).toBeGreaterThan(0);
  // The summary shows the count the host kept.
  await expect(dialog.getByRole('table').getByRole('row', { name: /^New/ })).toContainText(last.imported.toLocaleString('en'));
  await dialog.getByRole('button', { name: 'Close' }).click();

  // What was saved is there: patients from the export are found.
  await page.getByLabel('Find a patient').fill('a');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button').first()).toBeVisible();
});
