import { afterEach, describe, expect, it } from 'vitest';
import { addToDate, describeDate, readFhirDate } from '../../main/services/timeline/dates';
import { plainNumber } from '../../main/services/timeline/numbers';
import { observationValue } from '../../main/services/timeline/results';
import { chooseRange } from '../../main/services/timeline/reference-range';
import { eventClock, formatGroup, groupKey } from '../../renderer/features/timeline/format';

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe('reading FHIR dates as written', () => {
  it('keeps partial dates partial and refuses dates that do not exist', () => {
    expect(readFhirDate('2019', 'UTC')).toEqual({ at: '2019-01-01T12:00:00.000Z', localDate: '2019-01-01', precision: 'year', tz: null });
    expect(readFhirDate('2020-05', 'UTC')).toMatchObject({ localDate: '2020-05-01', precision: 'month' });
    expect(readFhirDate('2024-02-29', 'UTC')).toMatchObject({ localDate: '2024-02-29', precision: 'day' });
    for (const bad of [
      '2020-02-30',
      '2023-02-29',
      '2100-02-29',
      '2020-13',
      '2020-00-10',
      '2024-03-10T25:00:00Z',
      '2024-03-10T10:61:00Z',
      '2024-03-10T10:00:00+15:00',
      '1700-01-01',
      'March 10',
      '10/03/2024',
    ]) {
      expect(readFhirDate(bad, 'UTC'), bad).toEqual({ invalid: true });
    }
    expect(readFhirDate(undefined, 'UTC')).toBeUndefined();
    expect(readFhirDate('', 'UTC')).toBeUndefined();
  });

  it('keeps a written offset, reads 7-digit fractions and offsets without a colon', () => {
    expect(readFhirDate('2024-03-10T22:30:00-07:00', 'America/New_York')).toEqual({
      at: '2024-03-11T05:30:00.000Z',
      localDate: '2024-03-10',
      precision: 'time',
      tz: '-07:00',
    });
    expect(readFhirDate('2024-03-10T22:30:00.1234567+0530', 'UTC')).toMatchObject({ at: '2024-03-10T17:00:00.123Z', tz: '+05:30', localDate: '2024-03-10' });
    expect(readFhirDate('2024-03-10T22:30', 'America/Chicago')).toMatchObject({ at: '2024-03-11T03:30:00.000Z', tz: '-05:00' });
  });

  it('reads offset-less times in the organisation zone across clock changes', () => {
    // US spring forward, 2024-03-10 02:00 local: 01:30 is still standard time, 03:30 is daylight time.
    expect(readFhirDate('2024-03-10T01:30:00', 'America/Los_Angeles')).toMatchObject({ at: '2024-03-10T09:30:00.000Z', tz: '-08:00' });
    expect(readFhirDate('2024-03-10T03:30:00', 'America/Los_Angeles')).toMatchObject({ at: '2024-03-10T10:30:00.000Z', tz: '-07:00' });
    // Fall back, 2024-11-03: the day has 25 hours; a time after the change is in standard time.
    expect(readFhirDate('2024-11-03T12:00:00', 'America/Los_Angeles')).toMatchObject({ at: '2024-11-03T20:00:00.000Z', tz: '-08:00' });
    expect(readFhirDate('2024-11-02T12:00:00', 'America/Los_Angeles')).toMatchObject({ at: '2024-11-02T19:00:00.000Z', tz: '-07:00' });
  });

  it('places UTC times on the organisation’s day and clock', () => {
    expect(readFhirDate('2024-03-11T04:45:00Z', 'America/Los_Angeles')).toMatchObject({
      localDate: '2024-03-10',
      tz: '-07:00',
      at: '2024-03-11T04:45:00.000Z',
    });
    expect(readFhirDate('2024-03-11T04:45:00+00:00', 'Europe/London')).toMatchObject({ localDate: '2024-03-11', tz: '+00:00' });
  });

  it('describes a date as data text without moving it', () => {
    const d = (v: string) => describeDate(readFhirDate(v, 'UTC') as Exclude<ReturnType<typeof readFhirDate>, undefined | { invalid: true }>);
    expect(d('2019')).toBe('2019');
    expect(d('2020-05')).toBe('May 2020');
    expect(d('2024-03-10')).toBe('Mar 10, 2024');
    expect(d('2024-03-10T22:30:00-07:00')).toBe('Mar 10, 2024 10:30 PM');
  });

  it('adds ages to a birth date', () => {
    expect(addToDate('1970-06-15', { years: 45 })).toBe('2015-06-15');
    expect(addToDate('2020-02-29', { years: 1 })).toBe('2021-02-28');
    expect(addToDate('2020-01-31', { months: 1 })).toBe('2020-02-29');
    expect(addToDate('2020-01-01', { days: 10 })).toBe('2020-01-11');
  });
});

describe('numbers', () => {
  it('never uses exponent notation', () => {
    expect(plainNumber(5e-7)).toBe('0.0000005');
    expect(plainNumber(-1.25e-8)).toBe('-0.0000000125');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e22)).toBe('15000000000000000000000');
    expect(plainNumber(7)).toBe('7');
    expect(plainNumber(0.1)).toBe('0.1');
  });
});

describe('units as people write them (issue 14, point 6)', () => {
  it('shows °C, mmHg, beats/min and ×10³/µL, never the UCUM codes Cel, mm[Hg], {beats}/min or 10*3/uL', () => {
    const obs = (code: string, value = 1) => ({
      resourceType: 'Observation',
      status: 'final',
      valueQuantity: { value, system: 'http://unitsofmeasure.org', code },
    });
    const shown = (code: string) => observationValue(obs(code)).unit;
    expect(shown('Cel')).toBe('°C');
    expect(shown('mm[Hg]')).toBe('mmHg');
    expect(shown('{beats}/min')).toBe('beats/min');
    expect(shown('10*3/uL')).toBe('×10³/µL');
    expect(shown('[degF]')).toBe('°F');
    // A unit the record writes for people stays as written; a dimensionless "1" shows no unit.
    expect(observationValue({ ...obs('kg'), valueQuantity: { value: 70, unit: 'kg', code: 'kg' } }).unit).toBe('kg');
    expect(shown('1') ?? null).toBeNull();
  });
});

describe('choosing a reference range', () => {
  const hgb = (ranges: object[]) => ({ resourceType: 'Observation', referenceRange: ranges });
  const child = {
    low: { value: 11 },
    high: { value: 14 },
    appliesTo: [{ coding: [{ system: 'http://snomed.info/sct', code: '67822003', display: 'Child' }] }],
  };
  const women = {
    low: { value: 12 },
    high: { value: 15.5 },
    appliesTo: [{ coding: [{ system: 'http://snomed.info/sct', code: '248152002', display: 'Female' }] }],
  };
  const men = {
    low: { value: 13.5 },
    high: { value: 17.5 },
    appliesTo: [{ coding: [{ system: 'http://snomed.info/sct', code: '248153007', display: 'Male' }] }],
  };
  const general = { low: { value: 12 }, high: { value: 17.5 } };

  it('uses the range for the patient’s sex and age, the most specific when a general one also applies', () => {
    const adultWoman = { gender: 'female', birthDate: '1980-01-01' };
    expect(chooseRange(hgb([child, women, men]), adultWoman, '2024-01-01')).toBe(women);
    expect(chooseRange(hgb([general, men]), { gender: 'male', birthDate: '1980-01-01' }, '2024-01-01')).toBe(men);
    const adultMen = { ...men, appliesTo: [{ text: 'Adult male' }] };
    expect(chooseRange(hgb([child, adultMen]), { gender: 'male', birthDate: '2015-01-01' }, '2024-01-01')).toBe(child);
    // "Male" alone also fits a boy: two ranges apply and differ, so neither is used.
    expect(chooseRange(hgb([child, men]), { gender: 'male', birthDate: '2015-01-01' }, '2024-01-01')).toBeUndefined();
  });

  it('chooses nothing when the ranges that could apply differ and the patient does not say which', () => {
    expect(chooseRange(hgb([women, men]), { gender: 'unknown', birthDate: '1980-01-01' }, '2024-01-01')).toBeUndefined();
    expect(chooseRange(hgb([women, men]), undefined, '2024-01-01')).toBeUndefined();
    // A range for pregnancy cannot be checked: with a different general range, no flag either.
    expect(
      chooseRange(
        hgb([general, { low: { value: 11 }, high: { value: 15 }, appliesTo: [{ text: 'Pregnancy' }] }]),
        { gender: 'female', birthDate: '1990-01-01' },
        '2024-01-01',
      ),
    ).toBeUndefined();
  });

  it('reads age bands with their units and leaves out therapeutic ranges', () => {
    const infant = { low: { value: 9.5 }, high: { value: 13 }, age: { low: { value: 0, code: 'mo' }, high: { value: 11, code: 'mo' } } };
    const adult = { low: { value: 12 }, high: { value: 17.5 }, age: { low: { value: 18, code: 'a' } } };
    expect(chooseRange(hgb([infant, adult]), { birthDate: '2023-06-01' }, '2023-12-01')).toBe(infant);
    expect(chooseRange(hgb([infant, adult]), { birthDate: '1990-06-01' }, '2023-12-01')).toBe(adult);
    const therapeutic = { low: { value: 2 }, high: { value: 3 }, type: { coding: [{ code: 'therapeutic' }] } };
    const normal = { low: { value: 0.8 }, high: { value: 1.1 }, type: { coding: [{ code: 'normal' }] } };
    expect(chooseRange(hgb([therapeutic, normal]), undefined, '2023-12-01')).toBe(normal);
  });
});

describe('how the timeline shows a date', () => {
  const event = (e: object) => ({ at: '2024-07-01T16:00:00.000Z', localDate: '2024-07-01', precision: 'time' as const, tz: '-07:00', ...e });
  const t = ((key: string, o?: { year?: string; time?: string }) =>
    key === 'timeline.undated' ? 'Undated' : key === 'timeline.about' ? `About ${o?.year}` : key) as never;

  it('groups by the day as written, or the year, month, approximate year, or Undated', () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(formatGroup(groupKey(event({})), 'en-US', t)).toBe('Mon, Jul 1, 2024');
    expect(formatGroup(groupKey(event({ precision: 'year', localDate: '2019-01-01' })), 'en-US', t)).toBe('2019');
    expect(formatGroup(groupKey(event({ precision: 'month', localDate: '2020-05-01' })), 'en-US', t)).toBe('May 2020');
    expect(formatGroup(groupKey(event({ precision: 'month', localDate: '2020-05-01' })), 'es', t)).toBe('mayo de 2020');
    expect(formatGroup(groupKey(event({ precision: 'approximate', localDate: '2015-06-15' })), 'en-US', t)).toBe('About 2015');
    expect(formatGroup(groupKey(event({ precision: 'undated', localDate: null })), 'en-US', t)).toBe('Undated');
    // Cached before local_date was kept: the agent's own day (Tokyo: already July 2).
    expect(groupKey(event({ precision: null, localDate: null }))).toBe('d:2024-07-02');
  });

  it('shows a clock time on the clock it was written in, names the zone, and gives the agent’s time when it differs', () => {
    process.env.TZ = 'America/New_York';
    expect(eventClock(event({}), 'en-US', 'America/Los_Angeles')).toEqual({ time: '9:00 AM', zone: 'PDT', agentTime: '12:00 PM' });
    // The organisation is elsewhere: the offset is named as it is.
    expect(eventClock(event({}), 'en-US', 'America/Chicago')).toEqual({ time: '9:00 AM', zone: 'UTC−7', agentTime: '12:00 PM' });
    process.env.TZ = 'America/Los_Angeles';
    expect(eventClock(event({}), 'en-US', 'America/Los_Angeles')?.agentTime).toBeNull();
    expect(eventClock(event({ precision: 'day', tz: null }), 'en-US', 'America/Los_Angeles')).toBeNull();
  });
});
