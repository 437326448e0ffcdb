import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { demoPatientId, SHOWCASE } from '../../main/services/demo-data';
import { getContact, recordScript, startContact } from '../../main/services/contacts/queries';
import type { Json } from '../../main/services/fhir/access';
import { loadKnowledgePack, type KnowledgePack } from '../../main/services/knowledge/load';
import { serviceLabel } from '../../main/services/scripts/bill-script';
import type { Language, Localized, QuantityLab } from '../../main/services/knowledge/schema';
import type { Violation } from '../../main/services/scripts/guardrails';
import { scriptSourceTypes, stepIds, type Script, type StepId } from '../../preload/contract';
import { codeCheckedItems } from '../support/clear-communication';
import { knowledgeDir, pack, scriptCache, scriptFor, spokenText } from '../support/script-cache';
import {
  adultFemale,
  buildFor,
  codedObservation,
  copayCoinsuranceEob,
  diagnosticReport,
  emptyObservation,
  LOINC,
  pendingClaim,
  quantityObservation,
  SEED,
  showcaseBills,
  UCUM,
} from '../support/script-scenarios';
import { tempDir } from '../support/tmp';

const locale: Record<Language, string> = { en: 'en-US', es: 'es-US' };
const num = (v: number, lang: Language, decimals: number) =>
  new Intl.NumberFormat(locale[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
const usd = (cents: number, lang: Language) => new Intl.NumberFormat(locale[lang], { style: 'currency', currency: 'USD' }).format(cents / 100);
/** Money as it is said: whole dollars without ".00". */
const usdSaid = (cents: number, lang: Language) =>
  new Intl.NumberFormat(locale[lang], {
    style: 'currency',
    currency: 'USD',
    ...(cents % 100 === 0 ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(cents / 100);

const step = (s: Script, id: StepId) => s.steps.find((st) => st.id === id)?.lines ?? [];
const said = (s: Script, id: StepId) =>
  step(s, id)
    .filter((l) => l.say)
    .map((l) => l.text);
const agentSaid = (s: Script, id: StepId) =>
  step(s, id)
    .filter((l) => !l.say)
    .map((l) => l.text);
/** Everything the agent sees: title, note and every line. */
const everything = (s: Script) => [s.title, s.safetyNote ?? '', ...s.steps.flatMap((st) => st.lines.map((l) => l.text))].join('\n');
const expectOrder = (s: Script) => expect(s.steps.map((st) => st.id)).toEqual(['verify', 'context', 'explain', 'next-steps', 'teach-back', 'close']);
/** A pack name as said inside a sentence ("Potassium" → "potassium"; "BUN" stays). */
const inSentence = (name: string) => (/^\p{Lu}\p{Ll}/u.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name);
const nameIn = (loinc: string, lang: Language) => inSentence(pack.labs.get(loinc)!.name[lang]);
/** A scripts.yaml sentence filled in, as the patient hears it. */
const T = (key: string, lang: Language, params: Record<string, string | number> = {}) =>
  pack.texts.texts[key]![lang].replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name]));

const potassium = pack.labs.get('2823-3') as QuantityLab;
const glucose = pack.labs.get('2345-7') as QuantityLab;
const sodium = pack.labs.get('2951-2') as QuantityLab;
/** The pack's high critical limit for potassium, and how the agent sees it ("> 6.2" or "≥ 6.0"). */
const kHigh = potassium.critical!.atOrAbove ?? potassium.critical!.above!;
const kHighSign = potassium.critical!.atOrAbove !== undefined ? '≥' : '>';

let db: Database;
beforeAll(async () => {
  db = await scriptCache({ patients: 10, fixtures: true });
});
afterAll(() => db?.close());

const patientOf = (index: number) => demoPatientId(SEED, index);
function cachedObservations(patientId: string): { id: string; json: Json }[] {
  const rows = db.prepare("SELECT id, json FROM resources WHERE type = 'Observation' AND patient_id = ? ORDER BY id").all(patientId) as {
    id: string;
    json: string;
  }[];
  return rows.map((r) => ({ id: r.id, json: JSON.parse(r.json) as Json }));
}
const codeOf = (o: Json) => (o.code as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code;
const valueOf = (o: Json) => (o.valueQuantity as { value?: number } | undefined)?.value;

describe('critical results', () => {
  it('the showcase critical potassium: no interpretation, the limit for the agent, a nurse for the patient', () => {
    const patientId = patientOf(SHOWCASE.criticalPotassiumAdult);
    const limit = kHigh;
    const obs = cachedObservations(patientId).find((o) => codeOf(o.json) === '2823-3' && (valueOf(o.json) ?? 0) >= limit);
    expect(obs, 'showcase patient 0 has a potassium past the critical limit').toBeDefined();
    const value = valueOf(obs!.json)!;
    const decimals = (String(value).split('.')[1] ?? '').length;
    for (const lang of ['en', 'es'] as const) {
      const s = scriptFor(db, patientId, { type: 'Observation', id: obs!.id }, lang);
      expect(s.safety).toBe('critical');
      expectOrder(s);
      const agent = agentSaid(s, 'explain');
      expect(agent).toHaveLength(1);
      expect(agent[0]).toContain(`${kHighSign} ${num(limit, lang, Math.max(decimals, (String(limit).split('.')[1] ?? '').length))} mmol/L`);
      expect(agent[0]).toContain(potassium.name[lang]);
      expect(s.safetyNote).toBe(agent[0]);
      const spoken = spokenText(s);
      expect(spoken).toContain(lang === 'en' ? 'nurse' : 'enfermería');
      // The call ends at the transfer, with a line for a patient who cannot stay on.
      expect(said(s, 'close')).toEqual([T('critical.transfer', lang), T('critical.cannotStay', lang)]);
      expect(spoken).not.toContain(T('close.say', lang));
      for (const forbidden of [num(value, lang, decimals), num(potassium.ranges[0]!.low!, lang, 1), num(potassium.ranges[0]!.high!, lang, 1)]) {
        expect(spoken, `spoken text must not give ${forbidden}`).not.toContain(forbidden);
      }
      expect(spoken).not.toContain(potassium.higher![lang]);
      expect(spoken).not.toContain(potassium.lower![lang]);
      expect(spoken).not.toContain(potassium.measures[lang]);
      expect(spoken).not.toMatch(lang === 'en' ? /usual range/ : /lo usual/);
    }
  });

  it('the report holding the critical potassium is critical too', () => {
    const patientId = patientOf(SHOWCASE.criticalPotassiumAdult);
    const obs = cachedObservations(patientId).find((o) => codeOf(o.json) === '2823-3' && (valueOf(o.json) ?? 0) >= kHigh)!;
    const reportId = db
      .prepare("SELECT id FROM resources WHERE type = 'DiagnosticReport' AND patient_id = ? AND json LIKE ?")
      .pluck()
      .get(patientId, `%Observation/${obs.id}%`) as string | undefined;
    expect(reportId).toBeDefined();
    const s = scriptFor(db, patientId, { type: 'DiagnosticReport', id: reportId! }, 'en');
    expect(s.safety).toBe('critical');
    expect(s.safetyNote).toContain('Potassium');
    expect(spokenText(s)).not.toContain(String(valueOf(obs.json)));
    expect(spokenText(s)).not.toMatch(/usual range/);
  });

  it('a result the lab flags HH is critical even within the pack limits', () => {
    const s = buildFor(quantityObservation('2823-3', 4.5, 'mmol/L', { flag: { code: 'HH' } }), { language: 'en' });
    expect(s.safety).toBe('critical');
    expect(agentSaid(s, 'explain')[0]).toContain('The lab marked the Potassium result as critical.');
    expect(spokenText(s)).not.toContain('4.5');
    expectOrder(s);
  });

  it('an interpretation that only says "Critical" in text is critical', () => {
    const s = buildFor(quantityObservation('2823-3', 4.5, 'mmol/L', { flag: { text: 'Critical' } }), { language: 'es' });
    expect(s.safety).toBe('critical');
    expect(spokenText(s)).not.toContain('4.5');
    expect(said(s, 'explain').join(' ')).toContain('enfermería');
  });

  it('an unknown LOINC code flagged LL is still critical', () => {
    const obs = codedObservation({ system: LOINC, code: '99999-9', display: 'Mystery analyte' }, 0.3, 'U/L', { flag: { code: 'LL' } });
    expect(pack.labs.has('99999-9')).toBe(false);
    const s = buildFor(obs, { language: 'en' });
    expect(s.safety).toBe('critical');
    expect(s.safetyNote).toContain('Mystery analyte');
    expect(spokenText(s)).not.toContain('0.3');
  });

  it('a value past the limit names the limit with its own decimals, even for a whole-number value', () => {
    // A limit with a decimal keeps it next to a whole-number value: 6.5, not "7" (a made-up pack limit of 6.5).
    const p = withEntry('2823-3', { critical: { atOrBelow: 2.5, above: 6.5 } });
    const s = buildFor(quantityObservation('2823-3', 7, 'mmol/L'), { language: 'en', pack: p });
    expect(s.safety).toBe('critical');
    expect(s.safetyNote).toContain('past the critical limit (> 6.5 mmol/L)');
  });
});

describe('results outside the usual range (not critical)', () => {
  it('says higher than the usual range and the care team; the pack\'s "higher" words are background for the agent, never said', () => {
    const s = buildFor(quantityObservation('2823-3', 5.3, 'mmol/L'), { language: 'en' });
    expect(s.safety).toBe('outside-range');
    expect(s.safetyNote).toBeNull();
    // The main message first, then what the test measures, then the numbers without a unit nobody can hear.
    expect(said(s, 'explain')).toEqual([
      T('result.main.higher', 'en', { test: nameIn('2823-3', 'en') }),
      potassium.measures.en,
      'Your number was 5.3.',
      'The usual range is 3.5 to 5.1.',
      T('result.meaning.outside', 'en'),
    ]);
    expect(agentSaid(s, 'explain')[0]).toBe('On the record: 5.3 mmol/L (usual range 3.5 mmol/L–5.1 mmol/L).');
    const forAgent = s.steps
      .find((st) => st.id === 'explain')!
      .lines.filter((l) => !l.say)
      .map((l) => l.text)
      .join(' ');
    expect(forAgent).toContain(potassium.higher!.en);
    expect(forAgent).toMatch(/not to be read as the reason/);
    expect(spokenText(s)).not.toContain(potassium.higher!.en);
    expect(spokenText(s)).not.toContain(potassium.lower!.en);
    // Who calls whom, and when; the teach-back checks that next step.
    expect(said(s, 'next-steps')).toEqual([T('result.action.outside', 'en'), T('safetyNet.measurement', 'en')]);
    expect(said(s, 'next-steps')[0]).toMatch(/will call you within 2 business days/);
    expect(said(s, 'teach-back')).toEqual([T('result.teachBack.outside', 'en'), T('result.reexplain.outside', 'en')]);
  });

  it('says lower than the usual range; only the "lower" words go to the agent as background', () => {
    const s = buildFor(quantityObservation('2951-2', 131, 'mmol/L'), { language: 'es' });
    expect(s.safety).toBe('outside-range');
    const explain = said(s, 'explain');
    expect(explain[0]).toBe(T('result.main.lower', 'es', { test: nameIn('2951-2', 'es') }));
    expect(explain).not.toContain(sodium.lower!.es);
    const forAgent = s.steps
      .find((st) => st.id === 'explain')!
      .lines.filter((l) => !l.say)
      .map((l) => l.text)
      .join(' ');
    expect(forAgent).toContain(sodium.lower!.es);
    expect(forAgent).not.toContain(sodium.higher!.es);
    expect(said(s, 'next-steps')[0]).toBe(T('result.action.outside', 'es'));
  });

  it('an "abnormal" flag says outside the usual range without picking a direction', () => {
    const s = buildFor(quantityObservation('2823-3', 4.2, 'mmol/L', { flag: { code: 'A' } }), { language: 'en' });
    expect(s.safety).toBe('outside-range');
    const explain = said(s, 'explain');
    expect(explain[0]).toBe(T('result.main.outside', 'en', { test: nameIn('2823-3', 'en') }));
    expect(explain).not.toContain(potassium.higher!.en);
    expect(explain).not.toContain(potassium.lower!.en);
  });

  it("uses the record's own reference range over the pack's", () => {
    const s = buildFor(quantityObservation('2823-3', 5.3, 'mmol/L', { referenceRange: { low: 3.4, high: 5.5, unit: 'mmol/L' } }), { language: 'en' });
    expect(s.safety).toBe('explain');
    expect(said(s, 'explain')).toContain('The usual range is 3.4 to 5.5.');
  });

  it('converts a unit it knows (°F against a range in °C)', () => {
    const obs = { ...quantityObservation('8310-5', 101.5, '[degF]'), valueQuantity: { value: 101.5, unit: '°F', system: UCUM, code: '[degF]' } };
    const s = buildFor(obs, { language: 'en' });
    expect(s.safety).toBe('outside-range');
    const explain = said(s, 'explain');
    expect(explain).toContain('Your number was 101.5 degrees.');
    // The pack's range in °C, said in °F like the value.
    const adult = (pack.labs.get('8310-5') as QuantityLab).ranges.find((r) => r.ageMin >= 18 || (r.ageMin <= 40 && (r.ageMax ?? Infinity) > 40))!;
    const f = (c: number) => ((c * 9) / 5 + 32).toFixed(1);
    expect(explain).toContain(`The usual range is ${f(adult.low!)} degrees to ${f(adult.high!)} degrees.`);
    expect(explain[0]).toBe(T('result.main.higher', 'en', { test: nameIn('8310-5', 'en') }));
  });
});

describe('results within the usual range', () => {
  it('gives the value, the range and the date formatted for each language', () => {
    for (const lang of ['en', 'es'] as const) {
      const s = buildFor(quantityObservation('2823-3', 4.2, 'mmol/L'), { language: lang });
      expect(s.safety).toBe('explain');
      expect(s.language).toBe(lang);
      const explain = said(s, 'explain');
      expect(explain).toContain(lang === 'en' ? `Your number was ${num(4.2, lang, 1)}.` : `Su número fue ${num(4.2, lang, 1)}.`);
      expect(explain).toContain(
        lang === 'en' ? `The usual range is ${num(3.5, lang, 1)} to ${num(5.1, lang, 1)}.` : `Lo usual es de ${num(3.5, lang, 1)} a ${num(5.1, lang, 1)}.`,
      );
      expect(explain[0]).toBe(T('result.main.within', lang, { test: nameIn('2823-3', lang) }));
      expect(said(s, 'next-steps')).toEqual([T('result.action.within', lang)]);
      expect(said(s, 'context')[0]).toContain(lang === 'en' ? 'November 3, 2026' : '3 de noviembre de 2026');
      expect(s.title).toBe(potassium.name[lang]);
      expect(spokenText(s)).not.toContain(potassium.higher![lang]);
    }
  });

  it('shows the range bounds with their own decimals when the value is a whole number', () => {
    const s = buildFor(quantityObservation('2823-3', 4, 'mmol/L'), { language: 'en' });
    expect(said(s, 'explain')).toContain('Your number was 4.');
    expect(said(s, 'explain')).toContain('The usual range is 3.5 to 5.1.');
  });

  it("groups thousands and uses the language's number format", () => {
    const s = buildFor(quantityObservation('2345-7', 1234.5, 'mg/dL', { flag: { code: 'H' } }), {
      language: 'es',
      pack: withEntry('2345-7', { critical: undefined, sameDay: undefined }),
    });
    expect(s.safety).toBe('outside-range');
    expect(said(s, 'explain')).toContain(`Su número fue ${num(1234.5, 'es', 1)}.`);
    const en = buildFor(quantityObservation('2345-7', 1234.5, 'mg/dL', { flag: { code: 'H' } }), {
      language: 'en',
      pack: withEntry('2345-7', { critical: undefined, sameDay: undefined }),
    });
    expect(said(en, 'explain')).toContain('Your number was 1,234.5.');
  });
});

describe('results with no safe explanation', () => {
  const expectCallback = (s: Script, lang: Language = 'en') => {
    expect(s.safety).toBe('unknown');
    expectOrder(s);
    expect(said(s, 'explain')).toEqual([T('callback.main', lang)]);
    // The safety net of a result that is not a symptom test presumes nothing about how the patient feels (round 3, M7).
    expect(said(s, 'next-steps')).toEqual([T('callback.action', lang), T('safetyNet.measurement', lang)]);
    expect(said(s, 'teach-back')).toEqual([T('callback.teachBack', lang), T('callback.reexplain', lang)]);
    expect(s.safetyNote).toBeTruthy();
  };

  it('an unknown code (showcase patient 8)', () => {
    const patientId = patientOf(SHOWCASE.unknownCodeObservation);
    const obs = cachedObservations(patientId).find((o) => codeOf(o.json) === 'XYZ-1');
    expect(obs).toBeDefined();
    for (const lang of ['en', 'es'] as const) {
      const s = scriptFor(db, patientId, { type: 'Observation', id: obs!.id }, lang);
      expectCallback(s, lang);
      expect(s.safetyNote).toContain(lang === 'en' ? 'no plain words' : 'palabras simples');
      expect(spokenText(s)).not.toContain(String(valueOf(obs!.json)));
    }
  });

  it('a result with no value', () => {
    const s = buildFor(emptyObservation('2823-3'), { language: 'en' });
    expectCallback(s);
    expect(s.safetyNote).toContain('no value');
  });

  it("a unit it cannot compare is never explained, whatever the lab's H/L flag says; HH still goes to the nurse", () => {
    expect(potassium.unit).toBe('mmol/L');
    for (const flag of [undefined, 'H', 'L', 'N', 'A']) {
      const s = buildFor(quantityObservation('2823-3', 6.9, 'mg/dL', flag ? { flag: { code: flag } } : {}), { language: 'en' });
      expectCallback(s);
      expect(s.safetyNote).toContain('(mg/dL)');
      expect(spokenText(s)).not.toContain('6.9');
    }
    const critical = buildFor(quantityObservation('2823-3', 6.9, 'mg/dL', { flag: { code: 'HH' } }), { language: 'en' });
    expect(critical.safety).toBe('critical');
  });

  it("the review's two cases: potassium 6.9 mEq/L flagged H and platelets 8 ×10⁹/L flagged L are critical", () => {
    for (const lang of ['en', 'es'] as const) {
      const k = buildFor(quantityObservation('2823-3', 6.9, 'meq/L', { flag: { code: 'H' } }), { language: lang });
      expect(k.safety).toBe('critical');
      expect(k.safetyNote).toContain(`${kHighSign} ${num(kHigh, lang, 1)} mEq/L`);
      const plt = buildFor(
        { ...quantityObservation('777-3', 8, '10*9/L', { flag: { code: 'L' } }), valueQuantity: { value: 8, unit: 'x10E9/L' } },
        { language: lang },
      );
      expect(plt.safety).toBe('critical');
    }
  });

  it('a withdrawn result is never explained nor called critical; a preliminary one only when critical', () => {
    const withdrawn = { ...quantityObservation('2823-3', 1.9, 'mmol/L', { flag: { code: 'LL' } }), status: 'entered-in-error' };
    const s = buildFor(withdrawn, { language: 'en' });
    expectCallback(s);
    expect(s.safetyNote).toMatch(/withdrew/);
    const preliminary = { ...quantityObservation('2823-3', 4.2, 'mmol/L'), status: 'preliminary' };
    expectCallback(buildFor(preliminary, { language: 'en' }));
    expect(buildFor({ ...preliminary, valueQuantity: { value: 7.1, unit: 'mmol/L', system: UCUM, code: 'mmol/L' } }, { language: 'en' }).safety).toBe(
      'critical',
    );
  });

  it('a resource that is not in the cache', () => {
    const s = scriptFor(db, patientOf(0), { type: 'Observation', id: 'not-in-the-cache' }, 'en');
    expectCallback(s);
    expect(s.title).toBe('Record');
    expect(s.safetyNote).toContain('could not be found');
  });

  it("another patient's resource is never shown (minimum necessary)", () => {
    const other = patientOf(SHOWCASE.child);
    const theirs = cachedObservations(other).find((o) => valueOf(o.json) !== undefined && pack.labs.has(codeOf(o.json) ?? ''));
    expect(theirs).toBeDefined();
    // Their own script explains it.
    const own = scriptFor(db, other, { type: 'Observation', id: theirs!.id }, 'en');
    const entry = pack.labs.get(codeOf(theirs!.json)!)!;
    expect(own.title).toBe(entry.name.en);
    const s = scriptFor(db, patientOf(0), { type: 'Observation', id: theirs!.id }, 'en');
    expectCallback(s);
    expect(s.patientId).toBe(patientOf(0));
    const text = everything(s);
    const value = valueOf(theirs!.json)!;
    const recordText = (theirs!.json.code as { text?: string }).text ?? '';
    for (const leak of [entry.name.en, entry.measures.en, recordText, `${value} `, String(theirs!.json.effectiveDateTime).slice(0, 10)]) {
      expect(text, `the script leaks "${leak}"`).not.toContain(leak);
    }
    expect(said(s, 'context')).toEqual([]);
  });
});

/** The shipped pack with one lab entry changed. */
function withEntry(loinc: string, change: Record<string, unknown>): KnowledgePack {
  const old = pack.labs.get(loinc)!;
  const changed = { ...old, ...change } as typeof old;
  return {
    ...pack,
    labs: new Map([...pack.labs].map(([code, e]) => [code, e === old ? changed : e])),
    entries: pack.entries.map((e) => (e === old ? changed : e)),
  };
}
/** The shipped pack with one scripts.yaml text changed. */
const withText = (key: string, text: Localized): KnowledgePack => ({ ...pack, texts: { texts: { ...pack.texts.texts, [key]: text } } });

describe('guardrails are enforced by the engine', () => {
  function build(p: KnowledgePack, resource: Json, language: Language) {
    const onViolation = vi.fn<(v: Violation[], source: { type: string; id: string }) => void>();
    const s = buildFor(resource, { pack: p, language, onViolation });
    return { s, onViolation };
  }

  it('a pack copy whose potassium "higher" text names a disease gets the callback script', () => {
    const dir = path.join(tempDir(), 'knowledge');
    fs.cpSync(knowledgeDir, dir, { recursive: true });
    const file = path.join(dir, 'labs', 'chemistry-and-urine.yaml');
    const data = parse(fs.readFileSync(file, 'utf8')) as { labs: { loinc: string; higher?: Localized }[] };
    data.labs.find((l) => l.loinc === '2823-3')!.higher = {
      en: 'A higher level can be a sign of diabetes.',
      es: 'Un nivel alto puede ser una señal de diabetes.',
    };
    fs.writeFileSync(file, stringify(data));
    const bad = loadKnowledgePack(dir);
    const high = quantityObservation('2823-3', 5.3, 'mmol/L');

    // The shipped pack explains it; the changed one may not.
    const good = build(pack, high, 'en');
    expect(good.s.safety).toBe('outside-range');
    expect(good.onViolation).not.toHaveBeenCalled();

    for (const lang of ['en', 'es'] as const) {
      const { s, onViolation } = build(bad, high, lang);
      expect(s.safety).toBe('unknown');
      expectOrder(s);
      expect(everything(s)).not.toMatch(/diabet/i);
      expect(everything(s)).not.toContain('5.3');
      expect(s.safetyNote).toContain(lang === 'en' ? 'safety check' : 'revisión de seguridad');
      expect(onViolation).toHaveBeenCalledTimes(1);
      const [violations, source] = onViolation.mock.calls[0]!;
      expect(violations).toEqual([expect.objectContaining({ kind: 'diagnostic', word: 'diabet' })]);
      expect(source).toEqual({ type: 'Observation', id: String(high.id) });
    }
  });

  it('a scripts.yaml text with a promise ("don\'t worry") gets the callback script', () => {
    const p = withText('result.main.within', {
      en: "Your {{test}} result is in the usual range, so don't worry.",
      es: 'Su resultado de {{test}} está dentro de lo usual.',
    });
    const { s, onViolation } = build(p, quantityObservation('2823-3', 4.2, 'mmol/L'), 'en');
    expect(s.safety).toBe('unknown');
    expect(everything(s)).not.toMatch(/worry/i);
    expect(onViolation.mock.calls[0]![0].map((v) => v.kind)).toEqual(['promise']);
    // The Spanish text is clean, so the Spanish script is not replaced.
    const es = build(p, quantityObservation('2823-3', 4.2, 'mmol/L'), 'es');
    expect(es.s.safety).toBe('explain');
    expect(es.onViolation).not.toHaveBeenCalled();
  });

  it('a scripts.yaml text about medication gets the callback script, only when the script uses it', () => {
    const p = withText('result.action.outside', { en: 'Your care team may change your medication.', es: 'Su equipo de salud puede cambiar su medicamento.' });
    const { s, onViolation } = build(p, quantityObservation('2823-3', 5.3, 'mmol/L'), 'en');
    expect(s.safety).toBe('unknown');
    expect(everything(s)).not.toMatch(/medication/i);
    expect(onViolation).toHaveBeenCalledTimes(1);
    expect(onViolation.mock.calls[0]![0]).toEqual([expect.objectContaining({ kind: 'medication', word: 'medication' })]);
    const es = build(p, quantityObservation('2823-3', 5.3, 'mmol/L'), 'es');
    expect(es.s.safety).toBe('unknown');
    expect(es.onViolation.mock.calls[0]![0]).toEqual([expect.objectContaining({ kind: 'medication', word: 'medicamento' })]);
    // A result within the range does not use that sentence.
    const within = build(p, quantityObservation('2823-3', 4.2, 'mmol/L'), 'en');
    expect(within.s.safety).toBe('explain');
    expect(within.onViolation).not.toHaveBeenCalled();
  });
});

describe('language', () => {
  it('the showcase Spanish speaker gets Spanish by default, English on request, with money formatted', () => {
    const { patientId, source } = showcaseBills.deductible(db);
    expect(patientId).toBe(patientOf(SHOWCASE.spanishDeductibleEob));
    const es = scriptFor(db, patientId, source);
    expect(es.language).toBe('es');
    expect(es.preferredLanguage).toBe('es');
    expect(said(es, 'verify')).toEqual([pack.texts.texts['verify.say']!.es]);
    expect(es.title).toBe('Explicación de beneficios');
    expect(spokenText(es)).toContain(`El hospital o el consultorio cobró ${usdSaid(es.bill!.chargedCents, 'es')} en total.`);
    expect(spokenText(es)).toContain(`Su plan pagó ${usdSaid(es.bill!.planPaidCents, 'es')}.`);
    expect(usd(es.bill!.chargedCents, 'es')).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);

    const en = scriptFor(db, patientId, source, 'en');
    expect(en.language).toBe('en');
    expect(en.preferredLanguage).toBe('es');
    expect(said(en, 'verify')).toEqual([pack.texts.texts['verify.say']!.en]);
    expect(spokenText(en)).toContain(`The hospital or doctor's office charged ${usdSaid(en.bill!.chargedCents, 'en')} in all.`);
  });

  it('a patient with no stated language gets English', () => {
    const s = buildFor(quantityObservation('2823-3', 4.2, 'mmol/L'), { patient: { ...adultFemale, language: null } });
    expect(s.language).toBe('en');
    expect(s.preferredLanguage).toBeNull();
    const es = buildFor(quantityObservation('2823-3', 4.2, 'mmol/L'), { patient: { ...adultFemale, language: 'es' } });
    expect(es.language).toBe('es');
  });
});

/** The dollar amounts of a math row, in cents. */
const amountsOf = (row: string) => [...row.matchAll(/\$([\d,]+(?:\.\d{2})?)/g)].map((m) => Math.round(Number(m[1]!.replace(/,/g, '')) * 100));
/** Checks a math row adds up: "a − b = c" or "a + b + … = total". */
function expectRowAddsUp(row: string) {
  const amounts = amountsOf(row);
  const [left, right] = row.split('=');
  expect(right, row).toBeDefined();
  const total = amounts.at(-1)!;
  if (left!.includes('−')) {
    expect(amounts, row).toHaveLength(3);
    expect(amounts[0]! - amounts[1]!, row).toBe(total);
  } else {
    expect(
      amounts.slice(0, -1).reduce((a, b) => a + b, 0),
      row,
    ).toBe(total);
  }
}

describe('bills', () => {
  it('the deductible EOB (showcase 1): each line adds up and the spoken part is the one the plan states', () => {
    const { patientId, source, json } = showcaseBills.deductible(db);
    const s = scriptFor(db, patientId, source, 'en');
    expectOrder(s);
    const bill = s.bill!;
    expect(bill.adjudicated).toBe(true);
    expect(bill.lines.length).toBe((json.item as unknown[]).length);
    expect(bill.lines.some((l) => l.deductibleCents > 0)).toBe(true);
    type Adj = { category?: { coding?: { code?: string }[] }; amount?: { value?: number } };
    const stated = (list: Adj[] | undefined) =>
      Math.round((list?.find((a) => a.category?.coding?.some((c) => c.code === 'memberliability'))?.amount?.value ?? NaN) * 100);
    for (const [i, l] of bill.lines.entries()) {
      // The line's part is the payer's own member liability, never worked out from allowed − paid.
      expect(l.patientCents, l.service).toBe(stated((json.item as { adjudication?: Adj[] }[])[i]!.adjudication));
      l.math.filter((row) => row.includes('=')).forEach(expectRowAddsUp);
      if (l.chargedCents !== null && l.allowedCents !== null && !l.denied) {
        expect(amountsOf(l.math[0]!)).toEqual([l.chargedCents, l.chargedCents - l.allowedCents, l.allowedCents]);
      }
    }
    expect(bill.check.matches).toBe(true);
    expect(bill.patientCents).toBe(bill.lines.reduce((n, l) => n + (l.patientCents ?? 0), 0));
    expect(bill.chargedCents).toBe(bill.lines.reduce((n, l) => n + (l.chargedCents ?? 0), 0));
    const spoken = spokenText(s);
    expect(spoken).toMatch(/toward your deductible/);
    expect(spoken.split(pack.billing.terms.deductible.plain.en).length - 1).toBe(1);
    // The main message first: not a bill, and the part the plan's document states (less anything already paid).
    const left = bill.patientCents! - (bill.alreadyPaidCents ?? 0);
    expect(said(s, 'explain')[0]).toBe(
      T(bill.alreadyPaidCents ? 'bill.main.owePaidSome' : 'bill.main.owe', 'en', {
        amount: usdSaid(left, 'en'),
        total: usdSaid(bill.patientCents!, 'en'),
        paid: usdSaid(bill.alreadyPaidCents ?? 0, 'en'),
      }),
    );
    expect(said(s, 'next-steps')[0]).toBe(T('bill.action.owe', 'en', { amount: usdSaid(left, 'en') }));
  });

  it('the denied-line EOB (showcase 7): the CARC code in plain words and the appeal step', () => {
    const { patientId, source, json } = showcaseBills.denied(db);
    const docCodes = (json.item as { adjudication?: { reason?: { coding?: { code?: string }[] } }[] }[]).flatMap((i) =>
      (i.adjudication ?? []).flatMap((a) => a.reason?.coding?.map((c) => c.code) ?? []),
    );
    for (const lang of ['en', 'es'] as const) {
      const s = scriptFor(db, patientId, source, lang);
      const denied = s.bill!.lines.filter((l) => l.denied);
      expect(denied.length).toBeGreaterThanOrEqual(1);
      const line = denied[0]!;
      expect(line.planPaidCents).toBe(0);
      expect(line.reasons).toHaveLength(1);
      const code = line.reasons[0]!.code;
      expect(docCodes).toContain(code);
      expect(pack.carc.has(code)).toBe(true);
      expect(line.reasons[0]!.text).toBe(pack.carc.get(code)!.plain[lang]);
      const explain = said(s, 'explain');
      expect(explain).toContain(pack.carc.get(code)!.plain[lang]);
      const n = s.bill!.lines.indexOf(line) + 1;
      // The service by its plain name from the pack (or its place on the paper), never the record's coding words.
      expect(explain.some((l) => l.startsWith(lang === 'en' ? 'Your plan did not pay ' : 'Su plan no pagó '))).toBe(true);
      expect(explain.join(' ')).not.toContain(line.service);
      expect(agentSaid(s, 'explain')).toContain(T('bill.serviceName.agent', lang, { n, service: line.service }));
      expect(said(s, 'next-steps')).toContain(pack.billing.nextSteps.appeal.plain[lang]);
    }
  });

  it('services are named the way a patient knows them: a flu shot is not a flu test (round 3, F21)', () => {
    const named = (text: string) => serviceLabel(pack, text)?.en;
    expect(named('Influenza virus vaccine, quadrivalent, preservative free')).toBe('the flu shot');
    expect(named('Influenza virus nucleic acid test')).toBe('the flu test');
    expect(named('COVID-19 (SARS-CoV-2) nucleic acid test')).toBe('the COVID-19 test');
    expect(named('SARS-CoV-2 (COVID-19) vaccine, mRNA, 30 mcg/0.3mL dose')).toBe('the COVID-19 shot');
    expect(named('Spirometry, including graphic record')).toBe('the breathing test');
    expect(named('Routine venipuncture')).toBe('the blood draw');
    expect(named('Office visit, established patient, low complexity')).toBe('the office visit');
    expect(named('Hepatic function panel')).toBeUndefined();
    // Hospital days by what they were, not "service 1 on the list" (round 4, F21).
    expect(named('Initial hospital inpatient care, per day')).toBe('the first day of your hospital stay');
    expect(named('Subsequent hospital inpatient care')).toBe('another day of your hospital stay');
    expect(named('Hospital discharge day management')).toBe('the day you left the hospital');
    for (const s of pack.billing.services) expect(s.label.es.length).toBeGreaterThan(0);
  });

  it('an EOB with nothing denied offers no appeal', () => {
    const { patientId, source } = showcaseBills.deductible(db);
    const s = scriptFor(db, patientId, source, 'en');
    expect(s.bill!.lines.some((l) => l.denied)).toBe(false);
    expect(said(s, 'next-steps')).not.toContain(pack.billing.nextSteps.appeal.plain.en);
  });

  it('the zero-dollar EOB (showcase 6): nothing owed, no payment plan', () => {
    const { patientId, source } = showcaseBills.zeroDollar(db);
    const s = scriptFor(db, patientId, source, 'en');
    expect(s.bill!.patientCents).toBe(0);
    expect(s.bill!.chargedCents).toBeGreaterThan(0);
    expect(said(s, 'explain')[0]).toBe(T('bill.main.nothing', 'en'));
    expect(spokenText(s)).not.toMatch(/Your plan says your part is \$[1-9]/);
    expect(s.bill!.lines.every((l) => l.patientCents === 0)).toBe(true);
    const next = said(s, 'next-steps');
    expect(next).not.toContain(pack.billing.nextSteps.paymentPlan.plain.en);
    expect(next).not.toContain(pack.billing.nextSteps.financialAssistance.plain.en);
    // Nothing owed: no talk of paying, only what to do if a bill comes anyway.
    expect(next).toEqual([T('bill.action.nothing', 'en'), T('bill.separateBills', 'en')]);
    expect(said(s, 'teach-back')[0]).toBe(T('bill.teachBackNothing', 'en'));
  });

  it('an EOB with something to pay offers the payment plan', () => {
    const { patientId, source } = showcaseBills.deductible(db);
    const s = scriptFor(db, patientId, source, 'en');
    expect(said(s, 'next-steps')).toContain(pack.billing.nextSteps.paymentPlan.plain.en);
    expect(said(s, 'explain')).not.toContain(T('bill.main.nothing', 'en'));
  });

  it('the totals-mismatch EOB (showcase 3): both amounts for the agent, the billing office for the patient', () => {
    const { patientId, source, json } = showcaseBills.totalsMismatch(db);
    type Adj = { category?: { coding?: { code?: string }[] }; amount?: { value?: number } };
    const member = (list: Adj[] | undefined) =>
      Math.round((list?.find((a) => a.category?.coding?.some((c) => c.code === 'memberliability'))?.amount?.value ?? NaN) * 100);
    const documentCents = member(json.total as Adj[]);
    const linesCents = (json.item as { adjudication?: Adj[] }[]).reduce((n, i) => n + member(i.adjudication), 0);
    expect(documentCents).not.toBe(linesCents);
    for (const lang of ['en', 'es'] as const) {
      const s = scriptFor(db, patientId, source, lang);
      expect(s.bill!.check.matches).toBe(false);
      const patient = s.bill!.check.totals.find((t) => t.what === 'patient')!;
      expect(patient).toMatchObject({ matches: false, documentCents, linesCents });
      const agent = agentSaid(s, 'explain');
      expect(agent.some((a) => a.includes(usd(documentCents, lang)) && a.includes(usd(linesCents, lang)))).toBe(true);
      expect(said(s, 'explain').some((l) => (lang === 'en' ? /billing office to check/ : /oficina de facturación/).test(l))).toBe(true);
      // Said right after the main message, before any amount that may be wrong.
      expect(said(s, 'explain')[1]).toBe(T('bill.mismatch.say', lang));
      expect(s.safetyNote).toContain(usd(documentCents, lang));
    }
  });

  it('a synthetic EOB with a copay line and a coinsurance line', () => {
    const s = buildFor(copayCoinsuranceEob(), { language: 'en' });
    const [visit, xray] = s.bill!.lines;
    expect(visit).toMatchObject({ copayCents: 3000, coinsuranceCents: 0, deductibleCents: 0, patientCents: 3000, allowedCents: 11000, planPaidCents: 8000 });
    expect(xray).toMatchObject({ copayCents: 0, coinsuranceCents: 2400, deductibleCents: 0, patientCents: 2400, allowedCents: 12000, planPaidCents: 9600 });
    expect(s.bill!.patientCents).toBe(5400);
    expect(s.bill!.check.matches).toBe(true);
    for (const l of s.bill!.lines) l.math.filter((row) => row.includes('=')).forEach(expectRowAddsUp);
    expect(visit!.math.at(-1)).toBe("Patient's part, as the plan states it: $30.00");
    expect(xray!.math).toContain('coinsurance $24.00 = $24.00');
    const explain = said(s, 'explain');
    // Whole dollars without ".00"; what the part is made of in one sentence; each service's share only if asked.
    expect(explain[0]).toBe('This explanation of benefits is not a bill. Your plan says your part of the care on this paper is $54.');
    expect(explain).toContain("The hospital or doctor's office charged $345 in all.");
    expect(explain).toContain('Your plan has a lower agreed price of $230, so $115 was taken off.');
    // The summary names its subject and follows the main message: "That is…" after "Your plan paid $X" pointed at the
    // plan's payment (round 3, F22).
    expect(explain[1]).toBe('Your part, $54, is a $30 copay and $24 of coinsurance.');
    for (const lang of ['en', 'es'] as const) {
      const all = buildFor(copayCoinsuranceEob(), { language: lang }).steps.flatMap((st) => st.lines.filter((l) => l.say).map((l) => l.text));
      expect(all.filter((t) => /^(That|This|It) is |^(Eso|Esto) es /.test(t))).toEqual([]);
    }
    const lines = step(s, 'explain').filter((l) => l.when);
    expect(lines.map((l) => l.text)).toEqual(['The office visit: your part is $30.', 'The X-ray: your part is $24.']);
    expect(explain.filter((l) => l === pack.billing.terms.copay.plain.en)).toHaveLength(1);
    expect(explain.filter((l) => l === pack.billing.terms.coinsurance.plain.en)).toHaveLength(1);
    expect(explain).not.toContain(pack.billing.terms.deductible.plain.en);
  });

  it('a Claim the plan has answered is explained from its explanation of benefits, never as "not finished" (F7)', () => {
    const eobs = db.prepare("SELECT patient_id, json FROM resources WHERE type = 'ExplanationOfBenefit'").all() as { patient_id: string; json: string }[];
    const answered = eobs
      .map((r) => ({ patientId: r.patient_id, eob: JSON.parse(r.json) as { status?: string; use?: string; claim?: { reference?: string } } }))
      .find((r) => r.eob.status === 'active' && r.eob.use === 'claim' && r.eob.claim?.reference?.startsWith('Claim/'));
    expect(answered).toBeDefined();
    const claimId = answered!.eob.claim!.reference!.slice('Claim/'.length);
    const s = scriptFor(db, answered!.patientId, { type: 'Claim', id: claimId }, 'en');
    expect(s.source).toEqual({ type: 'Claim', id: claimId });
    expect(s.bill!.adjudicated).toBe(true);
    expect(said(s, 'explain')[0]).not.toBe(T('bill.main.pending', 'en'));
    expect(agentSaid(s, 'explain')).toContain(T('bill.routedFromClaim.agent', 'en'));
  });

  it('a Claim not yet processed: the pending sentence and no amount claimed for the patient', () => {
    for (const lang of ['en', 'es'] as const) {
      const s = buildFor(pendingClaim(), { language: lang });
      expectOrder(s);
      expect(s.kind).toBe('bill');
      expect(s.bill!.adjudicated).toBe(false);
      expect(s.bill!.patientCents).toBeNull();
      expect(s.bill!.lines.every((l) => l.patientCents === null && l.math.length === 0)).toBe(true);
      const explain = said(s, 'explain');
      // The charge comes with what it is: the full price before the plan pays, not what the patient owes.
      expect(explain).toEqual([T('bill.main.pending', lang), T('bill.charged', lang, { amount: usdSaid(23900, lang) }), T('bill.pendingCharge', lang)]);
      // The only amount said is the charge.
      expect(amountsOf(spokenText(s))).toEqual([23900]);
      expect(said(s, 'next-steps')).not.toContain(pack.billing.nextSteps.paymentPlan.plain[lang]);
      expect(s.title).toBe(lang === 'en' ? 'Claim' : 'Reclamo');
    }
  });
});

describe('panels', () => {
  it('the fixture respiratory panel (92143-7) lists each member by its plain name, in both languages', () => {
    const row = db.prepare("SELECT id, patient_id, json FROM resources WHERE type = 'DiagnosticReport' AND json LIKE '%\"92143-7\"%' LIMIT 1").get() as
      { id: string; patient_id: string; json: string } | undefined;
    expect(row).toBeDefined();
    const refs = ((JSON.parse(row!.json) as Json).result as { reference: string }[]).map((r) => r.reference.split('/')[1]!);
    const members = refs.map(
      (id) => JSON.parse(db.prepare("SELECT json FROM resources WHERE type = 'Observation' AND id = ?").pluck().get(id) as string) as Json,
    );
    expect(members.length).toBeGreaterThanOrEqual(5);
    for (const lang of ['en', 'es'] as const) {
      const s = scriptFor(db, row!.patient_id, { type: 'DiagnosticReport', id: row!.id }, lang);
      expectOrder(s);
      expect(s.title).toBe(pack.labs.get('92143-7')!.name[lang]);
      expect(s.safety).not.toBe('unknown');
      const explain = said(s, 'explain');
      expect(explain[0]).toContain(String(members.length));
      const names = members.map((m) => pack.labs.get(codeOf(m)!)!.name[lang]);
      expect(new Set(names).size).toBe(names.length);
      expect(explain.filter((l) => names.some((n) => l.startsWith(`${n}: `))).map((l) => l.split(': ')[0])).toEqual(names);
      // Each member's own words follow its name.
      for (const m of members) {
        const entry = pack.labs.get(codeOf(m)!)!;
        if (entry.result !== 'presence') continue;
        const line = explain.find((l) => l.startsWith(`${entry.name[lang]}: `))!;
        expect([entry.detected[lang], entry.notDetected[lang]]).toContain(line.slice(entry.name[lang].length + 2));
      }
    }
  });

  it('a synthetic report with one high member is outside the range and names that member', () => {
    const members = [quantityObservation('2345-7', 88, 'mg/dL'), quantityObservation('2823-3', 5.3, 'mmol/L')];
    const s = buildFor(diagnosticReport('24321-2', members), { members, language: 'en' });
    expect(s.safety).toBe('outside-range');
    const explain = said(s, 'explain');
    expect(explain.slice(0, 2)).toEqual(['This report has 2 results.', `1 result is outside the usual range: ${nameIn('2823-3', 'en')}.`]);
    // Numbers for the result outside its range; the one in range is named, its number on the agent's screen.
    expect(explain).toContain(`${potassium.name.en}: your number was 5.3.`);
    expect(explain).toContain(`These are in the usual range: ${nameIn('2345-7', 'en')}.`);
    expect(explain.join(' ')).not.toContain('88');
    expect(agentSaid(s, 'explain').some((l) => l.startsWith(`On the record: ${glucose.name.en}: 88 mg/dL (usual range`))).toBe(true);
    expect(explain).toContain('That is higher than the usual range.');
    expect(explain).not.toContain(potassium.higher!.en);
    expect(explain).not.toContain(glucose.higher!.en);
  });

  it('checks a blood pressure inside a vital-signs report against its critical limits', () => {
    const bp = {
      ...quantityObservation('85354-9', 0, 'mm[Hg]'),
      valueQuantity: undefined,
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
          valueQuantity: { value: 230, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
          valueQuantity: { value: 95, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
      ],
    };
    const members = [quantityObservation('8867-4', 72, '/min'), bp];
    const s = buildFor(diagnosticReport('85354-9', members), { members, language: 'en' });
    expect(s.safety).toBe('critical');
    expect(s.safetyNote).toMatch(/past the critical limit \(> 180 mmHg\)/);
  });
});

describe('step order', () => {
  it('is verify, context, explain, next-steps, teach-back, close for every cached result and bill, in both languages', () => {
    expect(stepIds).toEqual(['verify', 'context', 'explain', 'next-steps', 'teach-back', 'close']);
    const rows = db
      .prepare(`SELECT type, id, patient_id FROM resources WHERE type IN (${scriptSourceTypes.map(() => '?').join(', ')}) ORDER BY type, id`)
      .all(...scriptSourceTypes) as { type: string; id: string; patient_id: string }[];
    expect(rows.length).toBeGreaterThan(500);
    const safeties = new Set<string>();
    for (const r of rows) {
      for (const lang of ['en', 'es'] as const) {
        const s = scriptFor(db, r.patient_id, { type: r.type, id: r.id }, lang);
        expectOrder(s);
        safeties.add(s.safety);
        expect(
          s.steps.every((st) => st.id === 'context' || st.lines.some((l) => l.say)),
          `${r.type}/${r.id}`,
        ).toBe(true);
        // The CDC Clear Communication checks code can make hold for real-shaped data too (Synthea fixtures included).
        expect(codeCheckedItems(s).failed, `${r.type}/${r.id} ${lang}`).toEqual([]);
      }
    }
    // The sweep goes through every kind of script.
    expect([...safeties]).toEqual(expect.arrayContaining(['critical', 'explain', 'outside-range', 'unknown', 'clinician-only']));
  });
});

describe('contacts', () => {
  it('records the teach-back and steps done, one row per source, and ignores an unknown contact', async () => {
    // A cache of its own: the shared one's folder is removed after the first test, and SQLite then refuses writes.
    const cache = await scriptCache({ patients: 1 });
    try {
      const patientId = patientOf(0);
      const count = (sql: string) => cache.prepare(sql).pluck().get() as number;
      const contact = startContact(cache, { patientId, channel: 'call', now: '2026-11-03T10:00:00.000Z' });
      expect(contact).toMatchObject({ patientId, channel: 'call', scripts: [] });
      expect(getContact(cache, contact.id)).toEqual(contact);

      const obsId = cache
        .prepare("SELECT id FROM resources WHERE type = 'Observation' AND patient_id = ? ORDER BY id LIMIT 1")
        .pluck()
        .get(patientId) as string;
      const s = scriptFor(cache, patientId, { type: 'Observation', id: obsId }, 'en');
      const first = recordScript(cache, {
        contactId: contact.id,
        source: s.source,
        title: s.title,
        language: s.language,
        teachBack: 'needs-another',
        stepsDone: ['verify', 'context', 'explain'],
        now: '2026-11-03T10:05:00.000Z',
      });
      expect(first?.scripts).toEqual([
        {
          source: s.source,
          title: s.title,
          language: 'en',
          teachBack: 'needs-another',
          stepsDone: ['verify', 'context', 'explain'],
          updatedAt: '2026-11-03T10:05:00.000Z',
        },
      ]);
      expect(first?.updatedAt).toBe('2026-11-03T10:05:00.000Z');

      const again = recordScript(cache, {
        contactId: contact.id,
        source: s.source,
        title: s.title,
        language: 'es',
        teachBack: 'understood',
        stepsDone: [...stepIds],
        now: '2026-11-03T10:09:00.000Z',
      });
      expect(again?.scripts).toHaveLength(1);
      expect(count(`SELECT count(*) FROM contact_scripts WHERE contact_id = '${contact.id}'`)).toBe(1);
      const stored = getContact(cache, contact.id)!;
      expect(stored.scripts[0]).toMatchObject({ teachBack: 'understood', language: 'es', stepsDone: [...stepIds], updatedAt: '2026-11-03T10:09:00.000Z' });
      expect(stored.startedAt).toBe('2026-11-03T10:00:00.000Z');

      // Another source is another row.
      recordScript(cache, {
        contactId: contact.id,
        source: { type: 'Observation', id: 'other' },
        title: 'Other',
        language: 'en',
        teachBack: null,
        stepsDone: [],
        now: '2026-11-03T10:10:00.000Z',
      });
      expect(count(`SELECT count(*) FROM contact_scripts WHERE contact_id = '${contact.id}'`)).toBe(2);

      const before = [count('SELECT count(*) FROM contacts'), count('SELECT count(*) FROM contact_scripts')];
      const unknown = recordScript(cache, {
        contactId: 'no-such-contact',
        source: s.source,
        title: s.title,
        language: 'en',
        teachBack: 'understood',
        stepsDone: ['verify'],
        now: '2026-11-03T10:11:00.000Z',
      });
      expect(unknown).toBeNull();
      expect([count('SELECT count(*) FROM contacts'), count('SELECT count(*) FROM contact_scripts')]).toEqual(before);
      expect(getContact(cache, 'no-such-contact')).toBeNull();
      expect(getContact(cache, contact.id)!.updatedAt).toBe('2026-11-03T10:10:00.000Z');
    } finally {
      cache.close();
    }
  });
});

describe('units as a patient hears them', () => {
  it('shows UCUM codes in their usual written form, and converts °F to the pack’s unit for the comparison', () => {
    const wbc = buildFor(quantityObservation('6690-2', 16, '10*3/uL'));
    const all = wbc.steps.flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    expect(spokenText(wbc)).toContain('Your number was 16 thousand.');
    expect(all).toContain('On the record: 16 ×10³/µL');
    expect(all).not.toContain('10*3/uL');
    const fever = buildFor(quantityObservation('8310-5', 101.5, '[degF]'));
    expect(spokenText(fever)).toContain('Your number was 101.5 degrees.');
    expect(fever.safety).toBe('outside-range');
  });
});
