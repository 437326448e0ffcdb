import { expect, test, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distDir, spawnHost, type RunningHost } from '../support/host';
import { longHistoryPatient, oldestTitle, writeLongHistory } from '../support/long-history';

/*
 * Issue 14 (points 1 and 6) as the agent sees them: a patient with a long history (1,000 events, twenty pages), the
 * keys that reach both ends of it, units as people write them, and the details opened beside the list at three widths.
 */

const shots = path.join('test-results', 'screenshots');
const events = 1000;
const patient = longHistoryPatient(0);

let host: RunningHost;
let dataDir: string;

test.beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-long-history-'));
  const input = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-long-history-ndjson-'));
  try {
    writeLongHistory(input, events);
    const run = spawnSync(process.execPath, [path.join(distDir, 'tools', 'import.js'), input, '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
  } finally {
    fs.rmSync(input, { recursive: true, force: true });
  }
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test.use({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'America/New_York' });

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });

async function openPatient(page: Page): Promise<Locator> {
  await page.goto(host.url);
  await page.getByLabel('Find a patient').fill(patient.given);
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: new RegExp(patient.given) })
    .click();
  const list = timeline(page).getByRole('listbox');
  await expect(
    timeline(page)
      .getByRole('status')
      .filter({ hasText: /events$/ }),
  ).toHaveText(`${events} events`);
  await expect(list.getByRole('option').first()).toContainText('Heart rate');
  return list;
}

/** Rows in the list's box, top to bottom, with whether their content fits their height. */
const rowBoxes = (list: Locator) =>
  list.evaluate((el) =>
    Array.from(el.querySelectorAll<HTMLElement>('[role="option"]'))
      .map((row) => {
        const r = row.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, fits: row.scrollHeight <= row.clientHeight + 1, text: row.textContent ?? '' };
      })
      .sort((a, b) => a.top - b.top),
  );

test('End and Home reach the oldest and the newest event of the whole history, loading pages on the way', async ({ page }) => {
  const list = await openPatient(page);
  // Twenty pages of events; the first is loaded, the rest only when they come into view.
  expect(await list.getByRole('option').count()).toBeLessThan(100);
  await list.focus();

  await page.keyboard.press('End');
  const oldest = list.getByRole('option', { selected: true });
  await expect(oldest).toContainText(oldestTitle);
  await expect(oldest).toHaveAttribute('aria-posinset', String(events));
  await expect(oldest).toBeInViewport();
  await page.screenshot({ path: path.join(shots, 'timeline-long-history-end.png') });

  await page.keyboard.press('PageUp');
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', String(events - 8));
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', String(events - 9));

  await page.keyboard.press('Home');
  const newest = list.getByRole('option', { selected: true });
  await expect(newest).toHaveAttribute('aria-posinset', '1');
  await expect(newest).toContainText('Heart rate');
  await expect(newest).toBeInViewport();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', '10');

  // Enter opens what is selected, even on a page that was loaded on the way.
  await page.keyboard.press('End');
  await expect(list.getByRole('option', { selected: true })).toContainText(oldestTitle);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: oldestTitle })).toBeVisible();
});

test('results show their units as people write them, never as UCUM codes', async ({ page }) => {
  const list = await openPatient(page);
  const text = (await list.getByRole('option').allTextContents()).join('\n');
  expect(text).toMatch(/Blood pressure.*\d+\/\d+ mmHg/);
  expect(text).toMatch(/Body temperature.*\d+(\.\d)? °C/);
  expect(text).toMatch(/Heart rate.*\d+ \/min/);
  expect(text).toMatch(/White blood cells.*\d+(\.\d)? ×10³\/µL/);
  expect(text).not.toMatch(/mm\[Hg\]|\bCel\b|10\*3|\buL\b/);
});

test('with the details open, rows never overlap at any width, and the filters stay usable', async ({ page }) => {
  const list = await openPatient(page);
  await list.getByRole('option').nth(2).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('region', { name: 'Source record' })).toBeVisible();

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
    { width: 1000, height: 700 },
  ]) {
    await page.setViewportSize(size);
    const label = `${size.width}×${size.height}`;
    await expect(drawer).toBeVisible();
    await expect.poll(async () => (await rowBoxes(list)).length, `rows are drawn at ${label}`).toBeGreaterThan(5);
    const rows = await rowBoxes(list);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.top, `row ${i} starts below row ${i - 1} at ${label}`).toBeGreaterThanOrEqual(rows[i - 1]!.bottom - 0.5);
    }
    expect(
      rows.filter((r) => !r.fits).map((r) => r.text),
      `every row's content fits its height at ${label}`,
    ).toEqual([]);

    // The details sit beside (or under) the list, never over it or over the filters.
    const d = (await drawer.boundingBox())!;
    const l = (await list.boundingBox())!;
    const chips = (await timeline(page).getByRole('group', { name: 'Show' }).boundingBox())!;
    const apart = (a: typeof d, b: typeof d) =>
      a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
    expect(apart(d, l), `the details do not cover the list at ${label}`).toBe(true);
    expect(apart(d, chips), `the details do not cover the filters at ${label}`).toBe(true);
    await page.screenshot({ path: path.join(shots, `timeline-drawer-${size.width}x${size.height}.png`) });

    // A click on a chip reaches it (Playwright refuses a click that another element would receive).
    await timeline(page).getByRole('button', { name: 'Bills' }).click();
    await expect(timeline(page).getByRole('button', { name: 'Bills' })).toHaveAttribute('aria-pressed', 'true');
    await expect(timeline(page).getByText('Nothing on this patient’s timeline matches.')).toBeVisible();
    await timeline(page).getByRole('button', { name: 'All' }).click();
    await expect(list.getByRole('option').first()).toContainText('Heart rate');
  }
});
