// Round 3 of the plain-language rescore (docs/reviews/plain-language-rescore-round3-2026-12-03.md): a child's script
// is spoken to a parent, so no line may speak about the parent's own body (M1, F19); plus the safety net that fits
// the test (M2, M3, M7), the infant critical agent line (M4), and panels read as a count (M8, T8).
import { describe, expect, it } from 'vitest';
import type { Json } from '../../main/services/fhir/access';
import type { CriticalLimits, Language, LabEntry, QuantityLab } from '../../main/services/knowledge/schema';
import { readability } from '../../main/services/readability';
import type { Script, StepId } from '../../preload/contract';
import { codeCheckedItems } from '../support/clear-communication';
import { pack, spokenText } from '../support/script-cache';
import {
  copayCoinsuranceEob,
  buildFor,
  codedObservation,
  diagnosticReport,
  emptyObservation,
  LOINC,
  presenceObservation,
  quantityObservation,
  resultDate,
  type Patient,
} from '../support/script-scenarios';

const DAY_MS = 86_400_000;
const YEAR = 365.25 * DAY_MS;
function aged(years: number, sex: 'female' | 'male' = 'female'): Patient {
  return { id: `p-${sex}-${years}`, sex, birthDate: new Date(Date.parse(resultDate) - years * YEAR).toISOString().slice(0, 10), language: null };
}
const T = (key: string, lang: Language = 'en', params: Record<string, string | number> = {}) =>
  pack.texts.texts[key]![lang].replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name]));
const lines = (s: Script, id: StepId) => s.steps.find((st) => st.id === id)?.lines ?? [];
const said = (s: Script, id: StepId) =>
  lines(s, id)
    .filter((l) => l.say)
    .map((l) => l.text);
const agentLines = (s: Script) => s.steps.flatMap((st) => st.lines.filter((l) => !l.say).map((l) => l.text)).join('\n');
const run = (r: Json, o: { patient: Patient; language?: Language; members?: readonly Json[]; daysLater?: number; violations?: string[] }) =>
  buildFor(r, {
    patient: o.patient,
    language: o.language ?? 'en',
    members: o.members ?? [],
    now: Date.parse(resultDate) + (o.daysLater ?? 1) * DAY_MS,
    onViolation: (v) => o.violations?.push(...v.map((x) => `${x.kind} "${x.word}"`)),
  });

/**
 * Words that speak about the person on the phone as the patient: wrong when the patient is their child. The review's
 * own patterns (round 3, M1), then the other forms found by reading child scripts.
 */
const wrongPerson = {
  en: [
    /\b(you feel|your (sample|throat|blood|body|urine|nose)|you weigh|you need care|for you\b|what it means for you)/i,
    /\b(your (heart|kidneys|liver|number|result)\b|how tall you|breaths you|you need anything|your care team)/i,
  ],
  es: [
    /pesa usted|se siente peor|para usted\b/i,
    /\b(respira usted|se siente mal|usted necesita|su (muestra|sangre|cuerpo|orina|garganta|número|resultado)\b|sus (riñones|glóbulos)|si necesita)/i,
  ],
};
/** Every line read to the parent, except the identity check (which is about the caller). */
const saidToParent = (s: Script) => s.steps.filter((st) => st.id !== 'verify').flatMap((st) => st.lines.filter((l) => l.say).map((l) => l.text));

// ---------- Every kind of result script, for children of several ages ----------

const children = [aged(50 / 365.25, 'male'), aged(0.5, 'female'), aged(3, 'male'), aged(8, 'female')];
/** Read the day after, a month after (a past critical result) and more than a year after (an old one). */
const readAfter = [1, 30, 400];

function limits(c: CriticalLimits | undefined): number[] {
  return [c?.below, c?.atOrBelow, c?.above, c?.atOrAbove].filter((v): v is number => v !== undefined);
}

/** Values around everything that decides what the script says at this age: the band's range and every limit. */
function valuesFor(e: QuantityLab, p: Patient): number[] {
  const age = (Date.parse(resultDate) - Date.parse(p.birthDate!)) / YEAR;
  const band = e.ranges.find((r) => (!r.sex || r.sex === p.sex) && age >= r.ageMin && (r.ageMax === undefined || age < r.ageMax));
  const marks = [band?.low, band?.high, ...limits(band?.critical ?? e.critical), ...limits(e.sameDay)].filter((v): v is number => v !== undefined);
  const values = new Set<number>([1]);
  if (band?.low !== undefined && band.high !== undefined) values.add((band.low + band.high) / 2);
  for (const m of marks) for (const f of [0.8, 0.97, 1.03, 1.2]) values.add(Math.round(m * f * 1000) / 1000);
  return [...values];
}

/** A report with two members of its own entries: all within, or the first one far outside. */
const panelCodes: Record<string, string[]> = {
  '58410-2': ['6690-2', '718-7', '789-8', '777-3'],
  '24321-2': ['2345-7', '2823-3', '2951-2', '2075-0', '2028-9', '2160-0', '3094-0', '17861-6'],
  '92143-7': ['92142-9', '92131-2'],
  '24357-6': ['5803-2', '5802-4'],
};
function member(code: string, how: 'within' | 'outside' | 'critical', p: Patient): Json {
  const e = pack.labs.get(code)!;
  if (e.result === 'presence') return presenceObservation(code, how !== 'within');
  if (e.result !== 'quantity') throw new Error(code);
  // The first value around the child's own range and limits that the member, read alone, gives the wanted script.
  const wanted = { within: 'explain', outside: 'outside-range', critical: 'critical' }[how];
  const candidates = valuesFor(e, p).map((v) => quantityObservation(code, v, e.unit));
  const safety = (o: Json) => run(o, { patient: p }).safety;
  // A member with no range at this age is left to the care team (a clinician callback), never made critical by chance.
  return candidates.find((o) => safety(o) === wanted) ?? candidates.find((o) => safety(o) === 'clinician-only') ?? candidates[0]!;
}

interface Built {
  label: string;
  en: Script;
  es: Script;
  violations: string[];
}

/** One script per result, child, read date and language: every kind a child's result can get. */
function everyChildScript(): Built[] {
  const out: Built[] = [];
  const seen = new Set<string>();
  const add = (label: string, resource: Json, patient: Patient, daysLater: number, members: readonly Json[] = []) => {
    const violations: string[] = [];
    const en = run(resource, { patient, members, daysLater, violations });
    // One script per distinct wording is enough: the same lines with other numbers add nothing.
    const key = saidToParent(en)
      .map((l) => l.replace(/[\d.,]+/g, '#'))
      .join('|');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ label, en, es: run(resource, { patient, members, daysLater, language: 'es', violations }), violations });
  };
  const entries = pack.entries as LabEntry[];
  for (const patient of children) {
    for (const days of readAfter) {
      for (const e of entries) {
        if (e.result === 'quantity')
          for (const v of valuesFor(e, patient)) add(`${e.loinc} ${v} ${e.unit}`, quantityObservation(e.loinc, v, e.unit), patient, days);
        if (e.result === 'presence')
          for (const found of [true, false]) add(`${e.loinc} ${found ? 'found' : 'not found'}`, presenceObservation(e.loinc, found), patient, days);
      }
      for (const [code, codes] of Object.entries(panelCodes)) {
        for (const how of ['within', 'outside', 'critical'] as const) {
          const members = codes.map((c, i) => member(c, i === 0 || (how === 'outside' && i === 1) ? how : 'within', patient));
          add(`panel ${code} ${how}`, diagnosticReport(code, members), patient, days, members);
        }
      }
      add('unknown code', codedObservation({ system: 'http://example.org/local', code: 'XYZ-1', display: 'Local test' }, 3, 'mg/dL'), patient, days);
      add('no value', emptyObservation('2823-3'), patient, days);
      add('sensitive', { ...presenceObservation('75622-1', false) }, patient, days);
    }
  }
  return out;
}

describe("a child's scripts speak to the parent about the child (round 3, M1, F19)", () => {
  const all = everyChildScript();

  it('reach every kind of result script a child can get', () => {
    const safeties = new Set(all.map((b) => b.en.safety));
    expect([...safeties].sort()).toEqual(['callback-today', 'clinician-only', 'critical', 'explain', 'outside-range', 'unknown']);
    const spoken = all.map((b) => spokenText(b.en)).join('\n');
    // The wordings where the review found the parent's own body, each reached at least once.
    const paths = {
      'fresh critical': T('critical.main.child'),
      'past critical': pack.texts.texts['critical.mainPast.child']!.en.split('{{')[0]!,
      'infant critical': T('critical.cannotStay.infant'),
      'same-day': T('today.main.child'),
      'same-day panel': T('today.mainPanel.child'),
      'clinician-only, no range at this age': T('callback.mainAge.child'),
      'clinician-only': T('callback.main.child'),
      'outside the range': T('result.reexplain.outside.child'),
      'outside, panel': T('result.reexplain.outsidePanel.child'),
      'a vital sign outside the range': T('safetyNet.vital.child'),
      'more than a year old': T('result.action.old.child'),
      found: T('result.reexplain.found.child'),
      'not detected': T('result.reexplain.notDetected.child'),
      within: T('result.reexplain.within.child'),
      'within, panel': T('result.reexplain.withinPanel.child'),
      'no usual range': T('result.teachBack.noRange.child'),
    };
    const missing = Object.entries(paths)
      .filter(([, text]) => !spoken.includes(text))
      .map(([name]) => name);
    expect(missing).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });

  it('no line read to the parent speaks about their own body, sample or care, in English or Spanish', () => {
    const problems = all.flatMap((b) => [
      ...saidToParent(b.en)
        .filter((l) => wrongPerson.en.some((re) => re.test(l)))
        .map((l) => `${b.label} (en): ${l}`),
      ...saidToParent(b.es)
        .filter((l) => wrongPerson.es.some((re) => re.test(l)))
        .map((l) => `${b.label} (es): ${l}`),
    ]);
    expect(problems).toEqual([]);
  });

  it('every child script stays readable, guardrail-clean and passes the code-checked CDC items', () => {
    const problems: string[] = [];
    for (const b of all) {
      if (b.violations.length) problems.push(`${b.label}: guardrails ${b.violations.join(', ')}`);
      for (const s of [b.en, b.es]) {
        const score = readability(spokenText(s), s.language);
        if (!score.passes) problems.push(`${b.label} (${s.language}): ${score.label}`);
        // A baby under 3 months who cannot wait is sent to the emergency room "right away", not booked "today".
        const infantEr = said(s, 'close').includes(T('critical.cannotStay.infant', s.language));
        const failed = codeCheckedItems(s)
          .failed.map((f) => f.item)
          .filter((item) => !(infantEr && item.startsWith('critical: a line for a patient who cannot stay on')));
        if (failed.length) problems.push(`${b.label} (${s.language}): ${failed.join('; ')}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('the pack\'s test descriptions are person-neutral: weight, the sample, the blood (never "you" or "usted")', () => {
    const texts = (pack.entries as LabEntry[]).flatMap((e) => [
      e.measures,
      ...(e.result === 'presence' ? [e.detected, e.notDetected, ...(e.notDetectedCaveat ? [e.notDetectedCaveat.text] : [])] : []),
      ...(e.result === 'panel' ? [e.why] : []),
    ]);
    expect(texts.filter((t) => /\byou(r|rs)?\b/i.test(t.en)).map((t) => t.en)).toEqual([]);
    expect(texts.filter((t) => /\busted\b|\bsus?\b/i.test(t.es)).map((t) => t.es)).toEqual([]);
    expect(pack.labs.get('29463-7')!.measures).toEqual({ en: 'This test measures weight.', es: 'Esta prueba mide el peso.' });
  });
});

describe('the not-detected re-explain, for a parent (F19)', () => {
  it("a 7-year-old's negative flu test: the child's symptoms and the child's care team; an adult keeps the adult form", () => {
    for (const language of ['en', 'es'] as const) {
      const child = run(presenceObservation('92142-9', false), { patient: aged(7), language });
      expect(said(child, 'teach-back')[1]).toBe(T('result.reexplain.notDetected.child', language));
      expect(said(child, 'teach-back')[0]).toBe(T('result.teachBack.within.child', language));
      const adult = run(presenceObservation('92142-9', false), { patient: aged(40), language });
      expect(said(adult, 'teach-back')[1]).toBe(T('result.reexplain.notDetected', language));
    }
    expect(T('result.reexplain.notDetected.child')).toBe(
      "Let me say it another way. The test did not find it. If your child seems worse or has new symptoms, call your child's care team.",
    );
    expect(T('result.reexplain.notDetected.child', 'es')).toBe(
      'Se lo digo de otra forma. La prueba no lo encontró. Si su niño se ve peor o tiene síntomas nuevos, llame al equipo de salud de su niño.',
    );
  });
});

describe('clinician-only for want of a range at this age, and the safety net that fits the test (M2, M7)', () => {
  it('says there is no usual range for this age, in plain words, for a child and for a teenager', () => {
    for (const language of ['en', 'es'] as const) {
      const child = run(quantityObservation('39156-5', 21.4, 'kg/m2'), { patient: aged(7), language });
      expect(child.safety).toBe('clinician-only');
      expect(said(child, 'explain')).toEqual([T('callback.mainAge.child', language)]);
      const teen = run(quantityObservation('39156-5', 22, 'kg/m2'), { patient: aged(16), language });
      expect(said(teen, 'explain')).toEqual([T('callback.mainAge', language)]);
    }
    expect(T('callback.mainAge')).toMatch(/^I do not have a usual range to compare this result with for someone your age/);
  });

  it('a measurement (BMI, A1c, cholesterol, a blood count) never presumes the patient feels worse', () => {
    const cases = [
      quantityObservation('39156-5', 31.6, 'kg/m2'),
      quantityObservation('4548-4', 6.1, '%'),
      quantityObservation('2085-9', 37, 'mg/dL'),
      quantityObservation('718-7', 18.6, 'g/dL'),
    ];
    for (const r of cases) {
      const s = run(r, { patient: aged(45, 'male') });
      expect(s.safety).toBe('outside-range');
      expect(said(s, 'next-steps')).toContain(T('safetyNet.measurement'));
      expect(spokenText(s)).not.toMatch(/feel worse/);
    }
    const teen = run(quantityObservation('39156-5', 22, 'kg/m2'), { patient: aged(16) });
    expect(said(teen, 'next-steps')).toContain(T('safetyNet.measurement'));
    expect(spokenText(teen)).not.toMatch(/feel worse/);
  });

  it('a test done because someone is unwell keeps "if you feel worse"', () => {
    const oldFlu = run(presenceObservation('92142-9', true), { patient: aged(45), daysLater: 30 });
    expect(oldFlu.safety).toBe('outside-range');
    expect(said(oldFlu, 'next-steps')).toContain(T('safetyNet.symptoms'));
    const pulse = run(quantityObservation('8867-4', 114, '/min'), { patient: aged(45) });
    expect(said(pulse, 'next-steps')).toContain(T('safetyNet.symptoms'));
  });

  it('every outside-range and clinician-callback script reads exactly one safety net', () => {
    const nets = ['safetyNet.measurement', 'safetyNet.measurement.child', 'safetyNet.symptoms', 'safetyNet.symptoms.child', 'safetyNet.vital.child'].map((k) =>
      T(k),
    );
    for (const s of [
      run(quantityObservation('2823-3', 5.3, 'mmol/L'), { patient: aged(45) }),
      run(quantityObservation('8310-5', 37.1, 'Cel'), { patient: aged(6) }),
      run(quantityObservation('2708-6', 92, '%'), { patient: aged(0.5) }),
    ]) {
      expect(said(s, 'next-steps').filter((l) => nets.includes(l))).toHaveLength(1);
    }
  });
});

describe("a child's vital sign outside its range names the child danger signs (M3)", () => {
  it("a 6-month-old's oxygen of 92 %: trouble breathing, blue or gray lips, hard to wake; the urgency is unchanged", () => {
    for (const language of ['en', 'es'] as const) {
      const s = run(quantityObservation('2708-6', 92, '%'), { patient: aged(0.5), language });
      expect(s.safety).toBe('outside-range');
      expect(said(s, 'next-steps')).toEqual([T('result.action.outside.child', language), T('safetyNet.vital.child', language)]);
    }
    expect(T('safetyNet.vital.child')).toMatch(/^If your child has trouble breathing, has blue or gray lips, or is hard to wake, call 911\./);
    // A grown-up's oxygen, or a child's BMI, keeps the line for its kind of test.
    expect(said(run(quantityObservation('2708-6', 93, '%'), { patient: aged(45) }), 'next-steps')).toContain(T('safetyNet.symptoms'));
    const child = run(quantityObservation('2160-0', 2, 'mg/dL'), { patient: aged(8) });
    expect(said(child, 'next-steps')).not.toContain(T('safetyNet.vital.child'));
  });
});

describe('a baby under 3 months with a critical result (M4)', () => {
  it('the agent line sends the parent to the emergency room and never books a callback', () => {
    for (const language of ['en', 'es'] as const) {
      const s = run(quantityObservation('8310-5', 38.6, 'Cel'), { patient: aged(21 / 365.25), language });
      expect(s.safety).toBe('critical');
      expect(s.safetyNote).toBe(lines(s, 'explain').find((l) => !l.say)!.text);
      expect(s.safetyNote!.startsWith(pack.texts.texts['critical.agent.infant']![language].split('{{why}}')[0]!)).toBe(true);
      expect(said(s, 'close')).toContain(T('critical.cannotStay.infant', language));
    }
    const en = run(quantityObservation('8310-5', 38.6, 'Cel'), { patient: aged(21 / 365.25) });
    expect(agentLines(en)).not.toMatch(/book a nurse callback/);
    expect(spokenText(en)).not.toMatch(/bring this phone number/);
    expect(T('critical.cannotStay.infant')).toMatch(/Bring your phone, so the nurse can reach you\./);
    expect(T('critical.cannotStay.infant', 'es')).toMatch(/Lleve su teléfono/);
    // An older child keeps the nurse callback.
    expect(agentLines(run(quantityObservation('9279-1', 70, '/min'), { patient: aged(6) }))).toMatch(/book a nurse callback/);
  });
});

describe('round 4: a past critical result for a baby, and the way out of the teach-back loop (M10, T11)', () => {
  it("a baby's critical result read 30 days later goes to the nurse, not the emergency room", () => {
    const s = run(quantityObservation('8310-5', 38.6, 'Cel'), { patient: aged(21 / 365.25), daysLater: 30 });
    expect(s.safety).toBe('critical');
    expect(said(s, 'close')).not.toContain(T('critical.cannotStay.infant'));
    expect(said(s, 'close')).toContain(T('critical.cannotStay.child'));
    // The calm past-result message still names the risk of declining (R-p): "it is safer to find out today".
    expect(said(s, 'explain')[0]).toMatch(/If something is still not right with your child, it is safer to find out today\./);
    expect(s.safetyNote).toContain(pack.texts.texts['critical.agent']!.en.split('{{why}}')[1]!.trim().slice(0, 60));
  });

  it('a critical script never offers a routine care-team call after two missed teach-backs; a bill offers the billing office', () => {
    const critical = run(quantityObservation('8310-5', 38.6, 'Cel'), { patient: aged(21 / 365.25) });
    const tb = lines(critical, 'teach-back')
      .filter((l) => !l.say)
      .map((l) => l.text);
    expect(tb).toContain(T('branch.loopExit.critical.infant.agent'));
    expect(tb).not.toContain(T('branch.loopExit.agent'));
    // A baby's past result goes to the nurse: its loop exit never sends the parent to the ER (round 5, T12).
    const past = run(quantityObservation('8310-5', 38.6, 'Cel'), { patient: aged(21 / 365.25), daysLater: 30 });
    const pastExit = lines(past, 'teach-back')
      .filter((l) => !l.say)
      .map((l) => l.text);
    expect(pastExit).toContain(T('branch.loopExit.critical.agent'));
    expect(pastExit.join(' ')).not.toMatch(/emergency room/);
    const bill = buildFor(copayCoinsuranceEob(), { language: 'en' });
    expect(lines(bill, 'teach-back').map((l) => l.text)).toContain(T('branch.loopExit.bill.agent'));
  });
});

describe('panels: the results outside the range, then a count of the others (M8, T8)', () => {
  const adult = aged(45, 'female');
  /** A metabolic panel: potassium at its same-day limit, calcium and sodium low, the rest in range. */
  function sameDayPanel(): { report: Json; members: Json[] } {
    const within: [string, number, string][] = [
      ['2345-7', 90, 'mg/dL'],
      ['2160-0', 0.9, 'mg/dL'],
      ['3094-0', 14, 'mg/dL'],
      ['2075-0', 102, 'mmol/L'],
      ['2028-9', 25, 'mmol/L'],
      ['1751-7', 4.2, 'g/dL'],
      ['2885-2', 7.1, 'g/dL'],
      ['1742-6', 20, 'U/L'],
      ['1920-8', 22, 'U/L'],
      ['6768-6', 80, 'U/L'],
      ['1975-2', 0.6, 'mg/dL'],
    ];
    const potassium = pack.labs.get('2823-3') as QuantityLab;
    const sameDay = potassium.sameDay!.atOrAbove ?? potassium.sameDay!.above! + 0.05;
    const members = [
      quantityObservation('2823-3', sameDay, 'mmol/L'),
      quantityObservation('17861-6', 8.2, 'mg/dL'),
      quantityObservation('2951-2', 133, 'mmol/L'),
      ...within.map(([code, v, unit]) => quantityObservation(code, v, unit)),
    ];
    return { report: diagnosticReport('24323-8', members), members };
  }

  it('a same-day panel reads only the results outside the range, says how many others are in it, and names them only if asked', () => {
    const { report, members } = sameDayPanel();
    for (const language of ['en', 'es'] as const) {
      const s = run(report, { patient: adult, members, language });
      expect(s.safety).toBe('callback-today');
      const explain = lines(s, 'explain');
      expect(explain.filter((l) => l.say && !l.when).map((l) => l.text)).toContain(T('result.panel.othersWithin_other', language, { count: 11 }));
      const names = explain.find((l) => l.when === T('branch.whichOthers.agent', language));
      expect(names?.text).toMatch(language === 'en' ? /^These are in the usual range: / : /^Estos están dentro de lo usual: /);
      // Three results read with their numbers: 9 numbers at most, no 11-name list in the main path.
      expect(explain.filter((l) => l.say && !l.when && /\d/.test(l.text)).length).toBeLessThanOrEqual(3 * 3 + 2);
      expect(said(s, 'explain')).toContain(T('today.mainPanel', language));
      expect(said(s, 'teach-back')[1]).toBe(T('today.reexplainPanel', language));
    }
  });

  it('an outside-range panel asks and explains again in the plural', () => {
    const members = [quantityObservation('2085-9', 37, 'mg/dL'), quantityObservation('2571-8', 212, 'mg/dL'), quantityObservation('2093-3', 180, 'mg/dL')];
    const s = run(diagnosticReport('24331-1', members), { patient: adult, members });
    expect(s.safety).toBe('outside-range');
    expect(said(s, 'teach-back')).toEqual([T('result.teachBack.outsidePanel'), T('result.reexplain.outsidePanel')]);
    expect(said(s, 'explain')).toContain(T('result.panel.othersWithin_one', 'en', { count: 1 }));
  });

  it('an all-within panel re-explains "these results", not "your number"', () => {
    const members = [quantityObservation('6690-2', 7, '10*3/uL'), quantityObservation('718-7', 13.5, 'g/dL')];
    const s = run(diagnosticReport('58410-2', members), { patient: adult, members });
    expect(s.safety).toBe('explain');
    expect(said(s, 'teach-back')).toEqual([T('result.teachBack.panel'), T('result.reexplain.withinPanel')]);
  });

  it('a panel\'s purpose names its subject, so "It helps…" never follows another sentence (N16)', () => {
    const panels = (pack.entries as LabEntry[]).filter((e) => e.result === 'panel');
    expect(panels.length).toBeGreaterThan(5);
    for (const e of panels) {
      expect(e.why.en).not.toMatch(/^(It|This)\b/);
      expect(e.why.es).not.toMatch(/^(Ayuda|Le da|Muestra)\b/);
    }
  });
});

describe('teach-back: the EOB re-explain and the way out of the loop (T3, T5)', () => {
  it('the EOB re-explain keeps "call us before you pay" when the bill says something else', () => {
    expect(T('bill.reexplain.owe')).toMatch(/If it says something else, call us before you pay\./);
    expect(T('bill.reexplain.owe', 'es')).toMatch(/Si dice otra cosa, llámenos antes de pagar\./);
  });

  it('after a second miss the agent stops re-reading and offers a call from the care team', () => {
    const s = run(quantityObservation('2823-3', 4.2, 'mmol/L'), { patient: aged(45) });
    expect(
      lines(s, 'teach-back')
        .filter((l) => !l.say)
        .map((l) => l.text),
    ).toContain(T('branch.loopExit.agent'));
  });
});

describe('the code fixes themselves', () => {
  it('a child result from an unknown code reaches the callback with the child wording', () => {
    const s = run(codedObservation({ system: LOINC, code: '99998-1', display: 'Something' }, 1, 'mg/dL'), { patient: aged(5) });
    expect(s.safety).toBe('unknown');
    expect(said(s, 'explain')).toEqual([T('callback.main.child')]);
    expect(said(s, 'teach-back')[1]).toBe(T('callback.reexplain.child'));
  });
});
