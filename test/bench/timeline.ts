import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadOrCreateDbKey } from '../../main/services/db/key';
import { openDatabase } from '../../main/services/db/open';
import { runImport } from '../../main/services/import/run';
import { spawnHost } from '../support/host';
import { longHistoryPatient, oldestTitle, writeLongHistory } from '../support/long-history';
import { median, round } from './stats';

const list = '[role="listbox"][aria-label^="Timeline events"]';
/** A row that shows its event (not a placeholder for a page still loading). */
const loadedRow = `${list} [role="option"]:not([aria-busy="true"])`;

declare global {
  interface Window {
    benchMarks?: { start?: number; shown?: number };
    benchLongTasks?: number[];
  }
}

async function seed(dataDir: string, events: number, patients: number): Promise<number> {
  const input = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-timeline-ndjson-'));
  try {
    writeLongHistory(input, events, patients);
    const { db } = openDatabase({ file: path.join(dataDir, 'desk.db'), key: loadOrCreateDbKey(dataDir) });
    try {
      await runImport(db, { paths: [input] }, { reportFile: path.join(dataDir, 'bench-import.txt') });
      return db.prepare('SELECT count(*) FROM events WHERE patient_id = ?').pluck().get(longHistoryPatient(0).id) as number;
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(input, { recursive: true, force: true });
  }
}

/**
 * Marks `benchMarks.start` at the next `trigger` event (a click, a key) and `benchMarks.shown` at the first frame
 * after a row matching `selector` (and containing `text`, if given) is in the page.
 */
async function watchFor(page: Page, trigger: 'click' | 'keydown', selector: string, text?: string) {
  await page.evaluate(
    ({ trigger, selector, text }) => {
      const marks: { start?: number; shown?: number } = {};
      window.benchMarks = marks;
      document.addEventListener(trigger, () => (marks.start ??= performance.now()), { capture: true, once: true });
      const found = () => [...document.querySelectorAll(selector)].some((e) => !text || e.textContent?.includes(text));
      const observer = new MutationObserver(() => {
        if (marks.start === undefined || !found()) return;
        observer.disconnect();
        requestAnimationFrame(() => (marks.shown = performance.now()));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    },
    { trigger, selector, ...(text ? { text } : {}) },
  );
}

async function elapsed(page: Page, timeoutMs: number): Promise<number | null> {
  try {
    await page.waitForFunction(() => window.benchMarks?.shown !== undefined, undefined, { timeout: timeoutMs });
  } catch {
    return null;
  }
  return page.evaluate(() => window.benchMarks!.shown! - window.benchMarks!.start!);
}

/** Opens patient `n` from the search, and returns the time from the click to the first frame with its first page. */
async function openPatient(page: Page, n: number): Promise<number> {
  const patient = longHistoryPatient(n);
  await page.getByLabel('Find a patient').fill(patient.given);
  const result = page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: new RegExp(`${patient.given} ${patient.family}`) });
  await result.waitFor();
  await watchFor(page, 'click', loadedRow);
  await result.click();
  const ms = await elapsed(page, 30_000);
  if (ms === null) {
    const shot = path.join(os.tmpdir(), 'bench-timeline-first-page.png');
    await page.screenshot({ path: shot });
    throw new Error(`the first timeline page did not appear within 30 s (screenshot: ${shot})`);
  }
  return round(ms);
}

/** A fresh page (the URL differs only in its fragment, which alone would not load the page again). */
async function load(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The longest task of the page's main thread in a trace, in thread (CPU) time: on a busy machine a task's wall time
 * also counts the time the thread waited for a CPU, which the page does not control.
 */
function longestTaskCpuMs(trace: Buffer): number {
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`));
  return round(Math.max(0, ...tasks.map((e) => (e.tdur ?? 0) / 1000)));
}

async function traced<T>(browser: Browser, page: Page, run: () => Promise<T>): Promise<{ value: T; longestTaskCpuMs: number }> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const value = await run();
  return { value, longestTaskCpuMs: longestTaskCpuMs(await browser.stopTracing()) };
}

/** Scrolls the list a screenful per frame to the bottom, loading as it goes, until the oldest event is on screen. */
async function scrollToOldest(page: Page, timeoutMs: number): Promise<boolean> {
  return page.evaluate(
    async ({ list, loadedRow, oldestTitle, timeoutMs }) => {
      const scroller = document.querySelector<HTMLElement>(list)!;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const deadline = performance.now() + timeoutMs;
      const oldestShown = () => [...document.querySelectorAll(loadedRow)].some((e) => e.textContent?.includes(oldestTitle));
      // Read once: reading the size after each scroll would force a layout in this loop, which a wheel does not.
      const screenful = scroller.clientHeight;
      while (performance.now() < deadline) {
        if (oldestShown()) return true;
        scroller.scrollBy(0, screenful);
        await frame();
      }
      return false;
    },
    { list, loadedRow, oldestTitle, timeoutMs },
  );
}

/**
 * The timeline of patients with `events` events each, in Chromium against the browser host: the first page after a
 * page load (`coldRuns` times), then in a desk already running, opening `runs` other patients one after another.
 */
export async function timelineAtScale(options: { events: number; runs: number; coldRuns: number; log: (s: string) => void }) {
  const { events, runs, coldRuns, log } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-timeline-'));
  // Patient 0 for the opens after a page load, 1…runs for the opens in a running desk, then one for End.
  const endPatient = runs + 1;
  log(`timeline: writing ${endPatient + 1} patients with ${events.toLocaleString('en-US')} events each…`);
  const onTimeline = await seed(dataDir, events, endPatient + 1);
  const host = await spawnHost(dataDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const loadBefore = round(os.loadavg()[0]!);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    const page = await context.newPage();
    await load(page, host.url);
    await openPatient(page, 0); // the host's statement cache and the file cache warm up; not counted
    log(`timeline: the first page, ${coldRuns} times after a page load and ${runs} times in a running desk…`);
    const cold: number[] = [];
    for (let i = 0; i < coldRuns; i++) {
      await load(page, host.url);
      cold.push(await openPatient(page, 0));
    }
    const warm: number[] = [];
    for (let n = 1; n <= runs; n++) warm.push(await openPatient(page, n));

    log('timeline: scrolling to the end…');
    await page.evaluate(() => {
      window.benchLongTasks = [];
      new PerformanceObserver((entries) => {
        for (const e of entries.getEntries()) window.benchLongTasks!.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const scrollStart = Date.now();
    const scrolled = await traced(browser, page, () => scrollToOldest(page, 120_000));
    const scrollSeconds = round((Date.now() - scrollStart) / 1000);
    const longTasks = await page.evaluate(() => window.benchLongTasks!);

    log('timeline: End from the top…');
    await openPatient(page, endPatient);
    await page.locator(list).focus();
    await watchFor(page, 'keydown', `${loadedRow}[aria-selected="true"]`, oldestTitle);
    await page.keyboard.press('End');
    const endMs = await elapsed(page, 15_000);

    await context.close();
    return {
      name: 'timeline of a patient with a long history, in Chromium (1366×768) against the browser host',
      // Wall times count waiting for a CPU: compare them with how busy the machine was.
      loadAverage: { before: loadBefore, after: round(os.loadavg()[0]!) },
      eventsPerPatient: onTimeline,
      firstPage: {
        targetMs: 100,
        inRunningDesk: { runs, medianMs: round(median(warm)), maxMs: Math.max(...warm), samples: warm },
        afterPageLoad: { runs: coldRuns, medianMs: round(median(cold)), maxMs: Math.max(...cold), samples: cold },
      },
      scrollToEnd: {
        reachedOldest: scrolled.value,
        seconds: scrollSeconds,
        targetLongestTaskMs: 50,
        longTasks: longTasks.length,
        longestTaskMs: longTasks.length ? round(Math.max(...longTasks)) : 0,
        longestTaskCpuMs: scrolled.longestTaskCpuMs,
      },
      endKey: { reachedOldest: endMs !== null, ms: endMs === null ? null : round(endMs) },
    };
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
