// README: results on the timeline are "flagged when outside the usual range, critical when flagged HH/LL". The
// timeline's own reading (main/services/timeline/results.ts), on literal Observations: no generator involved.
import { describe, expect, it } from 'vitest';
import type { Json } from '../../main/services/fhir/access';
import { resultFlag } from '../../main/services/timeline/results';

const v3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const sodiumRange = [{ low: { value: 135, unit: 'mmol/L' }, high: { value: 145, unit: 'mmol/L' } }];

function sodium(value: number, extra: Json = {}): Json {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'Sodium' },
    valueQuantity: { value, unit: 'mmol/L' },
    referenceRange: sodiumRange,
    ...extra,
  };
}
const coded = (...codes: string[]) => ({ interpretation: codes.map((code) => ({ coding: [{ system: v3, code }] })) });
const text = (t: string) => ({ interpretation: [{ text: t }] });
const flagOf = (o: Json) => resultFlag(o, (o.valueQuantity as { value?: number } | undefined)?.value).flag;

describe('a result’s flag on the timeline', () => {
  it('with no interpretation from the lab: outside the usual range is abnormal, inside (bounds included) is normal', () => {
    expect(flagOf(sodium(150))).toBe('abnormal');
    expect(flagOf(sodium(130))).toBe('abnormal');
    expect(flagOf(sodium(145.1))).toBe('abnormal');
    expect(flagOf(sodium(140))).toBe('normal');
    expect(flagOf(sodium(135))).toBe('normal');
    expect(flagOf(sodium(145))).toBe('normal');
  });

  it('with a range open on one side, only that side counts', () => {
    const onlyHigh = sodium(3, { referenceRange: [{ high: { value: 5, unit: 'mmol/L' } }] });
    expect(flagOf(onlyHigh)).toBe('normal');
    expect(flagOf({ ...onlyHigh, valueQuantity: { value: 6, unit: 'mmol/L' } })).toBe('abnormal');
  });

  it('derives nothing without a range, or from a value written with a comparator', () => {
    expect(flagOf(sodium(150, { referenceRange: [] }))).toBeNull();
    expect(flagOf(sodium(0.01, { valueQuantity: { value: 0.01, comparator: '<', unit: 'mmol/L' }, referenceRange: [{ low: { value: 1 } }] }))).toBeNull();
  });

  it('is critical when the lab flags HH, LL or AA (any case), and only abnormal for H, L, HU or LU', () => {
    for (const code of ['HH', 'LL', 'AA', 'hh']) expect(flagOf(sodium(140, coded(code))), code).toBe('critical');
    for (const code of ['H', 'L', 'HU', 'LU', 'A']) expect(flagOf(sodium(140, coded(code))), code).toBe('abnormal');
    expect(flagOf(sodium(150, coded('N')))).toBe('normal');
  });

  it('reads a text-only interpretation: critical or panic (English or Spanish) is critical', () => {
    expect(flagOf(sodium(140, text('Critical value, called to Dr. Lee')))).toBe('critical');
    expect(flagOf(sodium(140, text('Panic value')))).toBe('critical');
    expect(flagOf(sodium(140, text('Valor crítico')))).toBe('critical');
    expect(flagOf(sodium(140, text('High')))).toBe('abnormal');
    expect(flagOf(sodium(150, text('Within normal limits')))).toBe('normal');
  });

  it('takes the worst of several interpretations, and of a panel’s components', () => {
    expect(flagOf(sodium(140, coded('N', 'H', 'HH')))).toBe('critical');
    const panel: Json = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Blood pressure' },
      component: [
        { code: { text: 'Systolic' }, valueQuantity: { value: 150, unit: 'mm[Hg]' }, referenceRange: [{ high: { value: 120 } }] },
        { code: { text: 'Diastolic' }, valueQuantity: { value: 70, unit: 'mm[Hg]' }, referenceRange: [{ high: { value: 80 } }] },
      ],
    };
    expect(resultFlag(panel, undefined).flag).toBe('abnormal');
    const critical = { ...panel, component: [...(panel.component as Json[]), { code: { text: 'Mean' }, valueQuantity: { value: 40 }, ...coded('LL') }] };
    expect(resultFlag(critical, undefined).flag).toBe('critical');
  });
});
