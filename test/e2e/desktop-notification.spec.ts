import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectWs, importDemoPatients, spawnHost, type RunningHost } from '../support/host';

// The browser host has no tray: a ringing call shows a Web Notification. The page's Notification is replaced by a
// recorder (Chromium under test shows none), keeping the API the app uses: permission, requestPermission, close, onclick.

let host: RunningHost;
let dataDir: string;

test.use({ permissions: ['microphone', 'notifications'] });

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-notify-'));
  // Few patients, none sharing a number: one match per caller.
  importDemoPatients(dataDir, { seed: 7, patients: 4 });
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Recorded {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
  closed: boolean;
}

/** Replaces window.Notification with a recorder before the app loads; `permission` is what the page starts with. */
async function recordNotifications(page: Page, permission: NotificationPermission) {
  await page.addInitScript((initial: NotificationPermission) => {
    const w = window as unknown as Record<string, unknown>;
    const made: Array<Record<string, unknown>> = [];
    w.__notifications = made;
    w.__permissionRequests = 0;
    w.__focused = 0;
    window.focus = () => {
      w.__focused = (w.__focused as number) + 1;
    };
    class RecordingNotification {
      static permission: NotificationPermission = initial;
      static async requestPermission(): Promise<NotificationPermission> {
        w.__permissionRequests = (w.__permissionRequests as number) + 1;
        RecordingNotification.permission = 'granted';
        return 'granted';
      }
      title: string;
      body: string;
      tag: string;
      requireInteraction: boolean;
      closed = false;
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        this.title = title;
        this.body = options.body ?? '';
        this.tag = options.tag ?? '';
        this.requireInteraction = options.requireInteraction ?? false;
        made.push(this as unknown as Record<string, unknown>);
      }
      close() {
        this.closed = true;
      }
    }
    w.Notification = RecordingNotification;
  }, permission);
}

const recorded = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { __notifications: Recorded[] }).__notifications ?? []).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      requireInteraction: n.requireInteraction,
      closed: n.closed,
    })),
  );

const softphone = (page: Page) => page.getByRole('region', { name: 'Softphone' });

async function simulate(page: Page, scenario: string) {
  await expect(softphone(page).getByText('TRAINING')).toBeVisible();
  await expect(softphone(page).getByRole('status').first()).toContainText('Available');
  await softphone(page).getByRole('button', { name: 'More…' }).click();
  await softphone(page).getByLabel('Training scenario').selectOption(scenario);
  await softphone(page).getByRole('button', { name: 'Simulate a call' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Ringing');
  const status = (await softphone(page).getByRole('status').first().textContent())!;
  return status.match(/\+\d{8,15}/)![0];
}

test('a ringing call shows a notification with the last four digits and no name, closed when the call is answered', async ({ page }) => {
  await recordNotifications(page, 'granted');
  await page.goto(host.url);
  const number = await simulate(page, 'lab-result');
  const name = (await page.getByRole('region', { name: 'Caller' }).locator('.caller-name').textContent())!.trim();
  expect(name.length).toBeGreaterThan(0);

  await expect.poll(() => recorded(page)).toHaveLength(1);
  const [n] = await recorded(page);
  expect(n).toEqual({
    title: 'Incoming call',
    body: `Number ending in ${number.replace(/\D/g, '').slice(-4)}`,
    tag: 'incoming-call',
    requireInteraction: true,
    closed: false,
  });
  // Privacy: nothing of the patient's name, whole or in part (a notification may show on a locked screen).
  for (const part of name.split(/\s+/).filter((p) => p.length > 1)) expect(`${n!.title} ${n!.body}`).not.toContain(part);

  await softphone(page).getByRole('button', { name: 'Answer' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('On call');
  await expect.poll(async () => (await recorded(page))[0]?.closed).toBe(true);

  await softphone(page).getByRole('button', { name: 'Hang up' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Wrap-up');
  expect(await recorded(page)).toHaveLength(1);
});

test('asks for permission once, on the first ring; clicking the notification focuses the desk; declining closes it', async ({ page }) => {
  await recordNotifications(page, 'default');
  await page.goto(host.url);
  await expect(softphone(page).getByRole('status').first()).toContainText('Available');
  expect(await page.evaluate(() => (window as unknown as { __permissionRequests: number }).__permissionRequests)).toBe(0);

  const number = await simulate(page, 'unknown-caller');
  await expect.poll(() => recorded(page)).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { __permissionRequests: number }).__permissionRequests)).toBe(1);
  expect((await recorded(page))[0]).toMatchObject({ title: 'Incoming call', body: `Number ending in ${number.replace(/\D/g, '').slice(-4)}`, closed: false });

  await page.evaluate(() => (window as unknown as { __notifications: Array<{ onclick: () => void }> }).__notifications[0]!.onclick());
  expect(await page.evaluate(() => (window as unknown as { __focused: number }).__focused)).toBe(1);
  expect((await recorded(page))[0]?.closed).toBe(true);

  await softphone(page).getByRole('button', { name: 'Decline' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Wrap-up');
  expect(await recorded(page)).toHaveLength(1);
});

/**
 * Whether the page has reported a ringing status to the host (desktop.callStatus over its WebSocket). The page decides
 * on the notification as it sends that report, so once it is sent, a notification that was coming has been made.
 */
function watchRingingReports(page: Page): () => boolean {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (f) => frames.push(String(f.payload))));
  return () => frames.some((f) => f.includes('"desktop.callStatus"') && f.includes('"ringing"'));
}

test('no notification when settings.desktop.notifyIncoming is off', async ({ page }) => {
  const ws = await connectWs(host);
  try {
    expect(await ws.request('settings.set', { desktop: { notifyIncoming: false } })).toMatchObject({ ok: true });
    await recordNotifications(page, 'granted');
    const reportedRinging = watchRingingReports(page);
    await page.goto(host.url);
    await simulate(page, 'lab-result');
    await expect.poll(reportedRinging).toBe(true);
    expect(await recorded(page)).toEqual([]);
    await softphone(page).getByRole('button', { name: 'Decline' }).click();
    await expect(softphone(page).getByRole('status').first()).toContainText('Wrap-up');
  } finally {
    await ws.request('settings.set', { desktop: { notifyIncoming: true } });
    ws.close();
  }
});

test('no notification and no question when the agent has blocked notifications for the desk', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await recordNotifications(page, 'denied');
  const reportedRinging = watchRingingReports(page);
  await page.goto(host.url);
  await simulate(page, 'lab-result');
  await expect.poll(reportedRinging).toBe(true);
  expect(await recorded(page)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __permissionRequests: number }).__permissionRequests)).toBe(0);
  await softphone(page).getByRole('button', { name: 'Decline' }).click();
  await expect(softphone(page).getByRole('status').first()).toContainText('Wrap-up');
  expect(problems).toEqual([]);
});
