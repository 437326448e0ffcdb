import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { canonicalUnit, converter, displayUnit, ucumCandidates } from '../../main/services/scripts/units';

/**
 * Molar masses used below (g/mol), for the knowledge pack's `molarMass`:
 *
 * | analyte                      | molarMass | note                                                        |
 * | ---------------------------- | --------- | ----------------------------------------------------------- |
 * | glucose                      | 180.156   | C6H12O6                                                     |
 * | creatinine                   | 113.12    | C4H7N3O                                                     |
 * | urea nitrogen (BUN)          | 28.0134   | 2 × 14.0067: mg/dL of nitrogen per mmol/L of urea           |
 * | calcium                      | 40.078    | charge 2                                                    |
 * | total bilirubin              | 584.66    | C33H36N4O6                                                  |
 * | cholesterol                  | 386.65    | C27H46O                                                     |
 * | triglycerides                | 885.7     | as triolein, the convention behind the published factor     |
 * | magnesium                    | 24.305    | charge 2                                                    |
 * | phosphorus (inorganic)       | 30.974    | reported as phosphorus                                      |
 * | uric acid                    | 168.11    | C5H4N4O3                                                    |
 * | free T4 (thyroxine)          | 776.87    | C15H11I4NO4                                                 |
 * | sodium, potassium, chloride, bicarbonate | —  | charge 1 (mEq/L = mmol/L); no mass conversion needed |
 *
 * Published factors these reproduce (conventional → SI: multiply; SI → conventional: divide):
 * - AMA-style SI conversion table (US conventional → international units), stored copy at
 *   http://w3.csmu.edu.tw/~chr/Int_unit_conversion.htm : bilirubin mg/dL × 17.1 = µmol/L; calcium mg/dL × 0.2495 =
 *   mmol/L; calcium ion mEq/L × 0.5 = mmol/L; bicarbonate and chloride mEq/L = mmol/L; cholesterol mg/dL × 0.02586 =
 *   mmol/L; creatinine mg/dL × 88.4 = µmol/L; albumin g/dL × 10 = g/L; ESR mm/h the same in both.
 * - Young DS, Implementation of SI units for clinical laboratory data, Ann Intern Med 1987;106:114-129, as tabulated at
 *   https://quickmedcalc.com/calculators/unit-converter : glucose × 0.0555, BUN mg/dL × 0.357 = urea mmol/L,
 *   magnesium × 0.4114, phosphate × 0.3229, uric acid mg/dL × 59.48 = µmol/L.
 * - Triglycerides: mg/dL ÷ 88.57 = mmol/L (150 mg/dL = 1.7 mmol/L), https://rxmedcalc.com/medical-calculators/lab-unit-converter
 * - Free T4: ng/dL × 12.87 = pmol/L from a molecular weight of 776.87 g/mol,
 *   https://www.health3.app/tools/convert/1_2-ng-dl-to-pmol-l-ft4/
 * - Hemoglobin g/dL × 10 = g/L, https://www.health3.app/tools/blood-test-unit-converter
 * - mEq = mmol × valence (Merck Manual, Professional edition, conversion tables),
 *   http://www.merckmanuals.com/professional/appendixes/ready_reference_guides/ready_reference_guides.html
 * - ALT units/L × 0.017 = µkat/L (1 µkat/L = 60 U/L),
 *   http://www.soc-bdr.org/rds/authors/unit_tables_conversions_and_genetic_dictionaries/e5196/index_en.html
 * - Cell counts: ×10⁹/L and ×10³/µL (and ×10¹²/L and ×10⁶/µL) are the same number,
 *   http://riyazsheena.blogspot.com/2011/05/conversions-common-uncommon-ones-we.html
 */
const molarMass = {
  glucose: 180.156,
  creatinine: 113.12,
  ureaNitrogen: 28.0134,
  calcium: 40.078,
  bilirubin: 584.66,
  cholesterol: 386.65,
  triglycerides: 885.7,
  magnesium: 24.305,
  phosphorus: 30.974,
  uricAcid: 168.11,
  freeT4: 776.87,
};

const spellings: [canonical: string, spellings: string[]][] = [
  ['10*3/uL', ['10*3/uL', '10^3/uL', '10e3/uL', 'x10E3/uL', 'x10^3/uL', '×10³/µL', '×10³/μL', 'x 10^3 / uL', '10^3 cells/uL']],
  ['10*3/uL', ['K/uL', 'K/µL', 'k/ul', 'K/mm3', 'K/mcL', 'thou/uL', 'thou/mm3', '10*3/mm3', '10*3/mm^3']],
  ['/uL', ['/uL', 'cells/uL', '/µL', '/mm3', 'cells/mm3']],
  ['10*9/L', ['10*9/L', '10^9/L', 'x10E9/L', '10e9/L', '×10⁹/L', 'G/L', 'giga/L']],
  ['10*6/uL', ['10*6/uL', 'M/uL', 'm/uL', 'mill/uL', 'x10E6/uL', '10^6/uL', '×10⁶/µL']],
  ['10*12/L', ['10*12/L', '10^12/L', 'x10E12/L', '×10¹²/L', 'T/L']],
  ['meq/L', ['mEq/L', 'meq/L', 'mEq/l', 'MEQ/L']],
  ['mmol/L', ['mmol/L', 'mmol/l', 'mM', 'MMOL/L']],
  ['umol/L', ['umol/L', 'µmol/L', 'μmol/L', 'micromol/L', 'mcmol/L']],
  ['pmol/L', ['pmol/L', 'pmol/l']],
  ['mg/dL', ['mg/dL', 'mg/dl', 'mg%', 'MG/DL', 'mg / dL', 'mg/100 mL']],
  ['g/dL', ['gm/dL', 'gm/dl', 'g/dL', 'g/dl', 'G/DL']],
  ['g/L', ['g/L', 'g/l']],
  ['mg/L', ['mg/L', 'mg/l']],
  ['ug/dL', ['ug/dL', 'mcg/dL', 'µg/dL', 'μg/dl']],
  ['ng/mL', ['ng/mL', 'ng/ml']],
  ['ng/dL', ['ng/dL', 'ng/dl']],
  ['pg/mL', ['pg/mL']],
  ['ug/L', ['ug/L', 'µg/L', 'mcg/L']],
  ['ng/L', ['ng/L']],
  ['U/L', ['U/L', 'IU/L', 'iu/l', 'U/l', 'u/L', 'units/L']],
  ['ukat/L', ['ukat/L', 'µkat/L', 'μkat/L']],
  ['m[IU]/L', ['mIU/L', 'm[IU]/L', 'uIU/mL', 'µIU/mL', 'μIU/mL', 'u[IU]/mL', 'mcIU/mL']],
  ['m[IU]/mL', ['mIU/mL', 'm[IU]/mL']],
  ['%', ['%', 'percent', ' % ']],
  ['L/L', ['L/L', 'l/l']],
  ['1', ['1']],
  ['{ratio}', ['{ratio}']],
  ['fL', ['fL', 'fl', 'FL']],
  ['pg', ['pg']],
  ['mm[Hg]', ['mmHg', 'mm Hg', 'mm[Hg]', 'MMHG']],
  ['/min', ['/min', 'bpm', 'beats/min', '{beats}/min', 'breaths/min', '{breaths}/min']],
  ['Cel', ['Cel', '°C', 'C', 'degC', 'deg C', '℃', 'c']],
  ['[degF]', ['[degF]', '°F', 'F', 'degF', '℉']],
  ['kg', ['kg']],
  ['g', ['g']],
  ['[lb_av]', ['[lb_av]', 'lb', 'lbs', 'pound']],
  ['cm', ['cm']],
  ['m', ['m']],
  ['[in_i]', ['[in_i]', 'in', 'inch']],
  ['kg/m2', ['kg/m2', 'kg/m²']],
  ['mL/min/{1.73_m2}', ['mL/min/{1.73_m2}', 'mL/min/1.73m2', 'mL/min/1.73 m2', 'mL/min/1.73 m²']],
  ['[pH]', ['[pH]', 'pH']],
  ['mg/g', ['mg/g']],
  ['mg/mmol', ['mg/mmol']],
  ['s', ['s', 'sec']],
  ['{INR}', ['{INR}', 'INR']],
  ['mm/h', ['mm/h', 'mm/hr']],
];

describe('ucumCandidates and canonicalUnit', () => {
  it.each(spellings.flatMap(([code, texts]) => texts.map((t) => [t, code] as const)))('reads %j as %s', (text, code) => {
    expect(canonicalUnit(text)).toBe(code);
    expect(ucumCandidates(text)[0]).toBe(code);
  });

  it('offers every reading of an ambiguous text, the most likely first', () => {
    expect(ucumCandidates('IU/L')).toEqual(['U/L', '[IU]/L']);
    expect(ucumCandidates('G/L')).toEqual(['10*9/L', 'g/L']);
    expect(ucumCandidates('unitless')).toEqual(['1', '[pH]']);
    // Lower-case g is always grams, and the hormone spellings are only ever international units.
    expect(ucumCandidates('g/L')).toEqual(['g/L']);
    expect(ucumCandidates('mIU/L')).toEqual(['m[IU]/L']);
    expect(ucumCandidates('U/L')).toEqual(['U/L']);
  });

  it('understands nothing else', () => {
    const others = [undefined, '', '   ', 'M', 'mm', 'cells', 'Gauss', 'K', 'mmol/mol', 'mg/24h', 'K/L', 'T/uL', 'uU/mL', 'copies/mL'];
    others.push('titer', '{score}', 'mg/kg', '103/uL', 'constructor', '__proto__', 'toString', 'hasOwnProperty');
    for (const text of others) {
      expect(ucumCandidates(text), String(text)).toEqual([]);
      expect(canonicalUnit(text), String(text)).toBeUndefined();
    }
  });

  it('names only codes that the UCUM library itself accepts', () => {
    const { UcumLhcUtils } = createRequire(import.meta.url)('@lhncbc/ucum-lhc') as {
      UcumLhcUtils: new () => { validateUnitString(u: string): { status: string } };
    };
    const ucum = new UcumLhcUtils();
    const codes = new Set(spellings.flatMap(([, texts]) => texts.flatMap((t) => ucumCandidates(t))));
    codes.add('[IU]/L');
    for (const code of codes) expect(ucum.validateUnitString(code).status, code).toBe('valid');
  });
});

/** Within `tolerance` (a fraction of the expected value): the published factors are rounded. */
const near = (actual: number | undefined, expected: number, tolerance = 0.005) => {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(Math.abs(expected) * tolerance);
};
type Analyte = { molarMass?: number; charge?: number };
const convert = (v: number, from: string, to: string, analyte?: Analyte) => converter(from, to, analyte)?.(v);

describe('converter', () => {
  it.each([
    // value, from, to, expected — exact, whatever the spelling
    [8, 'x10E9/L', '10*3/uL', 8],
    [8, '×10⁹/L', '10*3/uL', 8],
    [8, 'G/L', '10*3/uL', 8],
    [4.5, '×10¹²/L', '10*6/uL', 4.5],
    [4.5, 'T/L', '10*6/uL', 4.5],
    [150, 'K/mm3', '10*3/uL', 150],
    [6500, 'cells/uL', '10*3/uL', 6.5],
    [120, 'g/L', 'g/dL', 12],
    [120, 'G/L', 'g/dL', 12],
    [14, 'g%', 'g/dL', 14],
    [50, 'mg/L', 'mg/dL', 5],
    [3.3, 'ng/mL', 'ug/L', 3.3],
    [2.5, 'uIU/mL', 'm[IU]/L', 2.5],
    [2.5, 'm[IU]/mL', 'm[IU]/L', 2500],
    [10, 'IU/L', 'm[IU]/mL', 10],
    [40, 'IU/L', 'U/L', 40],
    [1, 'µkat/L', 'U/L', 60],
    [60, 'U/L', 'ukat/L', 1],
    [0.45, 'L/L', '%', 45],
    [0.45, '{ratio}', '%', 45],
    [2.1, 'INR', '1', 2.1],
    [98.6, '°F', 'Cel', 37],
    [37, 'Cel', '[degF]', 98.6],
    [212, 'F', 'Cel', 100],
    [32, 'degF', 'Cel', 0],
    [100, 'lb', 'kg', 45.359237],
    [10, 'in', 'cm', 25.4],
    [1.8, 'm', 'cm', 180],
    [55, 'mL/min/1.73 m2', 'mL/min/{1.73_m2}', 55],
    [6.5, 'pH', '[pH]', 6.5],
    [120, 'mm Hg', 'mm[Hg]', 120],
    [72, 'bpm', '/min', 72],
  ])('%d %s → %s = %d', (value, from, to, expected) => {
    expect(convert(value, from, to)).toBe(expected);
  });

  it('reproduces the published SI factors with the molar masses above', () => {
    near(convert(5.5, 'mmol/L', 'mg/dL', { molarMass: molarMass.glucose }), 99);
    near(convert(1, 'mmol/L', 'mg/dL', { molarMass: molarMass.glucose }), 18.016, 0.0001);
    near(convert(100, 'mg/dL', 'mmol/L', { molarMass: molarMass.glucose }), 100 * 0.0555);
    near(convert(88.4, 'µmol/L', 'mg/dL', { molarMass: molarMass.creatinine }), 1.0);
    // 7.1 is itself rounded to two figures (±0.7 %).
    near(convert(7.1, 'mmol/L', 'mg/dL', { molarMass: molarMass.ureaNitrogen }), 20, 0.01);
    near(convert(1, 'mmol/L', 'mg/dL', { molarMass: molarMass.ureaNitrogen }), 2.8013, 0.0001);
    near(convert(20, 'mg/dL', 'mmol/L', { molarMass: molarMass.ureaNitrogen }), 20 * 0.357);
    near(convert(2.5, 'mmol/L', 'mg/dL', { molarMass: molarMass.calcium }), 10.0);
    near(convert(10, 'mg/dL', 'mmol/L', { molarMass: molarMass.calcium }), 10 * 0.2495);
    near(convert(17.1, 'umol/L', 'mg/dL', { molarMass: molarMass.bilirubin }), 1.0);
    near(convert(5.17, 'mmol/L', 'mg/dL', { molarMass: molarMass.cholesterol }), 200);
    near(convert(200, 'mg/dL', 'mmol/L', { molarMass: molarMass.cholesterol }), 200 * 0.02586);
    near(convert(1.7, 'mmol/L', 'mg/dL', { molarMass: molarMass.triglycerides }), 150, 0.01);
    near(convert(150, 'mg/dL', 'mmol/L', { molarMass: molarMass.triglycerides }), 150 / 88.57);
    expect(convert(120, 'g/L', 'g/dL')).toBe(12);
    near(convert(1, 'mmol/L', 'mg/dL', { molarMass: molarMass.magnesium }), 2.43);
    near(convert(2, 'mg/dL', 'mmol/L', { molarMass: molarMass.magnesium }), 2 * 0.4114);
    near(convert(1, 'mmol/L', 'mg/dL', { molarMass: molarMass.phosphorus }), 3.1);
    near(convert(3, 'mg/dL', 'mmol/L', { molarMass: molarMass.phosphorus }), 3 * 0.3229);
    near(convert(357, 'µmol/L', 'mg/dL', { molarMass: molarMass.uricAcid }), 6);
    near(convert(6, 'mg/dL', 'umol/L', { molarMass: molarMass.uricAcid }), 6 * 59.48);
    near(convert(12.9, 'pmol/L', 'ng/dL', { molarMass: molarMass.freeT4 }), 1.0);
    near(convert(1.2, 'ng/dL', 'pmol/L', { molarMass: molarMass.freeT4 }), 1.2 * 12.87);
  });

  it('turns equivalents into moles only with the charge', () => {
    expect(convert(6.9, 'mEq/L', 'mmol/L', { charge: 1 })).toBe(6.9);
    expect(convert(5, 'mEq/L', 'mmol/L', { charge: 2 })).toBe(2.5);
    expect(convert(2.5, 'mmol/L', 'meq/L', { charge: 2 })).toBe(5);
    near(convert(5, 'mEq/L', 'mg/dL', { molarMass: molarMass.calcium, charge: 2 }), 10.0);
    expect(converter('mEq/L', 'mg/dL', { charge: 2 })).toBeUndefined();
  });

  it('works with two arguments, as the engine called it before', () => {
    expect(converter('mg/dl', 'mg/dL')?.(5)).toBe(5);
    expect(converter('K/uL', '10*3/uL')?.(250)).toBe(250);
    expect(converter(undefined, 'mg/dL')).toBeUndefined();
  });

  it('compares a unit it does not read only with the very same text', () => {
    expect(converter('mmol/mol', 'mmol/mol')?.(53)).toBe(53);
    expect(converter('mmol/mol', '%')).toBeUndefined();
    expect(converter('%', 'mmol/mol')).toBeUndefined();
  });

  it.each([
    ['mEq/L', 'mmol/L', {}, 'equivalents without a charge'],
    ['mEq/L', 'mmol/L', { molarMass: 39.098 }, 'equivalents with only a molar mass'],
    ['mmol/L', 'mg/dL', {}, 'moles without a molar mass'],
    ['mg/dL', 'mmol/L', { charge: 1 }, 'mass with only a charge'],
    ['U/L', 'm[IU]/L', {}, 'enzyme units to international units'],
    ['mIU/L', 'U/L', {}, 'international units to enzyme units'],
    ['U/L', 'mIU/mL', {}, 'enzyme units to international units'],
    ['mg/g', 'mg/mmol', { molarMass: 113.12 }, 'a mass ratio to a mass per mole (albumin/creatinine)'],
    ['mg/mmol', 'mg/g', { molarMass: 113.12 }, 'a mass per mole to a mass ratio'],
    ['mg/g', '%', {}, 'a mass ratio to a percentage'],
    ['mmol/mol', '%', {}, 'HbA1c in mmol/mol to percent (not a unit conversion)'],
    ['{INR}', '%', {}, 'an INR to a percentage'],
    ['INR', '{ratio}', {}, 'an INR to a ratio'],
    ['[pH]', '1', {}, 'a pH to a number'],
    ['pH', '%', {}, 'a pH to a percentage'],
    ['kg', 'cm', {}, 'mass to length'],
    ['kg/m2', 'kg', {}, 'BMI to mass'],
    ['mL/min/{1.73_m2}', 'mL/min', {}, 'eGFR to a flow'],
    ['s', '/min', {}, 'seconds to a rate'],
    ['mm/h', 'mm[Hg]', {}, 'ESR to pressure'],
    ['10*3/uL', 'g/L', {}, 'a count to a mass concentration'],
    ['g/L', '10*3/uL', {}, 'grams to a count'],
    ['fL', 'pg', {}, 'volume to mass'],
    ['%', 'mg/dL', {}, 'a percentage to a concentration'],
    ['', 'kg', {}, 'an empty unit'],
    ['kg', '', {}, 'an empty target'],
    ['furlongs', 'cm', {}, 'a unit nobody uses'],
    ['K', 'Cel', {}, 'kelvin (a lone K is not a count)'],
  ] as [string, string, Analyte, string][])('refuses %s → %s %j: %s', (from, to, analyte) => {
    expect(converter(from, to, analyte)).toBeUndefined();
  });

  it('returns quickly and never throws on garbage', () => {
    const garbage = 'µ/%[{'.repeat(20_000);
    expect(garbage.length).toBe(100_000);
    const start = performance.now();
    expect(ucumCandidates(garbage)).toEqual([]);
    expect(canonicalUnit(garbage)).toBeUndefined();
    expect(converter(garbage, 'mg/dL')).toBeUndefined();
    expect(converter('mg/dL', garbage)).toBeUndefined();
    expect(converter('a'.repeat(100_000), 'mg/dL')).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(50);
    for (const odd of ['/', '//', '10*/uL', '[', '{', '}', 'mg/', '/dL', '\u0000', '😀/L', '10^99/L', 'x10E3']) {
      expect(() => converter(odd, 'mg/dL', { molarMass: 1, charge: 1 })).not.toThrow();
      expect(ucumCandidates(odd), odd).toEqual([]);
    }
    expect(() => converter('mmol/L', 'mg/dL', { molarMass: Number.NaN })).not.toThrow();
    expect(converter('mmol/L', 'mg/dL', { molarMass: -5 })).toBeUndefined();
  });
});

describe('displayUnit', () => {
  it.each([
    ['10*3/uL', '×10³/µL'],
    ['10*6/uL', '×10⁶/µL'],
    ['10*9/L', '×10⁹/L'],
    ['10*12/L', '×10¹²/L'],
    ['m[IU]/L', 'mIU/L'],
    ['mm[Hg]', 'mmHg'],
    ['[degF]', '°F'],
    ['Cel', '°C'],
    ['[lb_av]', 'lb'],
    ['[in_i]', 'in'],
    ['mL/min/{1.73_m2}', 'mL/min/1.73 m²'],
    ['{beats}/min', 'beats/min'],
    ['meq/L', 'mEq/L'],
    ['umol/L', 'µmol/L'],
    ['[pH]', ''],
    ['1', ''],
    ['{INR}', ''],
    ['mg/dL', 'mg/dL'],
    ['K/uL', 'K/uL'],
    ['whatever the lab wrote', 'whatever the lab wrote'],
    ['constructor', 'constructor'],
  ])('shows %s as %j', (code, text) => {
    expect(displayUnit(code)).toBe(text);
  });
});
