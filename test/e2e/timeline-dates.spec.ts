import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectWs, spawnHost, type RunningHost } from '../support/host';

/*
 * Issue 12 points 3 and 7 as the agent sees them: a diagnosis known only by its year, an appointment at a Pacific
 * clinic read by an agent in New York, and a potassium the lab marked entered-in-error. The export is NDJSON per type,
 * as a FHIR bulk export writes it; the patient is synthetic.
 */

const shots = path.join('test-results', 'screenshots');
const subject = { reference: 'Patient/e2e-dates' };
const potassium = { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma' }], text: 'Potassium' };
const files: Record<string, object[]> = {
  'Patient.ndjson': [
    { resourceType: 'Patient', id: 'e2e-dates', name: [{ family: 'Datewise', given: ['Rosalind'] }], gender: 'female', birthDate: '1962-09-04' },
  ],
  'Condition.ndjson': [
    { resourceType: 'Condition', id: 'asthma', subject, code: { text: 'Asthma' }, onsetDateTime: '2019', clinicalStatus: { coding: [{ code: 'active' }] } },
    {
      resourceType: 'Condition',
      id: 'ruled-out',
      subject,
      code: { text: 'Type 2 diabetes' },
      recordedDate: '2023-05-02',
      verificationStatus: { coding: [{ code: 'refuted' }] },
    },
  ],
  'Appointment.ndjson': [
    {
      resourceType: 'Appointment',
      id: 'cardio',
      status: 'booked',
      serviceType: [{ text: 'Cardiology follow-up' }],
      start: '2024-07-01T09:00:00-07:00',
      participant: [{ actor: subject, status: 'accepted' }],
    },
    {
      resourceType: 'Appointment',
      id: 'derm',
      status: 'proposed',
      serviceType: [{ text: 'Dermatology' }],
      created: '2024-06-20',
      participant: [{ actor: subject, status: 'needs-action' }],
    },
  ],
  'Observation.ndjson': [
    {
      resourceType: 'Observation',
      id: 'k-ok',
      status: 'final',
      subject,
      code: potassium,
      effectiveDateTime: '2024-05-02T08:10:00-07:00',
      valueQuantity: { value: 4.1, unit: 'mmol/L' },
    },
    {
      resourceType: 'Observation',
      id: 'k-wrong-chart',
      status: 'entered-in-error',
      subject,
      code: potassium,
      effectiveDateTime: '2024-05-03T08:10:00-07:00',
      valueQuantity: { value: 2.1, unit: 'mmol/L' },
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'LL' }] }],
    },
  ],
};

let host: RunningHost;
let dataDir: string;
let exportDir: string;

test.beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-dates-'));
  exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-dates-export-'));
  for (const [name, resources] of Object.entries(files))
    fs.writeFileSync(path.join(exportDir, name), resources.map((r) => JSON.stringify(r)).join('\n') + '\n');
  host = await spawnHost(dataDir);
  // The organisation is on the US west coast; the agent (below) works from New York.
  const ws = await connectWs(host);
  expect(await ws.request('settings.set', { organisation: { timeZone: 'America/Los_Angeles' } })).toMatchObject({ ok: true });
  ws.close();
});

test.afterAll(async () => {
  await host?.stop();
  for (const d of [dataDir, exportDir]) fs.rmSync(d, { recursive: true, force: true });
});

test.use({ viewport: { width: 1366, height: 768 }, timezoneId: 'America/New_York', locale: 'en-US' });

test('the timeline shows dates as written, clinic times in the clinic’s zone, and never an entered-in-error result', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import FHIR data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import FHIR data' });
  await dialog.getByLabel('File or folder on this computer').fill(exportDir);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('heading', { name: /finished in/ })).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Find a patient').fill('Datewise');
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: /Rosalind Datewise/ })
    .click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const list = timeline.getByRole('listbox');
  // Six resources, five on the timeline: the entered-in-error potassium is not counted.
  await expect(timeline.getByRole('status').filter({ hasText: /events?$/ })).toHaveText('5 events');

  // The appointment at 9:00 in Los Angeles is 9:00 AM PDT, with the agent's own time beside it.
  const cardio = list.getByRole('option', { name: /Cardiology follow-up/ });
  await expect(cardio).toContainText('9:00 AM PDT (12:00 PM your time)');
  await expect(list.getByText('Mon, Jul 1, 2024', { exact: true })).toBeVisible();
  // A request without a time is not shown as booked.
  await expect(list.getByRole('option', { name: /Dermatology/ })).toContainText('Requested, not scheduled');

  // "2019" is all the source said: a year heading, and no invented day or time.
  await expect(list.getByText('2019', { exact: true })).toBeVisible();
  const asthma = list.getByRole('option', { name: /Asthma/ });
  await expect(asthma).toContainText('2019: Asthma');
  await expect(asthma).not.toContainText(/AM|PM|Jan/);
  await expect(list.getByRole('option', { name: /Type 2 diabetes/ })).toContainText('Ruled out');

  // One potassium: the valid one, never the critical result entered on the wrong chart.
  const potassiumRows = list.getByRole('option', { name: /Potassium/ });
  await expect(potassiumRows).toHaveCount(1);
  await expect(potassiumRows).toContainText('4.1 mmol/L');
  await expect(list.getByText('Critical')).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'timeline-dates-status.png') });
  await list.focus();
  await page.keyboard.press('End');
  await expect(asthma).toHaveAttribute('aria-selected', 'true');
  await expect(asthma).toBeInViewport();
  await page.screenshot({ path: path.join(shots, 'timeline-partial-date.png') });

  await cardio.click();
  const drawer = page.getByRole('dialog', { name: 'Cardiology follow-up' });
  await expect(drawer.getByText('Mon, Jul 1, 2024 9:00 AM PDT (12:00 PM your time)')).toBeVisible();
  // A concept sent as text only is shown in the source record too.
  await expect(drawer.getByRole('region', { name: 'Source record' })).toContainText('Cardiology follow-up');
  await page.screenshot({ path: path.join(shots, 'timeline-appointment-zone.png') });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
