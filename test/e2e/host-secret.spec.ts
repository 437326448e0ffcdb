// Issue 15, point 8: changing the browser host's launch secret while a page is open.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distDir, spawnHost, type RunningHost } from '../support/host';

let host: RunningHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-secret-'));
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a page opened with the old secret is told to open the new address, and the new address works', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Ambassador Desk' })).toBeVisible();
  await expect(page.getByText('TRAINING', { exact: true })).toBeVisible();

  const run = spawnSync(process.execPath, [path.join(distDir, 'host', 'main.js'), '--rotate-secret', '--data-dir', dataDir], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const newUrl = /Open: (\S+)/.exec(run.stdout)![1]!;

  // The open page says what happened and what to do, and does not keep knocking with the old key.
  await expect(page.getByRole('alert').filter({ hasText: 'access key was changed' })).toContainText(
    'Open the new address shown where Ambassador Desk was started',
  );
  await expect(page.getByText('Reconnecting…')).toHaveCount(0);
  await page.waitForTimeout(1500);
  expect(host.stderr().match(/refused a WebSocket without the launch secret/g) ?? []).toHaveLength(0);

  // A reload no longer has a key: the page asks for the address instead of failing over and over.
  await page.reload();
  await expect(page.getByText('This page needs the address printed by `npm start`')).toBeVisible();

  // The new address opens the desk again, on the same running host.
  await page.goto(newUrl);
  await expect(page.getByText('TRAINING', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'access key was changed' })).toHaveCount(0);
});
