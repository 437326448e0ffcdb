import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { distDir, importDemoPatients, spawnHost, type RunningHost } from '../support/host';

const shots = path.join('test-results', 'screenshots');

let host: RunningHost;
let dataDir: string;

/**
 * Synthetic patients as EHRs send them: a death on record (Synthea's deceasedDateTime with an offset) sharing the home
 * number with a living spouse; a merge as FHIR's Patient $merge leaves it (the old record inactive, `replaced-by` the
 * survivor, which `replaces` it); a child whose mother's number is only on Patient.contact. Numbers are 555-01xx,
 * reserved for fiction.
 */
const patients = [
  {
    resourceType: 'Patient',
    id: 'e2e-widow',
    name: [{ use: 'official', family: 'Kowalski', given: ['Ewa'] }],
    birthDate: '1950-03-02',
    telecom: [{ system: 'phone', value: '(212) 555-0142', use: 'home' }],
  },
  {
    resourceType: 'Patient',
    id: 'e2e-late-husband',
    name: [{ use: 'official', family: 'Kowalski', given: ['Jan'] }],
    birthDate: '1948-11-20',
    deceasedDateTime: '2023-02-01T08:14:00-05:00',
    telecom: [{ system: 'phone', value: '(212) 555-0142', use: 'home' }],
  },
  {
    resourceType: 'Patient',
    id: 'e2e-merged-old',
    active: false,
    name: [{ use: 'official', family: 'Castillo', given: ['Marta'] }],
    birthDate: '1961-07-30',
    telecom: [{ system: 'phone', value: '(212) 555-0143', use: 'home' }],
    link: [{ other: { reference: 'Patient/e2e-survivor' }, type: 'replaced-by' }],
  },
  {
    resourceType: 'Patient',
    id: 'e2e-survivor',
    name: [{ use: 'official', family: 'Castillo', given: ['Marta', 'Elena'] }],
    birthDate: '1961-07-30',
    telecom: [{ system: 'phone', value: '(212) 555-0144', use: 'mobile' }],
    link: [{ other: { reference: 'Patient/e2e-merged-old' }, type: 'replaces' }],
  },
  {
    resourceType: 'Patient',
    id: 'e2e-two-sources',
    identifier: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
        system: 'urn:oid:2.16.840.1.113883.19.5',
        value: 'MRN-77120',
      },
    ],
    name: [{ use: 'official', family: 'Okafor', given: ['Lena'] }],
    birthDate: '1966-09-14',
  },
  {
    resourceType: 'Patient',
    id: 'e2e-child',
    name: [{ use: 'official', family: 'Ruiz', given: ['Ana'] }],
    birthDate: '2016-04-02',
    contact: [
      {
        relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }], text: 'Mother' }],
        telecom: [{ system: 'phone', value: '(212) 555-0145', use: 'mobile' }],
      },
    ],
  },
];

test.use({ viewport: { width: 1366, height: 768 } });

test.beforeAll(() => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-status-'));
  const file = path.join(dataDir, 'status-patients.json');
  fs.writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: patients.map((resource) => ({ resource })) }));
  importDemoPatients(dataDir, { seed: 11, patients: 2, alsoImport: [file] });
  // The same person in a second system, under its own id, with a result of hers that only that system has.
  const clinicB = path.join(dataDir, 'clinic-b.json');
  const lena = patients.find((p) => p.id === 'e2e-two-sources')!;
  const result = {
    resourceType: 'Observation',
    id: '1',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }], text: 'Glucose' },
    subject: { reference: 'Patient/1' },
    effectiveDateTime: '2026-11-20T09:00:00-05:00',
    valueQuantity: { value: 104, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
  };
  fs.writeFileSync(clinicB, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { ...lena, id: '1' } }, { resource: result }] }));
  const run = spawnSync(process.execPath, [path.join(distDir, 'tools', 'import.js'), clinicB, '--data-dir', dataDir, '--source', 'Clinic B EHR'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(run.stderr);
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

const softphone = (page: Page) => page.getByRole('region', { name: 'Softphone' });

async function dial(page: Page, number: string) {
  await softphone(page).getByLabel('Number to call').fill(number);
  await softphone(page).getByRole('button', { name: 'Call', exact: true }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('On call');
}

async function hangUpAndFinish(page: Page) {
  await softphone(page).getByRole('button', { name: 'Hang up' }).click();
  const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
  await wrapUp.getByLabel('Disposition').selectOption('question-answered');
  await wrapUp.getByRole('button', { name: 'Finish wrap-up' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Available');
}

test('a deceased patient and a merged record are marked in the screen-pop, the search and the header, and never picked alone', async ({ page }) => {
  await page.goto(host.url);
  await expect(softphone(page).getByText('TRAINING')).toBeVisible();
  const header = page.getByRole('region', { name: 'Patient' });
  const pop = page.getByRole('region', { name: 'Caller' });

  // A household number: the living spouse first, the deceased husband marked; nobody chosen for the agent.
  await dial(page, '(212) 555-0142');
  const chooser = pop.getByRole('group', { name: 'Choose the patient' });
  const candidates = chooser.getByRole('button');
  await expect(candidates).toHaveCount(2);
  await expect(candidates.nth(0)).toContainText('Ewa Kowalski');
  await expect(candidates.nth(1)).toContainText('Jan Kowalski');
  await expect(candidates.nth(1)).toContainText('Deceased (2023-02-01)');
  await expect(header).toContainText('No patient selected');
  await candidates.nth(1).click();
  await expect(header.locator('.patient-name')).toContainText('Jan Kowalski');
  await expect(header.locator('.patient-name')).toContainText('Deceased (2023-02-01)');
  await expect(header).toContainText('The record says this patient has died.');
  await expect(pop).toContainText('If a family member is calling, say you are sorry for their loss');
  await page.screenshot({ path: path.join(shots, 'patient-status-deceased.png') });
  await hangUpAndFinish(page);

  // A parent's number on a child's record: offered, labelled, not taken as the caller.
  await header.getByRole('button', { name: 'Close patient' }).click();
  await dial(page, '(212) 555-0145');
  await expect(pop.getByRole('group', { name: 'Choose the patient' }).getByRole('button')).toHaveText(/Ana Ruiz.*Mother of Ana Ruiz/);
  await expect(pop).toContainText('One possible patient for this number.');
  await expect(header).toContainText('No patient selected');
  await page.screenshot({ path: path.join(shots, 'patient-status-contact-of.png') });
  await hangUpAndFinish(page);

  // Search shows the retired record after the survivor, marked; the header offers the survivor.
  await page.getByLabel('Find a patient').fill('marta castillo');
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('button');
  await expect(results).toHaveCount(2);
  await expect(results.nth(0)).toContainText('Marta Elena Castillo');
  await expect(results.nth(1)).toContainText('Merged into Marta Elena Castillo');
  await results.nth(1).click();
  await expect(header.locator('.patient-name')).toContainText('Merged into Marta Elena Castillo');
  await expect(header).toContainText('This record was merged into Marta Elena Castillo’s. Use that record for this call.');
  await page.screenshot({ path: path.join(shots, 'patient-status-merged-header.png') });
  await header.getByRole('button', { name: 'Open Marta Elena Castillo’s current record' }).click();
  await expect(header.locator('.patient-name')).toHaveText('Marta Elena Castillo ');
  await expect(header).toContainText('+12125550144');

  // A call from the old record's number pops the survivor, saying where the number was.
  await header.getByRole('button', { name: 'Close patient' }).click();
  await dial(page, '(212) 555-0143');
  await expect(pop.locator('.caller-name')).toHaveText('Marta Elena Castillo');
  await expect(pop).toContainText('The number is on an older record of Marta Castillo, merged into this one.');
  await expect(header.locator('.patient-name')).toContainText('Marta Elena Castillo');
  await page.screenshot({ path: path.join(shots, 'patient-status-merged-call.png') });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await hangUpAndFinish(page);
});

test('one person in two sources is one search hit, with both records listed and one timeline', async ({ page }) => {
  await page.goto(host.url);
  await expect(softphone(page).getByText('TRAINING')).toBeVisible();
  await page.getByLabel('Find a patient').fill('lena okafor');
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('button');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Also in 1 other source');
  await results.first().click();
  const header = page.getByRole('region', { name: 'Patient' });
  await expect(header).toContainText('Shown with this person’s record from 1 other source. Its results are on this timeline.');
  const records = header.locator('.record-list li');
  await expect(records).toHaveText(['local files · MRN MRN-77120 · this record', 'Clinic B EHR · MRN MRN-77120 · same identifier']);
  // Clinic B's glucose is on her one timeline.
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('104 mg/dL');
  await page.screenshot({ path: path.join(shots, 'patient-two-sources-1366.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: path.join(shots, 'patient-two-sources-1920.png') });
});

test('the marks in Spanish', async ({ page }) => {
  await page.goto(host.url);
  await expect(softphone(page).getByText('TRAINING')).toBeVisible();
  await page.getByLabel('Language').selectOption('es');
  await page.getByLabel('Buscar paciente').fill('kowalski');
  const results = page.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button');
  await expect(results.filter({ hasText: 'Jan Kowalski' })).toContainText('Falleció (2023-02-01)');
  await results.filter({ hasText: 'Jan Kowalski' }).click();
  await expect(page.getByRole('region', { name: 'Paciente' })).toContainText('Según el registro, esta persona falleció.');
  await page.getByLabel('Buscar paciente').fill('marta castillo');
  await expect(page.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button').nth(1)).toContainText(
    'Unido al registro de Marta Elena Castillo',
  );
  await page.screenshot({ path: path.join(shots, 'patient-status-es.png') });
});
