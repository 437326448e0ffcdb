// Issue 11, points 2-5, through the shipped knowledge pack: result texts read correctly, vital signs and children,
// nothing interpretive read aloud, and Spanish that says what the English says.
import { describe, expect, it } from 'vitest';
import type { Json } from '../../main/services/fhir/access';
import type { Language, PresenceLab } from '../../main/services/knowledge/schema';
import type { Script, StepId } from '../../preload/contract';
import { pack, spokenText } from '../support/script-cache';
import { buildFor, diagnosticReport, LOINC, quantityObservation, resultDate, SNOMED, type Patient } from '../support/script-scenarios';

const YEAR = 365.25 * 24 * 3600 * 1000;
/** A patient `years` old on the result date (a fraction for babies), of the given sex. */
function aged(years: number, sex: 'female' | 'male' = 'female', language: string | null = null): Patient {
  const birth = new Date(Date.parse(resultDate) - years * YEAR).toISOString().slice(0, 10);
  return { id: `synthetic-${sex}-${years}`, sex, birthDate: birth, language };
}
const DAY = 1 / 365.25;
const adult = aged(45);
const said = (s: Script, id: StepId) =>
  s.steps
    .find((st) => st.id === id)
    ?.lines.filter((l) => l.say)
    .map((l) => l.text) ?? [];
const presence = (code: string) => pack.labs.get(code) as PresenceLab;
const T = (key: string, lang: Language) => pack.texts.texts[key]![lang];

/** A qualitative result as a lab writes it: free text, or a coded answer. */
function textResult(loinc: string, text: string, o: { coded?: { system: string; code: string } } = {}): Json {
  return {
    resourceType: 'Observation',
    id: `text-${loinc}-${Math.random().toString(36).slice(2, 8)}`,
    status: 'final',
    code: { coding: [{ system: LOINC, code: loinc }] },
    effectiveDateTime: resultDate,
    valueCodeableConcept: { ...(o.coded ? { coding: [o.coded] } : {}), text },
  };
}

const script = (resource: Json, patient: Patient = adult, language: Language = 'en', members: Json[] = []) =>
  buildFor(resource, { patient, language, members });

describe('result text is read as a lab means it (point 2)', () => {
  it.each([
    ['None detected', 'not-detected'],
    ['Not detected', 'not-detected'],
    ['NEGATIVE', 'not-detected'],
    ['No se detectó', 'not-detected'],
    ['Detected', 'detected'],
    ['Positivo', 'detected'],
    ['Influenza A detected, influenza B not detected', 'unclear'],
    ['Negative for SARS-CoV-2; positive for influenza', 'unclear'],
    ['Indeterminate', 'unclear'],
    ['See comment', 'unclear'],
  ])('a COVID-19 test reported as "%s" is %s', (text, reading) => {
    const covid = presence('94500-6');
    const s = script(textResult('94500-6', text));
    if (reading === 'not-detected') {
      expect(s.safety).toBe('explain');
      expect(said(s, 'explain')[0]).toBe(covid.notDetected.en);
    } else if (reading === 'detected') {
      expect(s.safety).toBe('callback-today');
      expect(said(s, 'explain')[0]).toBe(covid.detected.en);
    } else {
      expect(s.safety).toBe('unknown');
      expect(s.safetyNote).toMatch(/wording is unclear/);
      expect(spokenText(s)).not.toContain(covid.detected.en);
      expect(spokenText(s)).not.toContain(covid.notDetected.en);
    }
  });

  it('"No Group A Streptococcus detected" is not a positive strep test', () => {
    const strep = presence('78012-2');
    const s = script(textResult('78012-2', 'No Group A Streptococcus detected'));
    expect(s.safety).toBe('explain');
    expect(said(s, 'explain')[0]).toBe(strep.notDetected.en);
  });

  it('a coded answer wins over free text only when its system defines it: a local "ND" is read from the text', () => {
    const local = script(textResult('94500-6', 'Detected', { coded: { system: 'urn:local:lab-codes', code: 'ND' } }));
    expect(local.safety).toBe('callback-today');
    const snomed = script(textResult('94500-6', 'whatever', { coded: { system: SNOMED, code: '260415000' } }));
    expect(snomed.safety).toBe('explain');
  });
});

describe('vital signs and children (point 3)', () => {
  const temperature = (celsius: number, patient: Patient) => script(quantityObservation('8310-5', celsius, 'Cel'), patient);

  it('fever in a young infant goes to the nurse: 38.0 °C (100.4 °F) at 3 weeks, but not the same reading at 40', () => {
    expect(temperature(38.0, aged(21 * DAY)).safety).toBe('critical');
    expect(temperature(38.5, aged(21 * DAY)).safety).toBe('critical');
    const fahrenheit = { ...quantityObservation('8310-5', 100.4, '[degF]'), valueQuantity: { value: 100.4, unit: '°F' } };
    expect(script(fahrenheit, aged(21 * DAY)).safety).toBe('critical');
    expect(temperature(38.0, aged(40)).safety).not.toBe('critical');
  });

  it('adult rapid-response criteria: oxygen 89 %, heart rate 131, top blood pressure number 88, breathing rate 30', () => {
    expect(script(quantityObservation('59408-5', 89, '%')).safety).toBe('critical');
    expect(script(quantityObservation('8867-4', 131, '/min')).safety).toBe('critical');
    expect(script(quantityObservation('8480-6', 88, 'mm[Hg]')).safety).toBe('critical');
    expect(script(quantityObservation('9279-1', 30, '/min')).safety).toBe('critical');
    expect(script(quantityObservation('8867-4', 72, '/min')).safety).toBe('explain');
  });

  it('a child: PALS limits by age, and no adult range used for a child', () => {
    // A breathing rate of 12 in a 3-month-old is below the infant band: critical.
    expect(script(quantityObservation('9279-1', 12, '/min'), aged(0.25)).safety).toBe('critical');
    // A 7-year-old's potassium: no published child range in the pack, so a clinician explains it.
    const k = script(quantityObservation('2823-3', 4.2, 'mmol/L'), aged(7));
    expect(k.safety).toBe('clinician-only');
    expect(k.safetyNote).toMatch(/no usual range for a patient of this age/);
    // A 3-year-old's creatinine of 1.0 is far above a child's range: never "in the usual range".
    expect(script(quantityObservation('2160-0', 1.0, 'mg/dL'), aged(3)).safety).not.toBe('explain');
  });

  it("a newborn's bilirubin is never explained, and its critical limit depends on age in hours", () => {
    const bili = (value: number, patient: Patient) => script(quantityObservation('1975-2', value, 'mg/dL'), patient);
    expect(bili(5, aged(10 * DAY)).safety).toBe('clinician-only');
    expect(bili(13, aged(10 * DAY)).safety).toBe('critical');
    // Born the day before the result: the under-24-hours limit may apply.
    expect(bili(8, { ...adult, birthDate: '2026-11-02' }).safety).toBe('critical');
    // An adult's 0.8 is explained.
    expect(bili(0.8, adult).safety).toBe('explain');
  });

  it('sex-specific ranges: a man with hemoglobin 12.5 and a woman with HDL 45 are below their ranges', () => {
    expect(script(quantityObservation('718-7', 12.5, 'g/dL'), aged(45, 'male')).safety).toBe('outside-range');
    expect(script(quantityObservation('718-7', 12.5, 'g/dL'), aged(45, 'female')).safety).toBe('explain');
    expect(script(quantityObservation('2085-9', 45, 'mg/dL'), aged(45, 'female')).safety).toBe('outside-range');
    expect(script(quantityObservation('2085-9', 45, 'mg/dL'), aged(45, 'male')).safety).toBe('explain');
    // Sex unknown: neither range is chosen.
    expect(script(quantityObservation('718-7', 12.5, 'g/dL'), { ...adult, sex: null }).safety).toBe('unknown');
  });

  it('eGFR: race-free code only, a low critical limit, clinician-only under 18', () => {
    expect(script(quantityObservation('98979-8', 12, 'mL/min/{1.73_m2}')).safety).toBe('critical');
    expect(script(quantityObservation('98979-8', 75, 'mL/min/{1.73_m2}')).safety).toBe('explain');
    // The MDRD "Black" variant could lift a value into the usual range: a clinician explains it.
    expect(script(quantityObservation('48643-1', 65, 'mL/min/{1.73_m2}')).safety).toBe('clinician-only');
    expect(script(quantityObservation('98979-8', 95, 'mL/min/{1.73_m2}'), aged(10)).safety).toBe('clinician-only');
  });

  it('limits on the stricter side, inclusive where the lists are: calcium 6.5, platelets 40 (50 in a child)', () => {
    expect(script(quantityObservation('17861-6', 6.5, 'mg/dL')).safety).toBe('critical');
    expect(script(quantityObservation('777-3', 40, '10*3/uL')).safety).toBe('critical');
    expect(script(quantityObservation('777-3', 50, '10*3/uL'), aged(8)).safety).toBe('critical');
    expect(script(quantityObservation('2028-9', 11, 'mmol/L')).safety).toBe('critical');
  });
});

describe('nothing interpretive is read aloud (point 4)', () => {
  const found = (loinc: string, patient: Patient = adult, lang: Language = 'en') => script(textResult(loinc, 'Positive'), patient, lang);

  it('urine strip results restate what the strip found, nothing about what it means', () => {
    for (const code of ['5802-4', '5799-2', '25428-4', '20454-5']) {
      const s = found(code);
      expect(s.safety, code).toBe('outside-range');
      expect(said(s, 'explain')[0]).toBe(presence(code).detected.en);
      expect(spokenText(s)).not.toMatch(/germ|fight|sugar in your blood|kidneys are letting|burning fat/i);
    }
  });

  it('urine ketones found go to the nurse line', () => {
    expect(found('2514-8').safety).toBe('critical');
  });

  it('a positive strep, flu, COVID-19 or RSV test books a same-day clinician callback', () => {
    for (const code of ['78012-2', '92142-9', '94500-6', '92131-2']) {
      const s = found(code);
      expect(s.safety, code).toBe('callback-today');
      expect(said(s, 'next-steps')[0]).toBe(T('today.action', 'en'));
      expect(said(s, 'explain')).toContain(T('today.main', 'en'));
    }
  });

  it('a negative rapid strep test in a child says another test may follow; in an adult it does not', () => {
    const caveat = presence('78012-2').notDetectedCaveat!.text.en;
    expect(said(script(textResult('78012-2', 'Negative'), aged(8)), 'explain')).toContain(caveat);
    expect(said(script(textResult('78012-2', 'Negative'), adult), 'explain')).not.toContain(caveat);
  });

  it('a report with a member the app cannot name that found something is not explained at all', () => {
    const flu = textResult('92142-9', 'Not detected');
    const mystery = { ...textResult('99999-9', 'Detected'), code: { coding: [{ system: LOINC, code: '99999-9' }], text: 'Mystery germ' } };
    const members = [flu, mystery];
    const s = script(diagnosticReport('92143-7', members), adult, 'en', members);
    expect(s.safety).toBe('unknown');
    expect(s.safetyNote).toMatch(/found something the app has no plain words for/);
    expect(spokenText(s)).not.toContain('Mystery germ');
  });

  it('a sensitive test gets the same script whether it found something or not', () => {
    const positive = script(textResult('75622-1', 'Reactive'));
    const negative = script(textResult('75622-1', 'Nonreactive'));
    expect(positive.safety).toBe('clinician-only');
    expect(positive.steps).toEqual(negative.steps);
    expect(spokenText(positive)).not.toMatch(/reactive|found|positive/i);
  });

  it('troponin flagged high and an INR of 5.2 go to the nurse; an INR of 2.5 is for a clinician', () => {
    expect(script(quantityObservation('10839-9', 0.02, 'ng/mL', { flag: { code: 'H' } })).safety).toBe('critical');
    expect(script(quantityObservation('6301-6', 5.2, '{INR}')).safety).toBe('critical');
    expect(script(quantityObservation('6301-6', 2.5, '{INR}')).safety).toBe('clinician-only');
  });
});

describe('Spanish says what the English says (point 5)', () => {
  it('units are said in Spanish: a heart rate in "latidos por minuto", never "beats/min"', () => {
    const s = script({ ...quantityObservation('8867-4', 72, '/min'), valueQuantity: { value: 72, unit: 'beats/min' } }, adult, 'es');
    expect(spokenText(s)).toContain('72 latidos por minuto');
    expect(spokenText(s)).not.toMatch(/beats|bpm/);
  });

  it("the record's English name of a test the app does not know is never put in a Spanish sentence", () => {
    const obs = { ...quantityObservation('99999-9', 3, 'mg/dL'), code: { coding: [{ system: LOINC, code: '99999-9' }], text: 'Serum mystery analyte' } };
    const s = script(obs, adult, 'es');
    expect(spokenText(s)).not.toContain('mystery');
    expect(s.steps.flatMap((st) => st.lines).some((l) => !l.say && l.text.includes('Serum mystery analyte'))).toBe(true);
  });

  it('one result in a report is "1 resultado", and the critical note keeps the warm transfer', () => {
    const members = [quantityObservation('2345-7', 88, 'mg/dL')];
    const s = script(diagnosticReport('24321-2', members), adult, 'es', members);
    expect(said(s, 'explain')[0]).toBe('Este informe tiene 1 resultado.');
    const critical = script(quantityObservation('2823-3', 7.4, 'mmol/L'), adult, 'es');
    expect(critical.safetyNote).toContain('transferencia asistida a la línea de enfermería');
    expect(critical.safetyNote).toContain('El resultado de Potasio está más allá del límite crítico');
  });

  it('comparatives stay comparative: "más alto de lo usual", never a bare "alto"', () => {
    const s = script(quantityObservation('2345-7', 180, 'mg/dL'), adult, 'es');
    expect(said(s, 'explain')[0]).toMatch(/más alto de lo usual/);
    const labTexts = pack.entries.flatMap((e) => (e.result === 'quantity' ? [e.higher?.es, e.lower?.es] : [])).filter((t): t is string => !!t);
    const bare = labTexts.filter((t) => /\b(nivel|número) (alto|bajo)\b/i.test(t));
    expect(bare).toEqual([]);
  });
});
