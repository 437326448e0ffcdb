import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoBundles } from '../../main/services/demo-data';
import { repoRoot, spawnHost, type RunningHost } from '../support/host';

const shots = path.join('test-results', 'screenshots');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4');

let host: RunningHost;
let dataDir: string;
let generated: string;

test.beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-cache-'));
  generated = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-generated-'));
  // Enough generated data that the import runs for a few seconds, so its progress can be watched.
  writeDemoBundles(generated, { seed: 7, patients: 400 });
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  for (const d of [dataDir, generated]) fs.rmSync(d, { recursive: true, force: true });
});

async function importThroughUi(page: Page, paths: string[]) {
  await page.getByRole('button', { name: 'Import FHIR data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import FHIR data' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('File or folder on this computer').fill(paths.join('\n'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return dialog;
}

// The second test reads what the first imported: they run in order, and the second is skipped if the first fails.
test.describe.serial('import, then work with the data', () => {
test('an agent imports FHIR data, finds a patient and works through the timeline', async ({ page }) => {
  await page.goto(host.url);
  const dialog = await importThroughUi(page, [fixtures, generated]);
  const progress = dialog.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect(dialog.getByText(/resources · .* of .* MB · .* per second/)).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'import-progress.png') });

  await expect(dialog.getByRole('heading', { name: /^Import of 2 files and folders finished in/ })).toBeVisible({ timeout: 60_000 });
  const counts = dialog.getByRole('table');
  await expect(counts.getByRole('row', { name: /^New/ })).not.toContainText(/^New\s*0$/);
  await expect(dialog.getByText(/CareTeam resources are not used by the desk/)).toBeVisible();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download the full report' }).click();
  const report = await download;
  expect(fs.readFileSync((await report.path())!, 'utf8')).toMatch(/Summary: read \d+, imported \d+/);
  await page.screenshot({ path: path.join(shots, 'import-summary.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Find a patient').fill('denisha');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Denisha680/ }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const list = timeline.getByRole('listbox');
  await expect(list.getByRole('option').first()).toBeVisible();
  await expect(timeline.getByRole('status').filter({ hasText: /\d+ events/ })).toBeVisible();
  const total = Number((await timeline.getByRole('status').filter({ hasText: /events/ }).textContent())!.match(/(\d+)/)![1]);
  // Virtualised: far fewer rows in the page than events on the timeline.
  expect(await list.getByRole('option').count()).toBeLessThan(total);

  // Keyboard: arrows move, Enter opens details, Escape closes them.
  await list.focus();
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'timeline-scrolled.png') });
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('region', { name: 'Source record' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await timeline.getByRole('button', { name: 'Bills' }).click();
  await expect(timeline.getByRole('button', { name: 'Bills' })).toHaveAttribute('aria-pressed', 'true');
  const firstBill = list.getByRole('option').first();
  await expect(firstBill).toContainText(/Claim|Explanation of benefits/);
  const kinds = await list.getByRole('option').allTextContents();
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.every((k) => /Claim|Explanation of benefits|Coverage/.test(k))).toBe(true);

  await list.getByRole('option').filter({ hasText: 'Explanation of benefits' }).first().click();
  await expect(drawer.getByRole('heading', { level: 3 })).toContainText('Explanation of benefits');
  await expect(drawer.getByText("Patient's part (per the plan)")).toBeVisible();
  await expect(drawer.getByRole('region', { name: 'Source record' })).toContainText('ExplanationOfBenefit');
  await page.screenshot({ path: path.join(shots, 'timeline-bill-details.png') });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.keyboard.press('/');
  await expect(timeline.getByLabel(/Search the timeline/)).toBeFocused();
});

test('an abnormal result is flagged on the timeline', async ({ page }) => {
  await page.goto(host.url);
  await page.getByLabel('Find a patient').fill('a');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().waitFor();
  // The generated patients have adult lab panels with values outside the usual range.
  const { SHOWCASE, patientBundle } = await import('../../main/services/demo-data');
  const patient = patientBundle(7, SHOWCASE.criticalPotassiumAdult).entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource as { id: string; name: { given: string[]; family: string }[] };
  const name = `${patient.name[0]!.given[0]} ${patient.name[0]!.family}`;
  await page.getByLabel('Find a patient').fill(name);
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText(name);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByLabel(/Search the timeline/).fill('potassium');
  await expect(timeline.getByRole('status').filter({ hasText: /events?$/ })).toHaveText(/^\d events?$/);
  const options = timeline.getByRole('option');
  await expect(options.first()).toContainText('Potassium');
  expect((await options.allTextContents()).every((t) => t.includes('Potassium'))).toBe(true);
  const critical = options.filter({ hasText: 'Critical' });
  await expect(critical).toHaveCount(1);
  await expect(critical).toContainText(/[6-9]\.\d mmol\/L/);
  await page.screenshot({ path: path.join(shots, 'timeline-critical-potassium.png') });
});

});

test('a fresh workstation loads demo patients on first start and says so', async ({ page }) => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-fresh-'));
  const demoHost = await spawnHost(fresh, { demoData: true });
  try {
    await page.goto(demoHost.url);
    await expect(page.getByRole('alert').filter({ hasText: 'synthetic demo patients are being loaded' })).toBeVisible();
    await page.getByLabel('Find a patient').fill('a');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button').first()).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: path.join(shots, 'first-start-demo.png') });
  } finally {
    await demoHost.stop();
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});
