import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectWs, importPaths, repoRoot, spawnHost, type RunningHost } from '../support/host';

// README, timeline: "Keys in the list: ↑/↓, PgUp/PgDn, Home/End move". Home and End reach the newest and the oldest
// event of the whole history, whatever is loaded.

let host: RunningHost;
let dataDir: string;
/** The patient's history as the host holds it, newest first. */
let history: { title: string }[];

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-timeline-keys-'));
  importPaths(dataDir, [path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4')]);
  host = await spawnHost(dataDir);
  const ws = await connectWs(host);
  try {
    const found = (await ws.request('patients.search', { text: 'denisha680' })).value as { id: string }[];
    history = [];
    let cursor: string | null | undefined;
    do {
      const page = (await ws.request('timeline.query', { patientId: found[0]!.id, limit: 500, ...(cursor ? { cursor } : {}) })).value as {
        events: { title: string }[];
        nextCursor: string | null;
      };
      history.push(...page.events);
      cursor = page.nextCursor;
    } while (cursor);
  } finally {
    ws.close();
  }
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('Home, End, PgUp and PgDn move through the whole timeline', async ({ page }) => {
  expect(history.length).toBeGreaterThan(50);
  await page.goto(host.url);
  await page.getByLabel('Find a patient').fill('denisha');
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: /Denisha680/ })
    .click();
  const list = page.getByRole('region', { name: 'Timeline' }).getByRole('listbox');
  await expect(list.getByRole('option').first()).toBeVisible();
  const selected = list.getByRole('option', { selected: true });
  const position = async () => Number(await selected.getAttribute('aria-posinset'));
  await list.focus();

  await page.keyboard.press('End');
  await expect(selected).toHaveAttribute('aria-posinset', String(history.length));
  await expect(selected).toHaveAttribute('aria-setsize', String(history.length));
  await expect(selected).toContainText(history.at(-1)!.title);

  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await expect(selected).toContainText(history[0]!.title);

  // A page down moves several rows at once, a page up comes back to where it was.
  await page.keyboard.press('PageDown');
  await expect.poll(position).toBeGreaterThan(2);
  const onePage = await position();
  await expect(selected).toContainText(history[onePage - 1]!.title);
  await page.keyboard.press('PageDown');
  await expect.poll(position).toBe(2 * onePage - 1);
  await page.keyboard.press('PageUp');
  await expect.poll(position).toBe(onePage);
  await page.keyboard.press('ArrowUp');
  await expect.poll(position).toBe(onePage - 1);
  await page.keyboard.press('PageUp');
  await expect.poll(position).toBe(1);
});
