import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { patientBundle, SHOWCASE } from '../../main/services/demo-data';
import { importDemoPatients, repoRoot, spawnHost, type RunningHost } from '../support/host';

const shots = path.join('test-results', 'screenshots');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4');
const seed = 7;

let host: RunningHost;
let dataDir: string;

test.beforeAll(() => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-scripts-'));
  // The admin CLI fills the cache before the desk starts (the UI import has its own test).
  importDemoPatients(dataDir, { seed, patients: 10, alsoImport: [fixtures] });
});

test.beforeEach(async () => {
  host = await spawnHost(dataDir);
});

test.afterEach(async () => {
  await host?.stop();
});

test.afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function showcaseName(index: number): string {
  const p = patientBundle(seed, index).entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource as { name: { given: string[]; family: string }[] };
  return `${p.name[0]!.given[0]} ${p.name[0]!.family}`;
}

interface GeneratedEob {
  resourceType: string;
  billablePeriod: { start: string };
  total?: { category: { coding: { code: string }[] }; amount: { value: number } }[];
}

/** The patient's newest EOB with a deductible, its service day (organisation time) and the member liability it states. */
function deductibleEob(index: number): { day: string; memberLiability: string } {
  const total = (r: GeneratedEob, code: string) => r.total?.find((t) => t.category.coding.some((c) => c.code === code))?.amount.value ?? 0;
  const eob = patientBundle(seed, index)
    .entry!.map((e) => e.resource as unknown as GeneratedEob)
    .filter((r) => r.resourceType === 'ExplanationOfBenefit' && total(r, 'deductible') > 0)
    .sort((a, b) => b.billablePeriod.start.localeCompare(a.billablePeriod.start))[0]!;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(eob.billablePeriod.start));
  return { day, memberLiability: total(eob, 'memberliability').toFixed(2) };
}

async function openPatient(page: Page, name: string) {
  await page.getByLabel('Find a patient').fill(name);
  // Middle names may sit between the given name and the family name.
  const pattern = new RegExp(name.split(' ').join('.*'));
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: pattern }).first().click();
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText(pattern);
}

async function openEvent(page: Page, search: string, match: RegExp) {
  const timeline = page.getByRole('region', { name: 'Timeline' });
  // The search applies after a short pause: wait for the count to change, or the click may land on a row of the
  // unfiltered list just as the filtered one replaces it.
  const count = timeline.getByRole('status').filter({ hasText: /^\d+ events?$/ });
  const before = await count.textContent();
  await timeline.getByLabel(/Search the timeline/).fill(search);
  await expect(count).not.toHaveText(before ?? '');
  await expect(count).toHaveText(/^\d+ events?$/);
  const option = timeline.getByRole('option').filter({ hasText: match }).first();
  await expect(option).toBeVisible();
  await option.click();
  const panel = page.getByRole('region', { name: 'Explanation script' });
  await expect(panel.getByRole('list').first()).toBeVisible();
  return panel;
}

/** Ticks every step with the keyboard and records a teach-back outcome; the contact says it was saved. */
async function walk(page: Page, panel: ReturnType<Page['getByRole']>, outcome: string) {
  const boxes = panel.getByRole('checkbox');
  await expect(boxes).toHaveCount(6);
  for (let i = 0; i < 6; i++) {
    await boxes.nth(i).focus();
    await page.keyboard.press('Space');
    await expect(boxes.nth(i)).toBeChecked();
  }
  await panel.getByRole('button', { name: outcome }).click();
  await expect(panel.getByRole('button', { name: outcome })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('status').filter({ hasText: /Saved to the contact|Guardado en el contacto/ })).toBeVisible();
}

test('a fixture patient’s respiratory panel: explained member by member, in English and Spanish', async ({ page }) => {
  await page.goto(host.url);
  await openPatient(page, 'Denisha680');
  const panel = await openEvent(page, 'respiratory', /Respiratory pathogens/i);
  await expect(panel.getByRole('heading', { level: 3 })).toContainText(/respiratory/i);
  await expect(panel).toContainText(/This report has \d+ results/);
  await expect(panel).toContainText(/Flu A test/i);
  await expect(panel.getByText(/Reading level Grade \d+\.\d .*✓/)).toBeVisible();
  await walk(page, panel, 'Understood');
  await page.screenshot({ path: path.join(shots, 'script-respiratory-panel-en.png'), fullPage: true });

  await panel.getByRole('button', { name: /^Spanish/ }).click();
  await expect(panel).toContainText(/Este informe tiene \d+ resultados/);
  await expect(panel.getByText(/Reading level INFLESZ \d+\.\d .*✓/)).toBeVisible();
  // Switching language keeps what was done.
  await expect(panel.getByRole('checkbox').first()).toBeChecked();
  await page.screenshot({ path: path.join(shots, 'script-respiratory-panel-es.png'), fullPage: true });

  const axe = await new AxeBuilder({ page }).include('.script-panel').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('a critical potassium gets no interpretation: warm transfer or clinician callback, in both languages', async ({ page }) => {
  await page.goto(host.url);
  await openPatient(page, showcaseName(SHOWCASE.criticalPotassiumAdult));
  const panel = await openEvent(page, 'potassium', /Critical/);
  await expect(panel.getByRole('alert')).toContainText('Critical — do not explain.');
  await expect(panel.getByRole('alert')).toContainText(/The Potassium result is past the critical limit|The lab marked the Potassium result as critical/);
  await expect(panel).toContainText('warm transfer to the nurse line');
  await expect(panel).not.toContainText('The usual range is');
  await expect(panel).not.toContainText('higher than the usual range');
  // The script ends at the transfer, with the line for a patient who cannot stay on.
  await expect(panel).toContainText('I am connecting you with the nurse now.');
  await expect(panel).toContainText('If the patient cannot stay on the line');
  await expect(panel).not.toContainText('Is there anything else I can help you with');
  // The source record beside it shows the number itself, for the nurse the call goes to.
  await expect(page.getByRole('region', { name: 'Source record' })).toContainText(/Value quantity\s*[6-9]\.\d mmol\/L/);
  await walk(page, panel, 'Understood');
  await page.screenshot({ path: path.join(shots, 'script-critical-potassium-en.png'), fullPage: true });

  await panel.getByRole('button', { name: /^Spanish/ }).click();
  await expect(panel.getByRole('alert')).toContainText('línea de enfermería');
  await expect(panel).not.toContainText('Lo usual es');
  await page.screenshot({ path: path.join(shots, 'script-critical-potassium-es.png'), fullPage: true });
});

test('an EOB with a deductible: the arithmetic, what the patient owes and why, in Spanish then English', async ({ page }) => {
  await page.goto(host.url);
  await openPatient(page, showcaseName(SHOWCASE.spanishDeductibleEob));
  // The EOB is picked from the generated record (its newest with a deductible), and found by its service date.
  const eob = deductibleEob(SHOWCASE.spanishDeductibleEob);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: 'Bills' }).click();
  await timeline.getByLabel('From', { exact: true }).fill(eob.day);
  await timeline.getByLabel('To', { exact: true }).fill(eob.day);
  const option = timeline.getByRole('option').filter({ hasText: 'Explanation of benefits' });
  await expect(option).toHaveCount(1);
  await option.click();
  const panel = page.getByRole('region', { name: 'Explanation script' });
  // The part said is the payer's own member liability, toward the deductible.
  await expect(panel.getByText(new RegExp(`^Su parte, \\$${eob.memberLiability.replace('.', '\\.')}, es .*para su deducible`)).first()).toBeVisible();
  // A Spanish speaker's script opens in Spanish.
  await expect(panel.getByRole('button', { name: /^Spanish · preferred/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('table')).toContainText(/Cobrado \$[\d,.]+ − monto por encima del precio del plan \$[\d,.]+ = cantidad permitida \$[\d,.]+/);
  // The panel's own labels follow the app's language; the script follows the patient's.
  await expect(panel.getByText('The lines add up to the statement’s own totals.')).toBeVisible();
  await walk(page, panel, 'Needs another explanation');
  await page.screenshot({ path: path.join(shots, 'script-eob-deductible-es.png'), fullPage: true });

  await panel.getByRole('button', { name: /^English/ }).click();
  await expect(panel).toContainText(/Your part, \$[\d,.]+, is .*toward your deductible/);
  // The table's part is the payer's own figure, labelled as such; never "allowed − plan paid".
  await expect(panel.getByRole('table')).toContainText(/Patient's part, as the plan states it: \$[\d,.]+/);
  await expect(panel.getByRole('table')).not.toContainText(/Allowed \$[\d,.]+ − plan paid/);
  await page.screenshot({ path: path.join(shots, 'script-eob-deductible-en.png'), fullPage: true });
});
