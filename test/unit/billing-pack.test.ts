import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KnowledgePackError, loadKnowledgePack } from '../../main/services/knowledge/load';
import { carcActions, carcActionStep, carcKinds, nextStepIds, type Language } from '../../main/services/knowledge/schema';
import { readability } from '../../main/services/readability';
import { findViolations } from '../../main/services/scripts/guardrails';
import { repoRoot } from '../support/host';
import { tempDir } from '../support/tmp';

// The billing part of the knowledge pack (resources/knowledge/billing.yaml), after the US revenue-cycle review of
// 2026-12-03 (F3, F5, F6, F11-F14): per-reason kind and action, texts that say whose a reason usually is, and the
// next steps the bill engine picks from.

const knowledgeDir = path.join(repoRoot, 'resources', 'knowledge');
const pack = loadKnowledgePack(knowledgeDir);
const languages: Language[] = ['en', 'es'];
const carc = (code: string) => {
  const entry = pack.carc.get(code);
  if (!entry) throw new Error(`CARC ${code} has no entry`);
  return entry;
};

/** Every `plain` text of billing.yaml: terms, CARCs and next steps. */
const plainTexts = () => [
  ...Object.entries(pack.billing.terms).map(([id, t]) => ({ at: `terms.${id}`, plain: t.plain })),
  ...pack.billing.carc.map((c) => ({ at: `carc ${c.code}`, plain: c.plain })),
  ...Object.entries(pack.billing.nextSteps).map(([id, t]) => ({ at: `nextSteps.${id}`, plain: t.plain })),
];

function readabilityProblems(items: { at: string; plain: { en: string; es: string } }[]) {
  return items.flatMap(({ at, plain }) =>
    languages.flatMap((lang) => {
      const score = readability(plain[lang], lang);
      return score.passes ? [] : [`${at}.${lang}: ${score.label}, bar ${score.bar}: "${plain[lang]}"`];
    }),
  );
}

describe('CARC kinds and actions', () => {
  it('every CARC has a kind and an action from the schema lists', () => {
    expect(pack.billing.carc.length).toBeGreaterThanOrEqual(40);
    const missing = pack.billing.carc.filter((c) => !carcKinds.includes(c.kind) || !carcActions.includes(c.action)).map((c) => c.code);
    expect(missing, `CARCs without a valid kind or action: ${missing.join(', ')}`).toEqual([]);
  });

  it('deductible, coinsurance and copay (1, 2, 3) are cost sharing with nothing to do', () => {
    for (const code of ['1', '2', '3'])
      expect({ code, kind: carc(code).kind, action: carc(code).action }).toEqual({ code, kind: 'cost-share', action: 'none' });
  });

  it('duplicates, bundling and errors the office fixes (18, 97, 16, 4, 11, 181, 252) never offer an appeal', () => {
    for (const code of ['18', '97', '16', '4', '11', '181', '252']) expect(carc(code).action, `CARC ${code}`).not.toBe('appeal');
    for (const code of ['16', '4', '11', '181', '252']) expect(carc(code).action, `CARC ${code}`).toBe('provider-fix');
    expect(carc('18').action).toBe('none');
  });

  it('final decisions (29 late filing, 97 and 234 bundling) never appeal and have nothing to do: no claim to send again', () => {
    // Re-review 2026-12-03 M3: a provider-fix action made these read as "not settled" and "send it again".
    for (const code of ['29', '97', '234']) {
      expect(carc(code).action, `CARC ${code}`).toBe('none');
      expect(carc(code).action, `CARC ${code}`).not.toBe('appeal');
    }
    for (const code of ['97', '234']) expect(carc(code).kind, `CARC ${code}`).toBe('adjustment');
    expect(carc('29').kind).toBe('denial');
  });

  it('provider type, rendering provider and contract denials (170, 185, 256) stay provider-fix: the engine reads the group', () => {
    for (const code of ['170', '185', '256'])
      expect({ code, kind: carc(code).kind, action: carc(code).action }).toEqual({ code, kind: 'denial', action: 'provider-fix' });
  });

  it("another payer first (22, and 19/20/21: workers' compensation, liability, no-fault) and the wrong payer (109) ask the patient to update other insurance", () => {
    for (const code of ['19', '20', '21', '22', '109']) {
      expect({ code, kind: carc(code).kind, action: carc(code).action }).toEqual({ code, kind: 'denial', action: 'update-other-insurance' });
    }
    expect(carc('19').plain.en).toMatch(/workers' compensation/);
    expect(carc('19').plain.es).toMatch(/accidentes de trabajo/);
    expect(carc('21').plain.en).toMatch(/no-fault/);
    expect(carc('21').plain.es).toMatch(/sin culpa/);
  });

  it('information requested from the patient (227) asks the patient to send it', () => {
    expect(carc('227').action).toBe('send-information');
    expect(carc('227').kind).toBe('denial');
  });

  it('reductions that are not denials (23, 24, 45, 59, 97, 100, 131, 144, 187, 234, 237, 253) are adjustments with nothing to do', () => {
    for (const code of ['23', '24', '45', '59', '94', '97', '100', '131', '144', '187', '209', '234', '237', '253']) {
      expect({ code, kind: carc(code).kind, action: carc(code).action }).toEqual({ code, kind: 'adjustment', action: 'none' });
    }
  });

  it('a medical-need denial (50) and an out-of-network denial (242) offer an appeal', () => {
    for (const code of ['50', '151', '242'])
      expect({ code, kind: carc(code).kind, action: carc(code).action }).toEqual({ code, kind: 'denial', action: 'appeal' });
  });

  it('marks the reasons the No Surprises Act may make wrong, and only those', () => {
    const marked = pack.billing.carc
      .filter((c) => c.noSurprises)
      .map((c) => c.code)
      .sort();
    expect(marked).toEqual(['197', '242', '288', '40'].sort());
  });

  it('CARC 45 has no No Surprises flag: the engine decides from the group and the network (re-review M4)', () => {
    expect(carc('45').noSurprises).toBeUndefined();
  });

  it('has the codes the review lists as worth adding, each with its meaning checked', () => {
    const added = [
      '24',
      '35',
      '39',
      '40',
      '49',
      '55',
      '94',
      '167',
      '170',
      '185',
      '187',
      '198',
      '209',
      '226',
      '227',
      '234',
      '236',
      '256',
      '275',
      '276',
      '288',
      'A1',
      '66',
      '142',
    ];
    const missing = added.filter((code) => !pack.carc.has(code));
    expect(missing, `CARCs missing: ${missing.join(', ')}`).toEqual([]);
  });

  it('has the codes the re-review adds (L10), each with its kind and action (meanings checked against X12)', () => {
    const added = {
      '11': { kind: 'denial', action: 'provider-fix' }, // diagnosis inconsistent with the procedure
      '19': { kind: 'denial', action: 'update-other-insurance' }, // workers' compensation carrier
      '20': { kind: 'denial', action: 'update-other-insurance' }, // liability carrier
      '21': { kind: 'denial', action: 'update-other-insurance' }, // no-fault carrier
      '131': { kind: 'adjustment', action: 'none' }, // claim-specific negotiated discount
      '144': { kind: 'adjustment', action: 'none' }, // incentive adjustment
      '237': { kind: 'adjustment', action: 'none' }, // legislated or regulatory penalty
    } as const;
    for (const [code, want] of Object.entries(added)) {
      expect(pack.carc.has(code), `CARC ${code}`).toBe(true);
      expect({ code, kind: carc(code).kind, action: carc(code).action }).toEqual({ code, ...want });
      expect(carc(code).noSurprises, `CARC ${code}`).toBeUndefined();
    }
    expect(carc('237').plain.en).toContain('usually not yours to pay');
  });

  it('CARC 276 sends the patient to the first plan, not to an appeal with this plan', () => {
    expect(carc('276').action).not.toBe('appeal');
    expect(carc('276').action).toBe('contact-plan');
    expect(carc('276').plain.en).toContain('Ask your first plan');
    expect(carc('276').plain.es).toContain('Pregúntele a su primer plan');
  });

  it('CARC 242 covers both senses: out of network, or no referral from the main doctor', () => {
    expect(carc('242').plain.en).toContain("outside your plan's network");
    expect(carc('242').plain.en).toMatch(/your main doctor/);
    expect(carc('242').plain.es).toMatch(/referido de su médico principal/);
  });

  it('every action leads to a next step that exists (or to none)', () => {
    for (const action of carcActions) {
      const step = carcActionStep[action];
      if (action === 'none') expect(step).toBeNull();
      else expect(pack.billing.nextSteps[step!], action).toBeDefined();
    }
  });
});

describe('CARC texts', () => {
  it('CARC 50 voices no clinical judgement as the plan deciding the care was not needed', () => {
    const text = carc('50').plain;
    expect(text.en).not.toMatch(/not needed|unnecessary|not necessary/i);
    expect(text.es).not.toMatch(/no era necesari|innecesari/i);
    expect(text.en).toContain('did not meet its rules for medical need');
  });

  it('CARC 24 (capitation) says a plan payment of nothing is expected, not a denial', () => {
    expect(carc('24').plain.en).toMatch(/may show nothing paid/);
    expect(carc('24').plain.en).toMatch(/does not mean your plan turned it down/);
    expect(carc('24').plain.es).toMatch(/no quiere decir que lo haya rechazado/);
  });

  it('Spanish texts name who acts (re-review L3): the office pauses collections, the office bills another plan', () => {
    expect(pack.billing.nextSteps.financialAssistance.plain.es).toContain('Esa oficina puede pausar algunos pasos de cobro mientras decide.');
    expect(pack.billing.nextSteps.financialAssistance.plain.es).not.toContain('Así puede pausar');
    expect(carc('209').plain.es).toContain('Ellos pueden cobrársela a otro plan.');
    expect(carc('50').plain.es).toContain('Si nadie le avisó antes de la atención que su plan quizá no pagaría');
  });

  it('no CARC text says the part is or is not owed as an absolute', () => {
    const absolute = { en: /\byou (do not |don't )?owe this part\b/i, es: /\busted (no )?debe esta parte\b/i };
    const found = pack.billing.carc.flatMap((c) =>
      languages.filter((lang) => absolute[lang].test(c.plain[lang])).map((lang) => `${c.code}.${lang}: "${c.plain[lang]}"`),
    );
    expect(found, found.join('\n')).toEqual([]);
  });

  it('cost sharing is "usually yours", and says another plan or Medicaid may pay it', () => {
    for (const code of ['1', '2', '3']) {
      expect(carc(code).plain.en).toContain('It is usually yours to pay, unless another plan or Medicaid pays it.');
      expect(carc(code).plain.es).toMatch(/Por lo general, le toca pagarl[oa] a usted, a menos que otro plan o Medicaid l[oa] pague\./);
    }
  });

  it('no CARC text says or implies an amount', () => {
    const found = pack.billing.carc.flatMap((c) =>
      languages.filter((lang) => /[$\d%]|this much|esta cantidad/i.test(c.plain[lang])).map((lang) => `${c.code}.${lang}: "${c.plain[lang]}"`),
    );
    expect(found, found.join('\n')).toEqual([]);
  });

  it('says "the hospital or doctor\'s office", never "provider"', () => {
    const found = plainTexts().flatMap(({ at, plain }) => (/\bprovider|\bproveedor/i.test(`${plain.en} ${plain.es}`) ? [at] : []));
    expect(found).toEqual([]);
  });
});

describe('next steps', () => {
  const added = [
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
  ] as const;

  it('every new next step exists in both languages, with a Spanish text of its own', () => {
    const steps = pack.billing.nextSteps as Record<string, { term: { en: string; es: string }; plain: { en: string; es: string } } | undefined>;
    for (const id of added) {
      const step = steps[id];
      expect(step, id).toBeDefined();
      for (const lang of languages) {
        expect(step!.term[lang].trim().length, `${id}.term.${lang}`).toBeGreaterThan(0);
        expect(step!.plain[lang].trim().length, `${id}.plain.${lang}`).toBeGreaterThan(20);
      }
      expect(step!.plain.es, id).not.toBe(step!.plain.en);
    }
    expect(Object.keys(pack.billing.nextSteps).sort()).toEqual([...nextStepIds].sort());
  });

  it('every new next step passes the readability bars (FK grade ≤ 6, INFLESZ ≥ 65)', () => {
    const problems = readabilityProblems(added.map((id) => ({ at: `nextSteps.${id}`, plain: pack.billing.nextSteps[id].plain })));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every billing text read aloud passes the readability bars', () => {
    const problems = readabilityProblems(plainTexts());
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('uses no forbidden word (diagnosis, medicine, promise) in any billing text', () => {
    const problems = plainTexts().flatMap(({ at, plain }) =>
      languages.flatMap((lang) => findViolations([plain[lang]], lang).map((v) => `${at}.${lang}: ${v.kind} "${v.word}"`)),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the No Surprises step gives the help desk number in both languages, and its term warns about public plans', () => {
    const step = pack.billing.nextSteps.noSurprises;
    for (const lang of languages) {
      expect(step.plain[lang]).toContain('1-800-985-3059');
      for (const name of ['Medicare', 'Medicaid', 'TRICARE']) expect(step.term[lang]).toContain(name);
    }
  });

  it('the payment plan is asked of the office that sends the bill, not of us', () => {
    const step = pack.billing.nextSteps.paymentPlan.plain;
    expect(step.en).toContain('the office that sends the bill');
    expect(step.en).not.toMatch(/\bask us\b/i);
    expect(step.es).toContain('la oficina que le envía la factura');
  });

  it('the appeal step urges the deadline and promises no outcome', () => {
    const step = pack.billing.nextSteps.appeal.plain;
    expect(step.en).toMatch(/180 days/);
    expect(step.en).toMatch(/60/);
    expect(step.en).toMatch(/do not wait/i);
    expect(step.es).toMatch(/no espere/i);
    expect(`${step.en} ${step.es}`).not.toMatch(/will (be )?(approve|win|pay)|van a (aprobar|pagar)/i);
  });

  it('the Good Faith Estimate step gives the $400 and 120-day dispute rule', () => {
    for (const lang of languages) {
      expect(pack.billing.nextSteps.goodFaithEstimate.plain[lang]).toContain('$400');
      expect(pack.billing.nextSteps.goodFaithEstimate.plain[lang]).toContain('120');
    }
  });

  it('public coverage: QMB may not be billed Medicare cost sharing (federal law, not "often"); Medicaid stays hedged', () => {
    const step = pack.billing.nextSteps.publicCoverage.plain;
    // QMB protects copays too (Medicare Advantage), not only the deductible and coinsurance (bill-texts check).
    expect(step.en).toContain("If you have QMB, the office is not allowed to bill you for Medicare's deductible, coinsurance or copays.");
    expect(step.es).toContain('Si tiene QMB, no le pueden cobrar deducibles, coseguros ni copagos de Medicare.');
    expect(step.en).not.toMatch(/often the same with QMB/i);
    expect(step.es).not.toMatch(/a menudo/i);
    expect(step.en).toContain("If you have Medicaid, the hospital or doctor's office usually cannot bill you");
    expect(step.en).toContain('Call the billing office before you pay.');
    expect(step.es).toContain('Llame a la oficina de facturación antes de pagar.');
  });

  it('financial assistance can be asked for with insurance and after a bill, hedged on income', () => {
    const step = pack.billing.nextSteps.financialAssistance.plain;
    expect(step.en).toMatch(/even if you have insurance/);
    expect(step.en).toMatch(/after a bill comes/);
    expect(step.en).toMatch(/often depends on your income/);
    expect(step.es).toMatch(/aunque tenga seguro/);
  });
});

describe('loading a billing pack with a broken CARC entry', () => {
  type Billing = { carc: Record<string, unknown>[] };

  function loadError(change: (data: Billing) => void): KnowledgePackError {
    const dir = path.join(tempDir(), 'knowledge');
    fs.cpSync(knowledgeDir, dir, { recursive: true });
    const file = path.join(dir, 'billing.yaml');
    const data = parse(fs.readFileSync(file, 'utf8')) as Billing;
    change(data);
    fs.writeFileSync(file, stringify(data));
    try {
      loadKnowledgePack(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgePackError);
      return error as KnowledgePackError;
    }
    throw new Error('the broken pack loaded');
  }

  it('names the field of a CARC without a kind', () => {
    let index = -1;
    const e = loadError((data) => {
      index = data.carc.findIndex((c) => c.code === '50');
      delete data.carc[index]!.kind;
    });
    expect(index).toBeGreaterThanOrEqual(0);
    expect(e.message).toMatch(/^billing\.yaml: /);
    expect(e.message).toContain(`carc.${index}.kind`);
  });

  it('rejects an action that is not in the list', () => {
    const e = loadError((data) => {
      data.carc.find((c) => c.code === '18')!.action = 'dispute';
    });
    expect(e.message).toContain('.action');
  });

  it('rejects noSurprises: false (the field is only ever true)', () => {
    const e = loadError((data) => {
      data.carc.find((c) => c.code === '1')!.noSurprises = false;
    });
    expect(e.message).toContain('.noSurprises');
  });
});
