import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { generateDemoBundles } from '../../main/services/demo-data';
import { CARC as demoCarc } from '../../main/services/demo-data/catalog';
import { KnowledgePackError, loadKnowledgePack } from '../../main/services/knowledge/load';
import type { Language, Localized } from '../../main/services/knowledge/schema';
import { findViolations } from '../../main/services/scripts/guardrails';
import { repoRoot } from '../support/host';
import { knowledgeDir, pack } from '../support/script-cache';
import { SEED } from '../support/script-scenarios';
import { tempDir } from '../support/tmp';

const LOINC = 'http://loinc.org';
const CARC_SYSTEM = 'https://x12.org/codes/claim-adjustment-reason-codes';
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

type Resource = Record<string, unknown> & { resourceType?: string };
type Concept = { coding?: { system?: string; code?: string }[] } | undefined;

/** LOINC codes of Observation.code, Observation.component.code and DiagnosticReport.code, with where each was seen. */
function loincCodesOf(resources: Iterable<Resource>): Map<string, string> {
  const found = new Map<string, string>();
  const add = (cc: Concept, where: string) => {
    for (const c of cc?.coding ?? []) if (c.system === LOINC && c.code) found.set(c.code, where);
  };
  for (const r of resources) {
    if (r.resourceType !== 'Observation' && r.resourceType !== 'DiagnosticReport') continue;
    add(r.code as Concept, `${r.resourceType}/${String(r.id)}`);
    for (const comp of (r.component ?? []) as { code?: Concept }[]) add(comp.code, `${r.resourceType}/${String(r.id)} component`);
  }
  return found;
}

function* fixtureResources(): Generator<Resource> {
  const dir = path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const bundle = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { entry?: { resource?: Resource }[] };
    for (const e of bundle.entry ?? []) if (e.resource) yield e.resource;
  }
}

function* demoResources(patients: number): Generator<Resource> {
  for (const bundle of generateDemoBundles({ seed: SEED, patients })) {
    for (const e of bundle.entry ?? []) if (e.resource) yield e.resource as unknown as Resource;
  }
}

/** Every { en, es } text in a structure, with its path. */
function localizedTexts(value: unknown, at: string, out: { at: string; text: Localized }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => localizedTexts(v, `${at}[${i}]`, out));
  else if (value instanceof Map) for (const [k, v] of value) localizedTexts(v, `${at}.${String(k)}`, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.en === 'string' && typeof o.es === 'string' && Object.keys(o).length === 2) out.push({ at, text: { en: o.en, es: o.es } });
    else for (const [k, v] of Object.entries(o)) localizedTexts(v, `${at}.${k}`, out);
  }
  return out;
}

const packTexts = () => [...localizedTexts(pack.entries, 'labs'), ...localizedTexts(pack.billing, 'billing'), ...localizedTexts(pack.texts.texts, 'scripts')];

describe('the shipped knowledge pack', () => {
  it('loads, and describes as many lab tests and LOINC codes as the README says', () => {
    const loaded = loadKnowledgePack(knowledgeDir);
    const said = /`labs\/\*\.yaml` \((\d+)\s+entries, (\d+) LOINC codes with aliases/.exec(readme);
    expect(said, 'the README names the number of entries and codes').not.toBeNull();
    expect(loaded.entries.length).toBe(Number(said![1]));
    expect(loaded.labs.size).toBe(Number(said![2]));
    // Every entry's main code and aliases resolve to that entry.
    for (const e of loaded.entries) for (const code of [e.loinc, ...e.aliases]) expect(loaded.labs.get(code)).toBe(e);
  });

  it('has an entry for every LOINC code in the Synthea fixtures', () => {
    const codes = loincCodesOf(fixtureResources());
    // The fixtures carry vitals, labs and the respiratory panel with its members.
    expect(codes.size).toBeGreaterThanOrEqual(15);
    expect(codes.has('92143-7')).toBe(true);
    const missing = [...codes].filter(([code]) => !pack.labs.has(code)).map(([code, where]) => `${code} (${where})`);
    expect(missing, `LOINC codes without an entry: ${missing.join(', ')}`).toEqual([]);
  });

  it('has an entry for every LOINC code the demo generator emits', () => {
    const codes = loincCodesOf(demoResources(24));
    expect(codes.size).toBeGreaterThanOrEqual(40);
    // Panels, quantities and presence tests are all among them.
    for (const code of ['24323-8', '2823-3', '94500-6', '85354-9', '8480-6']) expect(codes.has(code), code).toBe(true);
    const missing = [...codes].filter(([code]) => !pack.labs.has(code)).map(([code, where]) => `${code} (${where})`);
    expect(missing, `LOINC codes without an entry: ${missing.join(', ')}`).toEqual([]);
  });

  it('explains the 16 billing terms and the 14 next steps in both languages', () => {
    const terms = [
      'charge',
      'allowedAmount',
      'insurancePaid',
      'deductible',
      'coinsurance',
      'copay',
      'outOfPocketMax',
      'notCovered',
      'inNetwork',
      'outOfNetwork',
      'priorAuthorization',
      'eobVersusBill',
      'paidByPatient',
      'priorPayer',
      'paidToPatient',
      'predetermination',
    ];
    const nextSteps = [
      'paymentPlan',
      'financialAssistance',
      'itemizedBill',
      'appeal',
      'checkBeforePaying',
      'noSurprises',
      'goodFaithEstimate',
      'updateOtherInsurance',
      'providerFix',
      'sendInformation',
      'contactPlan',
      'publicCoverage',
      'otherPlan',
      'medicaidScreening',
    ];
    expect(Object.keys(pack.billing.terms).sort()).toEqual([...terms].sort());
    expect(Object.keys(pack.billing.nextSteps).sort()).toEqual([...nextSteps].sort());
    for (const t of [...Object.values(pack.billing.terms), ...Object.values(pack.billing.nextSteps)]) {
      for (const lang of ['en', 'es'] as const) {
        expect(t.term[lang].trim().length).toBeGreaterThan(0);
        expect(t.plain[lang].trim().length).toBeGreaterThan(10);
      }
    }
  });

  it('explains as many CARC codes as the README says, including every one the demo data uses', () => {
    const said = /`billing\.yaml` \(terms, (\d+)\s+claim adjustment reason codes/.exec(readme);
    expect(said, 'the README names the number of reason codes').not.toBeNull();
    expect(pack.carc.size).toBe(Number(said![1]));
    const used = new Set(Object.keys(demoCarc));
    for (const r of demoResources(24)) {
      if (r.resourceType !== 'ExplanationOfBenefit') continue;
      for (const item of (r.item ?? []) as { adjudication?: { reason?: Concept }[] }[]) {
        for (const a of item.adjudication ?? []) for (const c of a.reason?.coding ?? []) if (c.system === CARC_SYSTEM && c.code) used.add(c.code);
      }
    }
    expect(used.size).toBeGreaterThanOrEqual(10);
    const missing = [...used].filter((code) => !pack.carc.has(code));
    expect(missing, `CARC codes without plain words: ${missing.join(', ')}`).toEqual([]);
  });

  it('is checked with guardrails that do trip: a word of each kind, in each language', () => {
    // The check below would pass on an empty word list; these literal sentences would not.
    const kinds = (text: string, lang: Language) => findViolations([text], lang).map((v) => v.kind);
    expect(kinds('Your results show diabetes.', 'en')).toEqual(['diagnostic']);
    expect(kinds('Stop taking that medicine.', 'en')).toEqual(expect.arrayContaining(['medication']));
    expect(kinds('Don’t worry, it will be fine.', 'en')).toEqual(expect.arrayContaining(['promise']));
    expect(kinds('Sus resultados muestran diabetes.', 'es')).toEqual(['diagnostic']);
    expect(kinds('Deje de tomar ese medicamento.', 'es')).toEqual(expect.arrayContaining(['medication']));
    expect(kinds('No se preocupe, va a estar bien.', 'es')).toEqual(expect.arrayContaining(['promise']));
  });

  it('uses no forbidden word in any text, in its own language', () => {
    const texts = packTexts();
    // Labs (name, measures, why, higher/lower, detected/not detected), billing and scripts.yaml are all walked.
    expect(texts.length).toBeGreaterThan(pack.entries.length * 3 + Object.keys(pack.texts.texts).length);
    const problems = texts.flatMap(({ at, text }) =>
      (['en', 'es'] as Language[]).flatMap((lang) => findViolations([text[lang]], lang).map((v) => `${at}.${lang}: ${v.kind} "${v.word}" in "${v.text}"`)),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('has a real Spanish text for every English one', () => {
    const onlyPlaceholders = (s: string) => s.replace(/\{\{\w+\}\}/g, '').replace(/[\s\p{P}\p{S}]/gu, '') === '';
    const texts = packTexts();
    // The one shared template is the member line of a panel.
    expect(texts.some(({ text }) => onlyPlaceholders(text.en) && text.en === text.es)).toBe(true);
    const same = texts.filter(({ text }) => text.en.trim() === text.es.trim() && !onlyPlaceholders(text.en)).map(({ at, text }) => `${at}: "${text.en}"`);
    expect(same, same.join('\n')).toEqual([]);
  });
});

describe('loading a broken pack', () => {
  /** A copy of the shipped pack in a temp folder, changed by `edit`, then loaded: the error it throws. */
  function loadError(edit: (dir: string) => void): KnowledgePackError {
    const dir = path.join(tempDir(), 'knowledge');
    fs.cpSync(knowledgeDir, dir, { recursive: true });
    // The untouched copy loads.
    expect(() => loadKnowledgePack(dir)).not.toThrow();
    edit(dir);
    try {
      loadKnowledgePack(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgePackError);
      return error as KnowledgePackError;
    }
    throw new Error('the broken pack loaded');
  }

  const editYaml = (file: string, change: (data: Record<string, unknown>) => void) => {
    const data = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    change(data);
    fs.writeFileSync(file, stringify(data));
  };
  type LabsFile = { labs: Record<string, unknown>[] };
  const chemistry = (dir: string) => path.join(dir, 'labs', 'chemistry-and-urine.yaml');
  const potassiumIndex = (data: LabsFile) => data.labs.findIndex((l) => l.loinc === '2823-3');

  it('names the file and the line of invalid YAML', () => {
    let lines = 0;
    const e = loadError((dir) => {
      lines = fs.readFileSync(chemistry(dir), 'utf8').split('\n').length;
      fs.appendFileSync(chemistry(dir), '\n  - result: quantity\n loinc: [unclosed\n');
    });
    expect(e.message).toMatch(/^labs\/chemistry-and-urine\.yaml: not valid YAML/);
    const line = Number(e.message.match(/at line (\d+), column \d+/)?.[1]);
    expect(line).toBeGreaterThanOrEqual(lines);
    expect(e.code).toBe('knowledge_pack_invalid');
  });

  it('names the file and the line of a key written twice', () => {
    const e = loadError((dir) => {
      const file = path.join(dir, 'scripts.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^( {2}close\.say:\n)/m, '  close.say:\n    en: "Bye."\n    es: "Adiós."\n$1'));
    });
    expect(e.message).toMatch(/^scripts\.yaml: not valid YAML \(Map keys must be unique at line \d+/);
  });

  it('names the file and field of a missing Spanish text in a lab file', () => {
    let index = -1;
    const e = loadError((dir) =>
      editYaml(chemistry(dir), (data) => {
        const labs = data as unknown as LabsFile;
        index = potassiumIndex(labs);
        delete (labs.labs[index]!.higher as Record<string, unknown>).es;
      }),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    expect(e.message).toContain('labs/chemistry-and-urine.yaml: ');
    expect(e.message).toContain(`labs.${index}.higher.es`);
  });

  it('names the file and field of a missing Spanish text in scripts.yaml', () => {
    const e = loadError((dir) =>
      editYaml(path.join(dir, 'scripts.yaml'), (data) => {
        delete ((data.texts as Record<string, Record<string, unknown>>)['critical.main'] as Record<string, unknown>).es;
      }),
    );
    expect(e.message).toMatch(/^scripts\.yaml: /);
    expect(e.message).toContain('texts.critical.main.es');
  });

  it('names the file and the code of a LOINC code described twice', () => {
    const e = loadError((dir) =>
      editYaml(chemistry(dir), (data) => {
        const labs = data as unknown as LabsFile;
        const potassium = labs.labs[potassiumIndex(labs)]!;
        // Heart rate (8867-4) is already described in blood-counts-vitals-infection.yaml.
        labs.labs.push({ ...potassium, loinc: '99999-9', aliases: ['8867-4'] });
      }),
    );
    expect(e.message).toContain('labs/chemistry-and-urine.yaml');
    expect(e.message).toContain('8867-4');
    expect(e.message).toMatch(/twice/);
  });

  it('names the file and field of a range whose low is not below its high', () => {
    let index = -1;
    const e = loadError((dir) =>
      editYaml(chemistry(dir), (data) => {
        const labs = data as unknown as LabsFile;
        index = potassiumIndex(labs);
        labs.labs[index]!.ranges = [{ ageMin: 18, low: 5.1, high: 3.5 }];
      }),
    );
    expect(e.message).toContain('labs/chemistry-and-urine.yaml: ');
    expect(e.message).toContain(`labs.${index}.ranges.0`);
    expect(e.message).toContain('low must be below high');
  });

  it('rejects a range whose low equals its high', () => {
    const e = loadError((dir) =>
      editYaml(chemistry(dir), (data) => {
        const labs = data as unknown as LabsFile;
        labs.labs[potassiumIndex(labs)]!.ranges = [{ ageMin: 18, low: 4, high: 4 }];
      }),
    );
    expect(e.message).toContain('low must be below high');
  });
});
