// Findings of the independent re-checks of 2026-12-03 (docs/reviews/): private test names, reports that hide a
// same-day result, children in critical scripts, newborn results, how old a result is, near-critical values, "<"
// and ">" values, a germ other than the test's, and what is promised after a negative test.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../main/services/fhir/access';
import type { Language } from '../../main/services/knowledge/schema';
import type { Script, StepId } from '../../preload/contract';
import { pack, scriptCache, scriptFor, spokenText } from '../support/script-cache';
import { buildFor, diagnosticReport, LOINC, quantityObservation, resultDate, showcaseBills, type Patient } from '../support/script-scenarios';

const DAY_MS = 86_400_000;
const YEAR = 365.25 * DAY_MS;
function aged(years: number, sex: 'female' | 'male' = 'female'): Patient {
  return { id: `p-${sex}-${years}`, sex, birthDate: new Date(Date.parse(resultDate) - years * YEAR).toISOString().slice(0, 10), language: null };
}
const adult = aged(45);
const T = (key: string, lang: Language = 'en') => pack.texts.texts[key]![lang];
const step = (s: Script, id: StepId) => s.steps.find((st) => st.id === id)?.lines ?? [];
const said = (s: Script, id: StepId) =>
  step(s, id)
    .filter((l) => l.say)
    .map((l) => l.text);
const agentLines = (s: Script) => s.steps.flatMap((st) => st.lines.filter((l) => !l.say).map((l) => l.text)).join('\n');

function coded(loinc: string, text: string, name?: string): Json {
  return {
    resourceType: 'Observation',
    id: `r-${loinc}-${Math.random().toString(36).slice(2, 8)}`,
    status: 'final',
    code: { coding: [{ system: LOINC, code: loinc }], ...(name ? { text: name } : {}) },
    effectiveDateTime: resultDate,
    valueCodeableConcept: { text },
  };
}
const run = (r: Json, o: { patient?: Patient; language?: Language; members?: Json[]; daysLater?: number } = {}) =>
  buildFor(r, {
    patient: o.patient ?? adult,
    language: o.language ?? 'en',
    members: o.members ?? [],
    now: Date.parse(resultDate) + (o.daysLater ?? 1) * DAY_MS,
  });

describe('private test names (H1) and sensitive tests (M6)', () => {
  it('an HIV test: its name is on screen, never said; the same words whatever it found', () => {
    for (const lang of ['en', 'es'] as const) {
      const positive = run(coded('75622-1', 'Reactive'), { language: lang });
      const negative = run(coded('75622-1', 'Nonreactive'), { language: lang });
      expect(positive.steps).toEqual(negative.steps);
      expect(spokenText(positive)).not.toMatch(/HIV|VIH|reactive|reactivo/i);
      expect(agentLines(positive)).toContain(pack.labs.get('75622-1')!.name[lang]);
      expect(said(positive, 'explain')).toEqual([T('sensitive.main', lang)]);
      expect(said(positive, 'next-steps')[0]).toBe(T('today.action', lang));
    }
  });

  it('a 15-year-old: the agent is told to follow the minor-confidentiality process', () => {
    const teen = { ...aged(15), birthDate: new Date(Date.now() - 15.5 * YEAR).toISOString().slice(0, 10) };
    expect(agentLines(run(coded('75622-1', 'Nonreactive'), { patient: teen }))).toContain(T('sensitive.minor.agent'));
    expect(agentLines(run(coded('75622-1', 'Nonreactive')))).not.toContain(T('sensitive.minor.agent'));
  });

  it("a test the app cannot name: the record's name is for the agent only", () => {
    const s = run({
      ...quantityObservation('21613-5', 1, '{index}'),
      code: { coding: [{ system: LOINC, code: '99998-1' }], text: 'Chlamydia trachomatis DNA' },
    });
    expect(spokenText(s)).not.toMatch(/chlamydia/i);
    expect(agentLines(s)).toContain('Chlamydia trachomatis DNA');
    expect(said(s, 'context')[0]).toBe(T('result.contextUnnamed').replace('{{date}}', 'November 3, 2026'));
  });

  it('a report with a sensitive member is private as a whole and keeps its same-day call (H2)', () => {
    const hgb = quantityObservation('718-7', 11.0, 'g/dL');
    const hiv = coded('75622-1', 'Reactive');
    const members = [hgb, hiv];
    const s = run(diagnosticReport('57021-8', members), { members });
    expect(spokenText(s)).not.toMatch(/HIV|2 business days/);
    expect(said(s, 'next-steps')[0]).toBe(T('today.action'));
  });
});

describe('critical results for children, and old critical results (H3, M1)', () => {
  const fever = (patient: Patient, daysLater = 1) => run(quantityObservation('8310-5', 38.6, 'Cel'), { patient, daysLater });

  it('a baby under 3 months: child warning signs, and the emergency room if the parent cannot stay on', () => {
    const s = fever(aged(21 / 365.25));
    expect(s.safety).toBe('critical');
    expect(said(s, 'next-steps')[0]).toBe(T('critical.action.child'));
    expect(said(s, 'close')).toContain(T('critical.cannotStay.infant'));
    expect(spokenText(s)).not.toMatch(/chest pain/);
  });

  it('a 6-year-old: child wording and a nurse callback; an adult: the adult signs', () => {
    const child = run(quantityObservation('9279-1', 70, '/min'), { patient: aged(6) });
    expect(child.safety).toBe('critical');
    expect(said(child, 'close')).toContain(T('critical.cannotStay.child'));
    const grownUp = run(quantityObservation('2823-3', 7.4, 'mmol/L'));
    expect(said(grownUp, 'next-steps')[0]).toBe(T('critical.action'));
    expect(said(grownUp, 'close')).toContain(T('critical.cannotStay'));
  });

  it('a critical result from last year still goes to the nurse, without "needs care soon"', () => {
    const s = run(quantityObservation('2823-3', 7.4, 'mmol/L'), { daysLater: 400 });
    expect(s.safety).toBe('critical');
    expect(said(s, 'explain')[0]).toBe(T('critical.mainPast').replace('{{date}}', 'November 3, 2026'));
    expect(agentLines(s)).toMatch(/400 days old/);
    expect(said(s, 'close')[0]).toBe(T('critical.transfer'));
  });

  it('a positive strep test from a month ago is an ordinary follow-up, not a call today', () => {
    expect(run(coded('78012-2', 'Positive'), { daysLater: 2 }).safety).toBe('callback-today');
    const old = run(coded('78012-2', 'Positive'), { daysLater: 30 });
    expect(old.safety).toBe('outside-range');
    expect(said(old, 'next-steps')[0]).toBe(T('result.action.outside'));
  });

  it('an outside-range result from two years ago: a callback is offered, not sent', () => {
    const s = run(quantityObservation('2823-3', 5.3, 'mmol/L'), { daysLater: 730 });
    expect(s.safety).toBe('outside-range');
    expect(said(s, 'next-steps')[0]).toBe(T('result.action.old'));
  });
});

describe('newborn results (H4)', () => {
  it("a 5-day-old's bilirubin below the critical limit is called back today, not in 2 business days", () => {
    const s = run(quantityObservation('1975-2', 9.5, 'mg/dL'), { patient: aged(5 / 365.25) });
    expect(s.safety).toBe('clinician-only');
    // Said to the parent: the child form of the same-day call.
    expect(said(s, 'next-steps')[0]).toBe(T('today.action.child'));
    expect(agentLines(s)).toContain(T('newborn.agent'));
  });
});

describe('"<" and ">" values (M3)', () => {
  const egfr = (value: number, comparator: string) => ({
    ...quantityObservation('98979-8', value, 'mL/min/{1.73_m2}'),
    valueQuantity: { value, comparator, unit: 'mL/min/1.73m2' },
  });

  it('"< 15" is past a "below 15" limit: critical; "> 90" is in the usual range and said as "more than 90"', () => {
    expect(run(egfr(15, '<')).safety).toBe('critical');
    const high = run(egfr(90, '>'));
    expect(high.safety).toBe('explain');
    expect(said(high, 'explain')).toContain('Your number was more than 90.');
  });

  it('"< 20" against a "below 15" limit could be either side: never explained', () => {
    const s = run(egfr(20, '<'));
    expect(s.safety).toBe('unknown');
    expect(s.safetyNote).toMatch(/less than/);
  });
});

describe('a germ other than the test names (M4)', () => {
  it('a strep A culture that grew another germ, or a flu A test that found flu B, is unclear', () => {
    expect(run(coded('11268-0', 'Staphylococcus aureus isolated')).safety).toBe('unknown');
    expect(run(coded('11268-0', 'Beta-hemolytic Streptococcus group C isolated')).safety).toBe('unknown');
    expect(run(coded('92142-9', 'Influenza B virus detected')).safety).toBe('unknown');
    expect(run(coded('11268-0', 'Group A Streptococcus isolated')).safety).toBe('callback-today');
    expect(run(coded('92142-9', 'Influenza A virus RNA detected')).safety).toBe('callback-today');
    expect(run(coded('92142-9', 'Positive')).safety).toBe('callback-today');
  });
});

describe('what comes after a result with no range, or a negative test (M5)', () => {
  it('a weight: the care team tells them if anything needs to change, not "nothing new"', () => {
    const s = run(quantityObservation('29463-7', 72.5, 'kg'));
    expect(said(s, 'next-steps')).toEqual([T('result.action.noRange')]);
  });

  it('a negative flu test: call the care team if worse or new symptoms', () => {
    const s = run(coded('92142-9', 'Not detected'));
    expect(said(s, 'next-steps')).toContain(T('result.action.notDetected'));
  });

  it('an outside-range result: what to do if the patient feels worse before the call', () => {
    // A measurement presumes nothing about how the patient feels (round 3, M7); a symptom test does.
    expect(T('safetyNet.measurement')).toMatch(/new symptoms or feel unwell before then/);
    expect(said(run(quantityObservation('2823-3', 5.3, 'mmol/L')), 'next-steps').slice(0, 2)).toEqual([T('result.action.outside'), T('safetyNet.measurement')]);
  });
});

describe("the lab's own reference ranges (L5)", () => {
  it("the range for the patient's sex is used; a therapeutic range is not", () => {
    const hgb = {
      ...quantityObservation('718-7', 12.5, 'g/dL'),
      referenceRange: [
        { low: { value: 12, unit: 'g/dL' }, high: { value: 16, unit: 'g/dL' }, appliesTo: [{ text: 'Female' }] },
        { low: { value: 13.5, unit: 'g/dL' }, high: { value: 17.5, unit: 'g/dL' }, appliesTo: [{ text: 'Male' }] },
      ],
    };
    expect(run(hgb, { patient: aged(40, 'male') }).safety).toBe('outside-range');
    expect(run(hgb, { patient: aged(40, 'female') }).safety).toBe('explain');
  });
});

describe('bills', () => {
  let db: Database;
  beforeAll(async () => {
    db = await scriptCache({ patients: 9 });
  });
  afterAll(() => db?.close());

  it('a denied charge is not called a discount (Spanish re-check R5)', () => {
    const { patientId, source } = showcaseBills.denied(db);
    for (const lang of ['en', 'es'] as const) {
      const s = scriptFor(db, patientId, source, lang);
      expect(s.bill!.lines.some((l) => l.denied)).toBe(true);
      expect(spokenText(s)).not.toMatch(/taken off|se quitaron/);
    }
  });
});
