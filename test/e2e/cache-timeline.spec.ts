import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoBundles } from '../../main/services/demo-data';
import { importPaths, repoRoot, spawnHost, writeBundle, type RunningHost } from '../support/host';

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
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: /Denisha680/ })
    .click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const list = timeline.getByRole('listbox');
  await expect(list.getByRole('option').first()).toBeVisible();
  await expect(timeline.getByRole('status').filter({ hasText: /\d+ events/ })).toBeVisible();
  const total = Number(
    (await timeline
      .getByRole('status')
      .filter({ hasText: /events/ })
      .textContent())!.match(/(\d+)/)![1],
  );
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

test('a result outside its usual range is flagged by the timeline itself; critical when the lab flags it so', async ({ page }) => {
  // The app's own reading of values against their reference range (no interpretation sent), beside the lab's flags.
  const flagsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-flags-'));
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-flags-export-'));
  const observation = (id: string, title: string, value: number, day: number, extra: object = {}) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { text: title },
    subject: { reference: 'Patient/iris-flagg' },
    effectiveDateTime: `2025-03-0${day}T09:00:00Z`,
    valueQuantity: { value, unit: 'mmol/L' },
    referenceRange: [{ low: { value: 135, unit: 'mmol/L' }, high: { value: 145, unit: 'mmol/L' } }],
    ...extra,
  });
  writeBundle(exportDir, [
    { resourceType: 'Patient', id: 'iris-flagg', name: [{ family: 'Flagg', given: ['Iris'] }], birthDate: '1970-05-05' },
    observation('sodium-high', 'Sodium high sample', 150, 1),
    observation('sodium-low', 'Sodium low sample', 129, 2),
    observation('sodium-usual', 'Sodium usual sample', 140, 3),
    observation('sodium-critical', 'Sodium critical sample', 140, 4, {
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'LL' }] }],
    }),
  ]);
  importPaths(flagsDir, [exportDir]);
  const flagsHost = await spawnHost(flagsDir);
  try {
    await page.goto(flagsHost.url);
    await page.getByLabel('Find a patient').fill('iris flagg');
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /Iris Flagg/ })
      .click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const row = (title: string) => timeline.getByRole('option').filter({ hasText: title });
    await expect(row('Sodium high sample')).toContainText('Outside usual range');
    await expect(row('Sodium low sample')).toContainText('Outside usual range');
    await expect(row('Sodium usual sample')).not.toContainText(/Outside usual range|Critical/);
    await expect(row('Sodium critical sample')).toContainText('Critical');
    await expect(row('Sodium critical sample')).not.toContainText('Outside usual range');
    await page.screenshot({ path: path.join(shots, 'timeline-flags.png') });
  } finally {
    await flagsHost.stop();
    for (const d of [flagsDir, exportDir]) fs.rmSync(d, { recursive: true, force: true });
  }
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
