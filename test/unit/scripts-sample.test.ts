// The reviewer's sample (npm run scripts:sample) always holds the paths a sample read the day after each result
// cannot reach, and the bills a random draw misses (round 3 of the plain-language rescore, N13).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSample, requiredPaths, takenAt } from '../../main/tools/script-sample';
import { buildScript, patientFacts } from '../../main/services/scripts/engine';
import { scriptSources } from '../../main/services/scripts/queries';
import { pack, scriptCache } from '../support/script-cache';

let db: Database;
beforeAll(async () => {
  db = await scriptCache({ patients: 30 });
});
afterAll(() => db?.close());

describe('the script sampler', () => {
  it('names every required path the review asked for', () => {
    expect(requiredPaths.map((p) => p.name)).toEqual([
      'a critical result read more than 7 days after it came out',
      'a result outside the usual range from more than a year ago',
      "a child's past critical result",
      "a child's result from more than a year ago",
      'a result the app cannot explain (unknown)',
      'an explanation of benefits with $0 to pay',
      'an explanation of benefits with coinsurance',
      'an explanation of benefits with a denied line',
    ]);
  });

  it('finds each one in the demo data, read on the date it needs, and each script really is that path', () => {
    const { kinds, required } = chooseSample(db, pack, { seed: 5151, perKind: 3, draws: 300 });
    expect(kinds.size).toBeGreaterThan(5);
    expect(required.filter((r) => !r.found && !r.held).map((r) => r.path.name)).toEqual([]);
    for (const r of required) {
      const s = (r.found ?? r.held)!;
      const src = scriptSources(db, { patientId: s.row.patient_id, type: s.row.type, id: s.row.id });
      const script = buildScript(pack, {
        patient: patientFacts(s.row.patient_id, src.patient, src.language, s.at),
        resource: src.resource,
        members: src.members,
        source: { type: s.row.type, id: s.row.id },
        language: 'en',
      });
      const taken = takenAt(src.resource);
      const days = taken === undefined ? undefined : (s.at - taken) / 86_400_000;
      const child = script.kind === 'result' && (s.at - Date.parse(String(src.patient?.birthDate))) / (365.25 * 86_400_000) < 13;
      expect(r.path.fits({ script, days, child }), r.path.name).toBe(true);
      if (r.found && r.path.readAfter) expect(Math.round(days!)).toBe(r.path.readAfter);
    }
    const past = required.find((r) => r.path.name.startsWith('a critical result read'))!;
    expect(past.found ?? past.held).toBeTruthy();
  });

  it('on a fixed date, reads every script on that date', () => {
    const fixedNow = Date.parse('2026-11-02T12:00:00Z');
    const { kinds, required } = chooseSample(db, pack, { seed: 9090, perKind: 2, fixedNow, draws: 100 });
    for (const s of [...[...kinds.values()].flat(), ...required.flatMap((r) => (r.found ? [r.found] : []))]) expect(s.at).toBe(fixedNow);
  });
});
