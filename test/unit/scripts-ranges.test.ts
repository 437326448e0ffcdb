import { describe, expect, it } from 'vitest';
import { labEntry, type QuantityLab } from '../../main/services/knowledge/schema';
import { ageInterval, instantBounds } from '../../main/services/scripts/patient-age';
import { applicableRanges, beyondHigh, beyondLow } from '../../main/services/scripts/ranges';

/** A quantity entry as it would be written in a pack file. */
function entry(fields: Record<string, unknown>): QuantityLab {
  const text = { en: 'Plain words.', es: 'Palabras simples.' };
  return labEntry.parse({
    result: 'quantity',
    loinc: '1234-5',
    name: text,
    measures: text,
    why: text,
    explain: 'ambassador',
    unit: 'mg/dL',
    higher: text,
    lower: text,
    ...fields,
  }) as QuantityLab;
}

const years = (n: number) => ({ min: n, max: n });
const DAY = 1 / 365.25;

describe('the age a result was taken at', () => {
  it('a full birth date and a result time: the birth day is the only uncertainty', () => {
    const a = ageInterval('2026-11-01', '2026-11-03T09:30:00Z')!;
    expect(a.min).toBeGreaterThan(0.5 * DAY);
    expect(a.max).toBeLessThan(4 * DAY);
    expect(a.max - a.min).toBeLessThan(2.5 * DAY);
  });

  it('a partial birth date ("1980", "1980-05") widens the interval to the year or the month', () => {
    const year = ageInterval('1980', '2026-11-03')!;
    expect(year.max - year.min).toBeGreaterThan(0.99);
    expect(year.min).toBeGreaterThan(45.8);
    const month = ageInterval('2026-10', '2026-11-03')!;
    expect(month.min).toBeLessThan(5 * DAY);
    expect(month.max).toBeGreaterThan(30 * DAY);
  });

  it('no birth date, an unreadable one, or a result before the birth: unknown', () => {
    expect(ageInterval(null, '2026-11-03')).toBeUndefined();
    expect(ageInterval('05/05/1980', '2026-11-03')).toBeUndefined();
    expect(ageInterval('1980-02-30', '2026-11-03')).toBeUndefined();
    expect(ageInterval('2027-01-01', '2026-11-03')).toBeUndefined();
    expect(instantBounds('1980-13')).toBeUndefined();
  });
});

describe('which range and which critical limits apply', () => {
  const adultOnly = entry({ ranges: [{ ageMin: '18y', low: 10, high: 20 }], critical: { below: 5, above: 40 } });

  it('an adult gets the adult range and the entry limits', () => {
    const a = applicableRanges(adultOnly, 'female', years(40));
    expect(a.usual).toMatchObject({ kind: 'range', range: { low: 10, high: 20 } });
    expect(a.critical).toEqual({ low: { value: 5, inclusive: false }, high: { value: 40, inclusive: false } });
  });

  it('a child, where only an adult range is published, is clinician-only; the critical limits still apply', () => {
    const a = applicableRanges(adultOnly, 'male', years(7));
    expect(a.usual.kind).toBe('clinician');
    expect(a.critical.high?.value).toBe(40);
  });

  it('someone who may be 17 or 18 on the result date is clinician-only too', () => {
    expect(applicableRanges(adultOnly, 'male', { min: 17.9, max: 18.1 }).usual.kind).toBe('clinician');
  });

  it('no birth date: a range that depends on age cannot be chosen', () => {
    expect(applicableRanges(adultOnly, 'female', undefined).usual.kind).toBe('uncertain');
    const allAges = entry({ ranges: [{ ageMin: 0, low: 95 }] });
    expect(applicableRanges(allAges, null, undefined).usual).toMatchObject({ kind: 'range', range: { low: 95 } });
  });

  it('the edges of an age band: a patient exactly ageMin old is in it, one exactly ageMax old is in the next', () => {
    const banded = entry({
      ranges: [
        { ageMin: '1y', ageMax: '18y', low: 60, high: 100 },
        { ageMin: '18y', low: 70, high: 110 },
      ],
    });
    expect(applicableRanges(banded, 'female', years(1)).usual).toMatchObject({ kind: 'range', range: { low: 60, high: 100 } });
    expect(applicableRanges(banded, 'female', years(17.99)).usual).toMatchObject({ kind: 'range', range: { low: 60, high: 100 } });
    expect(applicableRanges(banded, 'female', years(18)).usual).toMatchObject({ kind: 'range', range: { low: 70, high: 110 } });
    expect(applicableRanges(banded, 'male', years(65)).usual).toMatchObject({ kind: 'range', range: { low: 70, high: 110 } });
    // Younger than every band: no published range, so clinician-only.
    expect(applicableRanges(banded, 'male', years(0.5)).usual.kind).toBe('clinician');
  });

  it('sex-specific ranges: each sex its own, an unknown sex gets neither', () => {
    const e = entry({
      ranges: [
        { sex: 'female', ageMin: 18, low: 12, high: 15.5 },
        { sex: 'male', ageMin: 18, low: 13.2, high: 17.3 },
      ],
    });
    expect(applicableRanges(e, 'female', years(30)).usual).toMatchObject({ kind: 'range', range: { high: 15.5 } });
    expect(applicableRanges(e, 'male', years(30)).usual).toMatchObject({ kind: 'range', range: { low: 13.2 } });
    expect(applicableRanges(e, null, years(30)).usual.kind).toBe('uncertain');
  });

  it('age bands in hours and days: the strictest limit of every band the age may fall in', () => {
    const bilirubin = entry({
      ranges: [
        { ageMin: 0, ageMax: '24h', explain: 'clinician', critical: { above: 7 } },
        { ageMin: '24h', ageMax: '48h', explain: 'clinician', critical: { above: 11 } },
        { ageMin: '48h', ageMax: '30d', explain: 'clinician', critical: { atOrAbove: 12 } },
        { ageMin: '18y', low: 0.1, high: 1.2 },
      ],
      critical: { atOrAbove: 10 },
    });
    // Born on 2026-11-02, result on 2026-11-03 at 09:30: between about 10 and 57 hours old.
    const age = ageInterval('2026-11-02', '2026-11-03T09:30:00Z')!;
    const a = applicableRanges(bilirubin, 'female', age);
    expect(a.usual.kind).toBe('clinician');
    expect(a.critical.high).toEqual({ value: 7, inclusive: false });
    // Ten days old: the 48h–30d band only.
    expect(applicableRanges(bilirubin, 'female', years(10 * DAY)).critical.high).toEqual({ value: 12, inclusive: true });
    // A child past 30 days: no band, so clinician-only with the entry's limit.
    const child = applicableRanges(bilirubin, 'female', years(3));
    expect(child.usual.kind).toBe('clinician');
    expect(child.critical.high).toEqual({ value: 10, inclusive: true });
  });

  it('a band of its own critical limits replaces the entry limits for that band only', () => {
    const heart = entry({
      unit: '/min',
      ranges: [
        { ageMin: 0, ageMax: 1, low: 100, high: 160, critical: { below: 70, above: 220 } },
        { ageMin: 12, low: 60, high: 100 },
      ],
      critical: { below: 40, above: 130 },
    });
    expect(applicableRanges(heart, 'male', years(0.5)).critical).toEqual({ low: { value: 70, inclusive: false }, high: { value: 220, inclusive: false } });
    expect(applicableRanges(heart, 'male', years(30)).critical).toEqual({ low: { value: 40, inclusive: false }, high: { value: 130, inclusive: false } });
    // Ages 1 to 12 have no band here: clinician-only, with the entry's limits.
    expect(applicableRanges(heart, 'male', years(5)).usual.kind).toBe('clinician');
  });

  it('inclusive limits catch the limit itself; strict ones do not', () => {
    expect(beyondLow(6.5, { value: 6.5, inclusive: true })).toBe(true);
    expect(beyondLow(6.5, { value: 6.5, inclusive: false })).toBe(false);
    expect(beyondHigh(38, { value: 38, inclusive: true })).toBe(true);
    expect(beyondHigh(38, { value: 38, inclusive: false })).toBe(false);
    expect(beyondHigh(38.1, undefined)).toBe(false);
  });

  it('a pack entry cannot give both forms of a limit, or a range without an age', () => {
    expect(() => entry({ critical: { below: 5, atOrBelow: 6 } })).toThrow(/either below or atOrBelow/);
    expect(() => entry({ ranges: [{ low: 1, high: 2 }] })).toThrow();
    expect(() => entry({ ranges: [{ ageMin: '3 years', low: 1 }] })).toThrow(/an age is/);
  });
});
