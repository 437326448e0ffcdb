import { afterEach, describe, expect, test } from 'vitest';
import { groupKey } from '../../renderer/features/timeline/format';

// The day an event is listed under, in the two zones farthest apart: Chicago (UTC-6 in winter) and Kiritimati (UTC+14).
// Node reads TZ again whenever it is set, so each test runs in its own zone.
const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});

const at = '2026-03-01T03:30:00.000Z';

describe.each([
  ['America/Chicago', 'd:2026-02-28'],
  ['Pacific/Kiritimati', 'd:2026-03-01'],
])('timeline days in %s', (zone, agentDay) => {
  test('a clinic time written with its own date is listed on that date, wherever the agent sits', () => {
    process.env.TZ = zone;
    expect(groupKey({ at, localDate: '2026-02-28', precision: 'time' })).toBe('d:2026-02-28');
  });

  test("the desk's own contacts (no written date) are listed on the agent's own day", () => {
    process.env.TZ = zone;
    expect(groupKey({ at, localDate: null, precision: null })).toBe(agentDay);
  });

  test('a year-only or month-only date is never moved to a neighbouring day or year', () => {
    process.env.TZ = zone;
    expect(groupKey({ at: '2019-01-01T00:00:00.000Z', localDate: '2019', precision: 'year' })).toBe('y:2019');
    expect(groupKey({ at: '2019-12-01T00:00:00.000Z', localDate: '2019-12', precision: 'month' })).toBe('m:2019-12');
  });
});
