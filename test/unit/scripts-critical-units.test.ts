// Issue 11, point 1: no critical value escapes because of its unit. Every pack entry gets a value beyond each of its
// critical limits in every unit spelling the app accepts for it, flagged only H or L by the lab, and must get the
// critical script (warm transfer), never an explanation.
import { describe, expect, it } from 'vitest';
import type { Json } from '../../main/services/fhir/access';
import type { CriticalLimits, QuantityLab, UsualRange } from '../../main/services/knowledge/schema';
import { converter } from '../../main/services/scripts/units';
import { pack } from '../support/script-cache';
import { buildFor, resultDate, type Patient } from '../support/script-scenarios';

/** Unit texts real lab systems send (US and SI), as written in HL7 v2 OBX-6 and FHIR valueQuantity.unit. */
const spellings = [
  // counts
  '10*3/uL',
  '10^3/uL',
  '10e3/uL',
  'x10E3/uL',
  'x10^3/uL',
  '×10³/µL',
  'K/uL',
  'K/µL',
  'K/mm3',
  'thou/uL',
  'thou/mm3',
  '10*3/mm3',
  '/uL',
  'cells/uL',
  '10*9/L',
  '10^9/L',
  'x10E9/L',
  '10e9/L',
  '×10⁹/L',
  'G/L',
  '10*6/uL',
  'M/uL',
  'mill/uL',
  'x10E6/uL',
  '10^6/uL',
  '10*12/L',
  '10^12/L',
  'x10E12/L',
  'T/L',
  // electrolytes and other molar units
  'mEq/L',
  'meq/L',
  'mEq/l',
  'mmol/L',
  'mmol/l',
  'mM',
  'umol/L',
  'µmol/L',
  'micromol/L',
  'pmol/L',
  'nmol/L',
  // mass concentrations
  'mg/dL',
  'mg/dl',
  'mg%',
  'gm/dL',
  'gm/dl',
  'g/dL',
  'g/dl',
  'g/L',
  'g/l',
  'mg/L',
  'ug/dL',
  'mcg/dL',
  'µg/dL',
  'ng/mL',
  'ng/dL',
  'pg/mL',
  'ug/L',
  'ng/L',
  // enzymes and hormones
  'U/L',
  'IU/L',
  'iu/l',
  'U/l',
  'ukat/L',
  'µkat/L',
  'mIU/L',
  'uIU/mL',
  'µIU/mL',
  'mIU/mL',
  // fractions, vitals and the rest
  '%',
  'percent',
  'L/L',
  'fL',
  'pg',
  'mmHg',
  'mm Hg',
  'mm[Hg]',
  '/min',
  'bpm',
  'beats/min',
  '{beats}/min',
  'breaths/min',
  '{breaths}/min',
  'Cel',
  '°C',
  'C',
  'degC',
  '[degF]',
  '°F',
  'F',
  'degF',
  'kg',
  'g',
  '[lb_av]',
  'lb',
  'lbs',
  'cm',
  '[in_i]',
  'in',
  'kg/m2',
  'mL/min/{1.73_m2}',
  'mL/min/1.73m2',
  'mL/min/1.73 m2',
  '[pH]',
  'pH',
  's',
  '{INR}',
  'INR',
  'mm/h',
  'mm/hr',
  'mg/g',
];

const accepted = (e: QuantityLab) => spellings.filter((u) => converter(u, e.unit, e) !== undefined);

function sides(c: CriticalLimits) {
  const out: { side: 'low' | 'high'; limit: number; inclusive: boolean }[] = [];
  const low = c.atOrBelow ?? c.below;
  const high = c.atOrAbove ?? c.above;
  if (low !== undefined) out.push({ side: 'low', limit: low, inclusive: c.atOrBelow !== undefined });
  if (high !== undefined) out.push({ side: 'high', limit: high, inclusive: c.atOrAbove !== undefined });
  return out;
}

const YEAR = 365.25 * 24 * 3600 * 1000;
/** A patient of the given sex whose age on the result date is `years`. */
function patientAged(years: number, sex: 'female' | 'male'): Patient {
  const birth = new Date(Date.parse(resultDate) - years * YEAR).toISOString().slice(0, 10);
  return { id: `synthetic-${sex}-${years}`, sex, birthDate: birth, language: null };
}

/** Whom each set of limits applies to: the entry's own to an adult, a band's to someone in the middle of the band. */
function cases(e: QuantityLab): { who: Patient; critical: CriticalLimits; label: string }[] {
  const out: { who: Patient; critical: CriticalLimits; label: string }[] = [];
  if (e.critical) out.push({ who: patientAged(45, 'female'), critical: e.critical, label: 'entry' });
  e.ranges.forEach((r: UsualRange, i) => {
    if (!r.critical) return;
    const max = r.ageMax ?? r.ageMin + 40;
    out.push({ who: patientAged((r.ageMin + max) / 2, r.sex ?? 'female'), critical: r.critical, label: `range ${i}` });
  });
  return out;
}

function observation(loinc: string, value: number, unit: string, flag: string): Json {
  return {
    resourceType: 'Observation',
    id: `crit-${loinc}-${Math.random().toString(36).slice(2, 8)}`,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
    effectiveDateTime: resultDate,
    // Only the human-readable unit, as many feeds send it; no UCUM code to lean on.
    valueQuantity: { value, unit },
    interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: flag }] }],
  };
}

const quantities = pack.entries.filter((e): e is QuantityLab => e.result === 'quantity' && (e.critical !== undefined || e.ranges.some((r) => r.critical)));

describe('a value beyond a critical limit is critical in every unit the app accepts, whatever the H/L flag', () => {
  it('the pack has critical limits to test, and the common spellings are accepted', () => {
    expect(quantities.length).toBeGreaterThanOrEqual(20);
    const k = pack.labs.get('2823-3') as QuantityLab;
    expect(accepted(k)).toEqual(expect.arrayContaining(['mEq/L', 'meq/L', 'mmol/L', 'mM']));
    const plt = pack.labs.get('777-3') as QuantityLab;
    expect(accepted(plt)).toEqual(expect.arrayContaining(['10*9/L', 'K/uL', 'x10E3/uL', '10^3/uL', 'thou/uL', '10*3/uL', 'G/L']));
    const hgb = pack.labs.get('718-7') as QuantityLab;
    expect(accepted(hgb)).toEqual(expect.arrayContaining(['g/dL', 'gm/dL', 'g/L']));
    const glucose = pack.labs.get('2345-7') as QuantityLab;
    expect(accepted(glucose)).toEqual(expect.arrayContaining(['mg/dL', 'mmol/L']));
    const creatinine = pack.labs.get('2160-0') as QuantityLab;
    expect(accepted(creatinine)).toEqual(expect.arrayContaining(['mg/dL', 'umol/L', 'µmol/L']));
    const calcium = pack.labs.get('17861-6') as QuantityLab;
    expect(accepted(calcium)).toEqual(expect.arrayContaining(['mg/dL', 'mmol/L', 'mEq/L']));
  });

  it.each(quantities.map((e) => [`${e.loinc} ${e.name.en}`, e] as const))('%s', (_name, e) => {
    const units = accepted(e);
    expect(units, `${e.loinc}: its own unit ${e.unit} must be accepted`).not.toEqual([]);
    let tried = 0;
    for (const { who, critical, label } of cases(e)) {
      for (const { side, limit, inclusive } of sides(critical)) {
        for (const unit of units) {
          // Every unit conversion is affine (a scale, plus an offset for temperatures): invert the app's own.
          const toPack = converter(unit, e.unit, e)!;
          const [b, a] = [toPack(0), toPack(1) - toPack(0)];
          // In the pack's own unit an inclusive limit is tried at the limit itself; otherwise 5% beyond it (or 1 unit
          // past a limit of zero).
          const own = a === 1 && b === 0;
          const beyond = inclusive && own ? limit : side === 'low' ? (limit > 0 ? limit * 0.95 : limit - 1) : limit === 0 ? 1 : limit * 1.05;
          // A lab sends a few significant figures, never the float noise of an inverted conversion.
          const value = Number(((beyond - b) / a).toPrecision(8));
          // The lab's ordinary flag in the same direction: it must not turn a critical value into an explanation.
          const s = buildFor(observation(e.loinc, value, unit, side === 'low' ? 'L' : 'H'), { patient: who, language: 'en' });
          expect(s.safety, `${e.loinc} ${label} ${side} limit ${limit} ${e.unit}: ${value} ${unit} (age ${who.birthDate}, ${who.sex})`).toBe('critical');
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(0);
  });
});
