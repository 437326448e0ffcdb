import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { patientBundle } from '../../main/services/demo-data';
import { importDemoPatients, spawnHost, type RunningHost } from '../support/host';

const shots = path.join('test-results', 'screenshots');

let host: RunningHost;
let dataDir: string;

test.use({ permissions: ['clipboard-write'] });

test.beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-phone-'));
  // Few patients, and none sharing a number (the shared-phone pair is indices 4 and 5): one match per caller.
  importDemoPatients(dataDir, { seed: 7, patients: 4 });
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const softphone = (page: Page) => page.getByRole('region', { name: 'Softphone' });

/** The number on the status line, and the patient the screen-pop shows for it, before anyone answers. */
async function ringAndCheckScreenPop(page: Page) {
  await expect(softphone(page).getByRole('status')).toContainText('Ringing');
  const status = (await softphone(page).getByRole('status').first().textContent())!;
  const number = status.match(/\+\d{8,15}/)![0];
  const pop = page.getByRole('region', { name: 'Caller' });
  await expect(pop.locator('.caller-name')).not.toBeEmpty();
  // The patient on screen is the one whose record holds this number.
  const name = (await pop.locator('.caller-name').textContent())!.trim();
  const patient = demoPatientWithNumber(number);
  expect(name).toBe(patient.name);
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText(patient.name);
  await expectNothingBeyondTheName(page, patient);
  return { number, pop, name, patient };
}

interface DemoPatient {
  name: string;
  birthDate: string;
  mrn: string;
}

/** The generated patient (seed 7, the first four) whose record holds this number, read from the generator's output. */
function demoPatientWithNumber(e164: string): DemoPatient {
  const digits = (s: string) => s.replace(/\D/g, '').slice(-10);
  for (let i = 0; i < 4; i++) {
    const p = patientBundle(7, i).entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource as {
      name: { given: string[]; family: string }[];
      birthDate: string;
      telecom?: { system: string; value: string }[];
      identifier: { type?: { coding?: { code: string }[] }; value: string }[];
    };
    if (!p.telecom?.some((t) => t.system === 'phone' && digits(t.value) === digits(e164))) continue;
    const mrn = p.identifier.find((id) => id.type?.coding?.[0]?.code === 'MR')!.value;
    return { name: [...p.name[0]!.given, p.name[0]!.family].join(' '), birthDate: p.birthDate, mrn };
  }
  throw new Error(`no generated patient has ${e164}`);
}

/**
 * Before identity is verified, nothing beyond the name: the timeline and the script panel are closed, and neither the
 * date of birth nor the MRN is on screen, except as the values the agent checks what the caller says against.
 */
async function expectNothingBeyondTheName(page: Page, patient: DemoPatient) {
  await expect(page.getByRole('note').filter({ hasText: 'Verify the caller’s identity (two identifiers)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Explanation script' })).toHaveCount(0);
  await expect(page.getByRole('listbox')).toHaveCount(0);
  const form = page.getByRole('group', { name: 'Verify identity' });
  await expect(form).toBeVisible();
  const outside = (await page.locator('body').innerText()).replace(await form.innerText(), '');
  expect(outside).toContain(patient.name);
  expect(outside).not.toContain(patient.birthDate);
  expect(outside).not.toContain(patient.mrn);
}

test('a training call: rings with the right patient on screen, verified, script opened, wrapped up, on the timeline after a reload', async ({ page }) => {
  await page.goto(host.url);
  await expect(softphone(page).getByText('TRAINING')).toBeVisible();
  // The scenario is a secondary control, under "More…".
  await softphone(page).getByRole('button', { name: 'More…' }).click();
  await softphone(page).getByLabel('Training scenario').selectOption('lab-result');
  await softphone(page).getByRole('button', { name: 'Simulate a call' }).click();
  const { pop, name, patient } = await ringAndCheckScreenPop(page);
  await page.screenshot({ path: path.join(shots, 'call-ringing-screen-pop.png'), fullPage: true });

  await softphone(page).getByRole('button', { name: 'Answer' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('On call');
  // Answered, one identifier ticked: still nothing beyond the name.
  await pop.getByLabel('Date of birth').check();
  await expectNothingBeyondTheName(page, patient);

  await pop.getByLabel('Full name').check();
  await pop.getByRole('button', { name: 'Identity verified' }).click();
  await expect(pop.getByText('Identity verified with 2 identifiers.')).toBeVisible();
  // Verified: the record opens, with what was held back.
  const header = page.getByRole('region', { name: 'Patient' });
  await expect(header).toContainText(patient.birthDate);
  await expect(header).toContainText(patient.mrn);

  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: 'Results' }).click();
  await timeline.getByRole('option').first().click();
  const script = page.getByRole('region', { name: 'Explanation script' });
  await expect(script.getByRole('checkbox')).toHaveCount(6);
  await script.getByRole('button', { name: 'Understood' }).click();
  await expect(script.getByText('Saved to the contact')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'call-active-script.png'), fullPage: true });

  await softphone(page).getByRole('button', { name: 'Hold' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('On hold');
  await softphone(page).getByRole('button', { name: 'Resume' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('On call');

  await softphone(page).getByRole('button', { name: 'Hang up' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Wrap-up');
  const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
  await wrapUp.getByLabel('Disposition').selectOption('result-explained');
  await wrapUp.getByLabel('Notes').fill('Explained the result; patient will watch for the portal message.');
  await expect(wrapUp.getByText('Saved to the contact')).toBeVisible();
  await expect(wrapUp.getByText(/Script used: /)).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'call-wrap-up.png'), fullPage: true });
  await wrapUp.getByRole('button', { name: 'Finish wrap-up' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Available');

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Nothing lost: after a reload the contact is on the patient's timeline with what was typed.
  await page.reload();
  await page.getByLabel('Find a patient').fill(name);
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: new RegExp(name) })
    .first()
    .click();
  await timeline.getByRole('button', { name: 'Contacts' }).click();
  const contact = timeline.getByRole('option').filter({ hasText: /Training call \(inbound\) — result explained/ });
  await expect(contact).toBeVisible();
  await contact.click();
  const record = page.getByRole('region', { name: 'Source record' });
  await expect(record).toContainText('Explained the result; patient will watch for the portal message.');
  // The teach-back given during the call is on the call's own contact, with its call SID and identity outcome.
  await expect(record).toContainText('understood');
  await expect(record).toContainText(/TR[0-9a-f]{32}/);
  await expect(record).toContainText('verified');
  await page.screenshot({ path: path.join(shots, 'call-contact-on-timeline.png'), fullPage: true });
});

test('the same call with the keyboard only', async ({ page }) => {
  await page.goto(host.url);
  await expect(softphone(page).getByText('TRAINING')).toBeVisible();
  // "More…" opens with ArrowDown on its first control, the scenario.
  await softphone(page).getByRole('button', { name: 'More…' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(softphone(page).getByLabel('Training scenario')).toBeFocused();
  await softphone(page).getByLabel('Training scenario').selectOption('bill');
  await page.keyboard.press('Control+Shift+Y');
  const { pop } = await ringAndCheckScreenPop(page);
  await page.keyboard.press('Control+Shift+A');
  await expect(softphone(page).getByRole('status').first()).toContainText('On call');

  await pop.getByLabel('Date of birth').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(pop.getByLabel('Full name')).toBeChecked();
  await pop.getByRole('button', { name: 'Identity verified' }).focus();
  await page.keyboard.press('Enter');
  await expect(pop.getByText(/Identity verified with 2/)).toBeVisible();

  const timeline = page.getByRole('region', { name: 'Timeline' });
  const list = timeline.getByRole('listbox');
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+Shift+E');
  await expect(softphone(page).getByRole('status').first()).toContainText('Wrap-up');
  const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
  await wrapUp.getByLabel('Disposition').focus();
  await wrapUp.getByLabel('Disposition').selectOption('question-answered');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Answered by keyboard.');
  await expect(wrapUp.getByText('Saved to the contact')).toBeVisible();
  await wrapUp.getByRole('button', { name: 'Finish wrap-up' }).focus();
  await page.keyboard.press('Enter');
  await expect(softphone(page).getByRole('status').first()).toContainText('Available');
  await page.screenshot({ path: path.join(shots, 'call-keyboard-done.png'), fullPage: true });
});

test('an outbound call from the patient header, ended by the caller; a declined call still gets a wrap-up', async ({ page }) => {
  await page.goto(host.url);
  await page.getByLabel('Find a patient').fill('a');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  const header = page.getByRole('region', { name: 'Patient' });
  await header.getByRole('button', { name: /^Call \+\d+/ }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText(/Dialling|Connecting|On call/);
  await expect(softphone(page).getByRole('status').first()).toContainText('On call');
  await softphone(page).getByRole('button', { name: 'More…' }).click();
  await softphone(page).getByRole('button', { name: 'Caller hangs up (training)' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Wrap-up');
  await expect(softphone(page).getByText('Call ended.')).toBeVisible();
  const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
  await wrapUp.getByLabel('Disposition').selectOption('question-answered');
  await wrapUp.getByRole('button', { name: 'Finish wrap-up' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Available');

  await softphone(page).getByRole('button', { name: 'More…' }).click();
  await softphone(page).getByLabel('Training scenario').selectOption('wrong-number');
  await softphone(page).getByRole('button', { name: 'Simulate a call' }).click();
  await expect(page.getByRole('region', { name: 'Caller' })).toContainText('Unknown caller.');
  await softphone(page).getByRole('button', { name: 'Decline' }).click();
  await expect(softphone(page).getByText('Call declined.')).toBeVisible();
  await wrapUp.getByLabel('Disposition').selectOption('wrong-number');
  await wrapUp.getByRole('button', { name: 'Finish wrap-up' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Available');
});
