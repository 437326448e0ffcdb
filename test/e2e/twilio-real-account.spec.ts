import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { e2eChromiumArgs } from '../harness/fake-mic';
import { captureCalls, measureHeard } from '../harness/page-audio';
import { connectWs, importDemoPatients, spawnHost, type RunningHost, type WsClient } from '../support/host';

/**
 * The softphone against a real Twilio account: the app's own token endpoint (the organisation's), Twilio's real
 * signaling and media. Opt-in with environment variables (README, "Twilio end to end"); without them every test
 * here reports itself skipped with the reason. The fake-gateway suite (twilio-app.spec.ts) always runs.
 */

const env = {
  tokenEndpoint: process.env.DESK_TWILIO_TOKEN_ENDPOINT ?? '',
  holdEndpoint: process.env.DESK_TWILIO_HOLD_ENDPOINT ?? '',
  transferEndpoint: process.env.DESK_TWILIO_TRANSFER_ENDPOINT ?? '',
  /** A number that answers and plays sound (e.g. a Twilio number whose TwiML says or plays something for a minute). */
  dialNumber: process.env.DESK_TWILIO_DIAL_NUMBER ?? '',
};
const missing = ['DESK_TWILIO_TOKEN_ENDPOINT', 'DESK_TWILIO_DIAL_NUMBER'].filter((name) => !process.env[name]);

// The shared project's Chromium resolves no host but 127.0.0.1; these tests need the real network.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: e2eChromiumArgs.filter((a) => !a.startsWith('--host-resolver-rules')),
  },
});
test.skip(missing.length > 0, `real Twilio account not configured: set ${missing.join(' and ')} (README, "Twilio end to end")`);

let host: RunningHost;
let dataDir: string;
let ws: WsClient;

const softphone = (page: Page) => page.getByRole('region', { name: 'Softphone' });
const status = (page: Page) => softphone(page).getByRole('status').first();

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-real-twilio-'));
  importDemoPatients(dataDir, { seed: 3, patients: 2 });
  host = await spawnHost(dataDir);
  ws = await connectWs(host);
  const set = await ws.request('settings.set', {
    telephony: { tokenEndpoint: env.tokenEndpoint, holdEndpoint: env.holdEndpoint, transferEndpoint: env.transferEndpoint },
  });
  expect(set).toMatchObject({ ok: true });
});

test.afterAll(async () => {
  ws?.close();
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('registers with Twilio, calls the test number, hears it, sends a digit, hangs up, and the contact is saved', async ({ page }) => {
  test.setTimeout(120_000);
  await captureCalls(page);
  await page.goto(host.url);
  await expect(status(page)).toHaveText('Available', { timeout: 30_000 });

  await softphone(page).getByLabel('Number to call').fill(env.dialNumber);
  await softphone(page).getByRole('button', { name: 'Call', exact: true }).click();
  await expect(status(page)).toContainText('On call', { timeout: 30_000 });
  // Sound arrives from the far end (Twilio's media server playing the number's TwiML).
  await expect.poll(async () => (await measureHeard(page, 1000)).rms, { timeout: 20_000 }).toBeGreaterThan(0.01);
  await softphone(page).getByRole('button', { name: 'Keypad' }).click();
  await softphone(page).getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1' }).click();
  await softphone(page).getByRole('button', { name: 'Hang up' }).click();
  await expect(status(page)).toContainText('Wrap-up');
  await expect(page.getByRole('region', { name: 'Wrap-up' }).getByText('Saved to the contact')).toBeVisible();
});
