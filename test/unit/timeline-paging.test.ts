import crypto from 'node:crypto';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/services/db/open';
import { runImport } from '../../main/services/import/run';
import { queryTimeline } from '../../main/services/timeline/queries';
import { TimelineQuery } from '../../preload/contract';
import { longHistoryPatient, oldestTitle, writeLongHistory } from '../support/long-history';
import { tempDir } from '../support/tmp';

/*
 * Issue 14, point 6: the timeline is read a page at a time from anywhere in a long history (End loads the last page
 * without the ones before it), and every page says how many events match, so the list knows its full length.
 */

const events = 230;
const patientId = longHistoryPatient(0).id;
let db: Database;

beforeAll(async () => {
  const dir = tempDir();
  ({ db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) }));
  const input = path.join(dir, 'export');
  writeLongHistory(input, events);
  await runImport(db, { paths: [input] }, { reportFile: path.join(dir, 'report.txt') });
});
afterAll(() => db?.close());

const page = (offset: number, more: { kinds?: string[] } = {}) => queryTimeline(db, { patientId, limit: 50, ...(offset ? { offset } : {}), ...more });

describe('pages by offset', () => {
  it('cover the whole history newest first, each event once, and each page counts them all', () => {
    const whole = queryTimeline(db, { patientId, limit: 500 }).events.map((e) => e.id);
    expect(whole).toHaveLength(events);
    const pages = [0, 50, 100, 150, 200].map((offset) => page(offset));
    expect(pages.map((p) => p.total)).toEqual([events, events, events, events, events]);
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, 50, 50, 30]);
    expect(pages.flatMap((p) => p.events.map((e) => e.id))).toEqual(whole);
  });

  it('reach the oldest event without reading the pages before it', () => {
    const last = page(events - 1);
    expect(last.events.map((e) => e.title)).toEqual([oldestTitle]);
    expect(page(events).events).toEqual([]);
  });

  it('apply the filters before counting and skipping', () => {
    const visits = queryTimeline(db, { patientId, limit: 500, kinds: ['encounter'] }).events;
    expect(visits.length).toBeGreaterThan(10);
    const second = page(10, { kinds: ['encounter'] });
    expect(second.total).toBe(visits.length);
    expect(second.events.map((e) => e.id)).toEqual(visits.slice(10, 60).map((e) => e.id));
  });

  it('are asked for with a cursor or an offset, never both', () => {
    expect(TimelineQuery.safeParse({ patientId, offset: 50 }).success).toBe(true);
    expect(TimelineQuery.safeParse({ patientId, offset: -1 }).success).toBe(false);
    expect(TimelineQuery.safeParse({ patientId, offset: 50, cursor: 'abc' }).success).toBe(false);
  });
});
