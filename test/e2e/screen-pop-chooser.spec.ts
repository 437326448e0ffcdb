import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPaths, spawnHost, writeBundle, type RunningHost } from '../support/host';
import { callStatus, simulateTrainingCall, softphone } from '../support/softphone';

// README, screen-pop: "Several: a chooser (the app never picks)". The cache holds two patients and nothing else, on
// one household number, so every simulated call comes from that number.

let host: RunningHost;
let dataDir: string;

const household = [
  { id: 'romero-lucia', given: 'Lucía', family: 'Romero', birthDate: '1958-06-11' },
  { id: 'romero-mateo', given: 'Mateo', family: 'Romero', birthDate: '1987-02-23' },
];

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-chooser-'));
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-chooser-export-'));
  try {
    writeBundle(
      exportDir,
      household.map((p) => ({
        resourceType: 'Patient',
        id: p.id,
        name: [{ family: p.family, given: [p.given] }],
        birthDate: p.birthDate,
        telecom: [{ system: 'phone', value: '(555) 555-0177', use: 'home' }],
      })),
    );
    importPaths(dataDir, [exportDir]);
  } finally {
    fs.rmSync(exportDir, { recursive: true, force: true });
  }
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a number two patients share rings with a chooser: nobody is picked until the agent chooses', async ({ page }) => {
  await page.goto(host.url);
  expect(await simulateTrainingCall(page, 'appointment')).toBe('+15555550177');
  const pop = page.getByRole('region', { name: 'Caller' });
  const chooser = pop.getByRole('group', { name: 'Choose the patient' });
  await expect(chooser).toContainText('This number belongs to 2 patients');
  const lucia = chooser.getByRole('button', { name: /Lucía Romero/ });
  const mateo = chooser.getByRole('button', { name: /Mateo Romero/ });
  await expect(lucia).toHaveAttribute('aria-pressed', 'false');
  await expect(mateo).toHaveAttribute('aria-pressed', 'false');
  // Nobody taken: no patient on screen, no identity check yet, and the record stays closed.
  await expect(page.getByRole('region', { name: 'Patient' })).not.toContainText('Romero');
  await expect(page.getByRole('group', { name: 'Verify identity' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Timeline' })).toHaveCount(0);
  // Still nobody once the desk has had time to change its mind (the status was reported, the lookup is done).
  await softphone(page).getByRole('button', { name: 'Answer' }).click();
  await expect(callStatus(page)).toContainText('On call');
  await expect(lucia).toHaveAttribute('aria-pressed', 'false');
  await expect(mateo).toHaveAttribute('aria-pressed', 'false');
  // Neither date of birth is shown before the agent chooses.
  for (const p of household) await expect(page.locator('body')).not.toContainText(p.birthDate);

  await mateo.click();
  await expect(mateo).toHaveAttribute('aria-pressed', 'true');
  await expect(lucia).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText('Mateo Romero');
  await expect(page.getByRole('group', { name: 'Verify identity' })).toBeVisible();
});
