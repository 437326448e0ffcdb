import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectWs, spawnHost, type RunningHost } from '../support/host';
import { seedPatients, syntheticPatients } from '../support/seed';

const shots = path.join('test-results', 'screenshots');

let host: RunningHost;
let dataDir: string;

test.beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  await seedPatients(dataDir, [
    { id: 'e2e-1', name: 'Maribel Ocampo', birthDate: '1967-09-21', gender: 'female', mrn: 'MRN-55101', phone: '+15553330101', language: 'es' },
    { id: 'e2e-2', name: 'Marcus Oyelaran', birthDate: '1981-02-11', gender: 'male', mrn: 'MRN-55102', phone: '+15553330102', language: 'en' },
    ...syntheticPatients(500),
  ]);
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// A test that changed the theme or language and failed half-way must not leave the next ones in Spanish.
test.afterEach(async () => {
  const ws = await connectWs(host);
  await ws.request('settings.set', { theme: 'system', language: 'en' });
  ws.close();
});

test('an agent finds a patient written through the patients service', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Ambassador Desk' })).toBeVisible();
  await expect(page.getByText('TRAINING', { exact: true })).toBeVisible();
  for (const name of ['Patient', 'Timeline', 'Explanation script', 'Wrap-up']) {
    await expect(page.getByRole('region', { name })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Softphone' })).toBeVisible();
  // The secret left the address bar once the page had it.
  expect(page.url()).not.toContain(host.secret);

  await page.keyboard.press('Control+k');
  await expect(page.getByLabel('Find a patient')).toBeFocused();
  await page.keyboard.type('mari oca');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('button')).toHaveCount(1);
  await expect(results.getByRole('button')).toContainText('Maribel Ocampo');
  await expect(results.getByRole('button')).toContainText('MRN MRN-55101');
  await expect(page.getByRole('status').filter({ hasText: '1 patient found' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'search-results.png'), fullPage: true });

  // Keyboard only: arrow into the results and open the patient.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const header = page.getByRole('region', { name: 'Patient' });
  await expect(header).toContainText('Maribel Ocampo');
  await expect(header).toContainText('1967-09-21');
  await expect(header).toContainText('+15553330101');
  await expect(header).toContainText('Spanish');
  await page.screenshot({ path: path.join(shots, 'patient-selected.png'), fullPage: true });

  await page.getByLabel('Find a patient').fill('zzzz-nobody');
  await expect(page.getByText('No patient matches “zzzz-nobody”.')).toBeVisible();

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(problems).toEqual([]);
});

test('theme and language are saved and survive a reload', async ({ page }) => {
  await page.goto(host.url);
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByText('PRÁCTICA', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Historial' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');

  await page.reload();
  await expect(page.getByLabel('Buscar paciente')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Buscar paciente').fill('marcus');
  await expect(page.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button')).toContainText('Marcus Oyelaran');
  await page.screenshot({ path: path.join(shots, 'dark-spanish.png'), fullPage: true });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await page.getByLabel('Idioma').selectOption('en');
  await page.getByLabel('Theme').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
});

test('stays usable at 200% zoom', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel('Find a patient').fill('marcus');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(shots, 'zoom-200.png'), fullPage: true });
  await context.close();
});

test('a page opened without the launch secret explains what to do and gets no data', async ({ page }) => {
  await page.goto(host.origin + '/');
  await expect(page.getByRole('alert')).toContainText('needs the address printed by `npm start`');
});
