// Bills say only what the payer states (billing review 2026-12-03, F1–F16): official EOBs we did not write, and each
// finding's worked example as a test.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Script } from '../../preload/contract';
import { readBill } from '../../main/services/billing/eob-facts';
import type { Json } from '../../main/services/fhir/access';
import { eobAmounts } from '../../main/services/timeline/billing';
import { pack } from '../support/script-cache';
import { buildFor } from '../support/script-scenarios';

const dir = path.join(__dirname, '../fixtures/billing-official');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  { memberLiabilityCents: number | null; alreadyPaidCents: number | null }
>;
const official = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'expected.json');

const T = (key: string, lang: 'en' | 'es', params: Record<string, string> = {}) =>
  Object.entries(params).reduce((t, [k, v]) => t.replaceAll(`{{${k}}}`, v), pack.texts.texts[key]![lang]);
const said = (s: Script, id?: string) => s.steps.filter((st) => !id || st.id === id).flatMap((st) => st.lines.filter((l) => l.say).map((l) => l.text));
const agentSaid = (s: Script) => s.steps.flatMap((st) => st.lines.filter((l) => !l.say).map((l) => l.text));
const spoken = (s: Script) => said(s).join('\n');
const dollars = (s: string) => [...s.matchAll(/\$([\d,]+(?:\.\d\d)?)/g)].map((m) => Math.round(Number(m[1]!.replaceAll(',', '')) * 100));
const next = (s: Script) => said(s, 'next-steps');
const step = (id: string, lang: 'en' | 'es' = 'en') =>
  (pack.billing.nextSteps as Record<string, { plain: Record<string, string> } | undefined>)[id]?.plain[lang];

const C4BB = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication';
const HL7 = 'http://terminology.hl7.org/CodeSystem/adjudication';
const CARC = 'https://x12.org/codes/claim-adjustment-reason-codes';
const DISC = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator';
const hl7 = new Set(['submitted', 'eligible', 'benefit', 'deductible', 'copay']);
const amt = (code: string, dollars: number) => ({
  category: { coding: [{ system: hl7.has(code) ? HL7 : C4BB, code }] },
  amount: { value: dollars, currency: 'USD' },
});
const reason = (code: string, system = CARC, display?: string) => ({
  category: { coding: [{ system: DISC, code: 'adjustmentreason' }] },
  reason: { coding: [{ system, code, ...(display ? { display } : {}) }] },
});
let n = 0;
function eob(items: { service?: string; adj: object[]; extra?: Json }[], more: Json = {}): Json {
  return {
    resourceType: 'ExplanationOfBenefit',
    id: `bill-${++n}`,
    status: 'active',
    use: 'claim',
    outcome: 'complete',
    patient: { reference: 'Patient/synthetic' },
    billablePeriod: { start: '2026-10-12' },
    item: items.map((it, i) => ({
      sequence: i + 1,
      productOrService: { text: it.service ?? 'Office visit' },
      servicedDate: '2026-10-12',
      adjudication: it.adj,
      ...it.extra,
    })),
    ...more,
  };
}
const script = (r: Json, lang: 'en' | 'es' = 'en', coverages: Json[] = []) => buildFor(r, { language: lang, coverages });

describe('official CARIN Blue Button and CMS Blue Button EOBs (test/fixtures/billing-official)', () => {
  it.each(official)("%s: the part read is the payer's own figure, and the script says only that", (file) => {
    const r = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json;
    const want = expected[file]!;
    const f = readBill(r);
    expect(f.liabilityCents).toBe(want.memberLiabilityCents);
    expect(f.alreadyPaidCents).toBe(want.alreadyPaidCents);
    for (const lang of ['en', 'es'] as const) {
      const s = script(r, lang);
      const main = said(s, 'explain')[0]!;
      if (want.memberLiabilityCents === null) {
        expect(main).toBe(T('bill.main.not-shown', lang));
        // Never "you owe $0" or any other part the document does not state.
        expect(spoken(s)).not.toMatch(/\$0\b|do not owe|no debe/);
      } else if (want.memberLiabilityCents === 0) {
        expect(main).toMatch(lang === 'en' ? /\$0\.?$|not final/ : /\$0\.?$|no es final/);
      } else {
        // Whatever else is said, the amount of the main message is the payer's figure (or what is left of it).
        const left = want.memberLiabilityCents - (want.alreadyPaidCents ?? 0);
        const amounts = dollars(main);
        if (left > 0) expect(amounts).toContain(left);
        else expect(main).not.toMatch(/quedan|is left/);
      }
      // The table's total is the same figure, and the timeline agrees (F16).
      expect(s.bill!.patientCents).toBe(want.memberLiabilityCents);
      expect(eobAmounts(r).patientCents).toBe(want.memberLiabilityCents);
    }
  });

  it('Part D: the patient paid at the pharmacy; the gross drug cost coded "coinsurance" is never their part (F2)', () => {
    const r = JSON.parse(readFileSync(path.join(dir, 'bluebutton-v2-pde-1.json'), 'utf8')) as Json;
    const s = script(r);
    expect(s.bill!.state).toBe('paid');
    expect(said(s, 'explain')[0]).toBe(T('bill.main.paidRx', 'en', { total: '$235.85' }));
    expect(spoken(s)).not.toMatch(/\$995\.34|\$1,010\.59|your visit/);
    expect(next(s)).not.toContain(step('paymentPlan'));
  });
});

describe('the billing review, finding by finding', () => {
  it("F1: an in-network no-authorization denial (CO-197) with member liability $0 is not the patient's $1,450", () => {
    const r = eob([
      {
        service: 'MRI of the knee',
        adj: [amt('submitted', 1450), amt('eligible', 0), amt('noncovered', 1450), reason('197'), amt('benefit', 0), amt('memberliability', 0)],
      },
    ]);
    const s = script(r);
    expect(s.bill!.patientCents).toBe(0);
    expect(spoken(s)).not.toMatch(/your part[^.]*\$1,450/i);
    expect(next(s)).not.toContain(step('paymentPlan'));
  });

  it('F1: a contractual write-off reported as not covered (CO-45) stays out of the part: $24, never $104', () => {
    const r = eob(
      [
        {
          adj: [
            amt('submitted', 200),
            amt('eligible', 120),
            amt('noncovered', 80),
            reason('45'),
            amt('coinsurance', 24),
            amt('benefit', 96),
            amt('memberliability', 24),
          ],
        },
      ],
      {
        total: [amt('memberliability', 24)],
      },
    );
    const s = script(r);
    expect(said(s, 'explain')[0]).toBe(T('bill.main.owe', 'en', { amount: '$24' }));
    expect(spoken(s)).not.toMatch(/\$104|\$80[^.]*(your part|not covered|may owe)/i);
    // The write-off is the plan's lower price, said as taken off.
    expect(said(s, 'explain')).toContain(T('bill.discount', 'en', { allowed: '$120', discount: '$80' }));
  });

  it('F1/F3: not-covered money the note puts on no one goes to the billing office, never into "your part"', () => {
    const r = eob([{ adj: [amt('submitted', 300), amt('noncovered', 300), amt('benefit', 0)] }]);
    const s = script(r);
    expect(s.bill!.state).toBe('not-shown');
    expect(said(s, 'explain')).toContain(T('bill.notCoveredUnclear', 'en', { amount: '$300' }));
    expect(spoken(s)).not.toMatch(/do not owe|your part[^.]*\$300/i);
  });

  it('F3: an EOB that states no member liability never says "you owe nothing"', () => {
    const r = eob([{ adj: [amt('submitted', 250), amt('benefit', 200)] }]);
    for (const lang of ['en', 'es'] as const) {
      const s = script(r, lang);
      expect(said(s, 'explain')[0]).toBe(T('bill.main.not-shown', lang));
      expect(spoken(s)).not.toMatch(/\$0\b/);
    }
  });

  it('F3: $0 stated but waiting on other insurance (CARC 22) is not "nothing owed"', () => {
    const r = eob([{ adj: [amt('submitted', 150), amt('benefit', 0), amt('memberliability', 0), reason('22')] }]);
    const s = script(r);
    expect(s.bill!.state).toBe('open');
    expect(spoken(s)).not.toContain(T('bill.main.nothing', 'en'));
  });

  it("F4: a secondary EOB: the primary plan's payment is said as such, never as the patient's part", () => {
    const noFigure = eob([{ adj: [amt('submitted', 200), amt('eligible', 150), amt('priorpayerpaid', 120), amt('benefit', 30)] }]);
    expect(script(noFigure).bill!.state).toBe('not-shown');
    expect(spoken(script(noFigure))).not.toMatch(/your part[^.]*\$120/i);
    const stated = eob([{ adj: [amt('submitted', 200), amt('eligible', 150), amt('priorpayerpaid', 120), amt('benefit', 25), amt('memberliability', 5)] }]);
    const s = script(stated);
    expect(said(s, 'explain')).toContain(T('bill.priorPayer', 'en', { amount: '$120' }));
    expect(said(s, 'explain')[0]).toBe(T('bill.main.owe', 'en', { amount: '$5' }));
  });

  it("F4: money the plan sent to the patient is said to belong to the provider's bill", () => {
    const r = eob([
      {
        adj: [
          amt('submitted', 109.25),
          amt('eligible', 95),
          amt('paidtopatient', 76),
          amt('paidtoprovider', 0),
          amt('coinsurance', 19),
          amt('memberliability', 19),
        ],
      },
    ]);
    const s = script(r);
    expect(said(s, 'explain')).toContain(T('bill.paidToPatient', 'en', { amount: '$76' }));
    expect(s.bill!.planPaidCents).toBe(7600);
  });

  it('F5: a line applied to the deductible (PR-1, plan paid $0) is not a denial and gets no appeal', () => {
    const r = eob([{ service: 'Lab panel', adj: [amt('submitted', 85), amt('deductible', 85), amt('benefit', 0), reason('1'), amt('memberliability', 85)] }]);
    const s = script(r);
    expect(s.bill!.lines[0]!.denied).toBe(false);
    expect(next(s)).not.toContain(step('appeal'));
  });

  it('F5: a denial coded in a non-CARC system is a denial, and its code is for the agent only', () => {
    const r = eob([
      {
        service: 'Sleep study',
        adj: [
          amt('submitted', 900),
          amt('benefit', 0),
          reason('ar001', 'http://terminology.hl7.org/CodeSystem/adjudication-reason', 'Not covered by plan XYZ-77'),
        ],
      },
    ]);
    const s = script(r);
    expect(s.bill!.lines[0]!.denied).toBe(true);
    expect(said(s, 'explain')).toContain(T('bill.reasonUnknown', 'en'));
    expect(spoken(s)).not.toContain('XYZ-77');
    expect(agentSaid(s).some((t) => t.includes('XYZ-77'))).toBe(true);
  });

  it('F5: a duplicate claim (CARC 18) and a bundled service (CARC 97) get no appeal', () => {
    for (const code of ['18', '97']) {
      const r = eob([{ adj: [amt('submitted', 120), amt('benefit', 0), amt('memberliability', 0), reason(code)] }]);
      expect(next(script(r)), code).not.toContain(step('appeal'));
    }
  });

  it('F6: an emergency visit denied as out of network: No Surprises Act for the agent and the patient, no payment plan', () => {
    const r = eob([
      {
        service: 'Emergency department visit',
        adj: [amt('submitted', 1800), amt('benefit', 0), amt('noncovered', 1800), reason('242'), amt('memberliability', 1800)],
        extra: {
          locationCodeableConcept: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', code: '23' }] },
        },
      },
    ]);
    const s = script(r);
    expect(agentSaid(s)).toContain(T('bill.noSurprises.agent', 'en'));
    expect(next(s)).not.toContain(step('paymentPlan'));
    if (step('noSurprises')) expect(next(s)).toContain(step('noSurprises'));
  });

  it('F7: a predetermination is an estimate; an entered-in-error EOB is never explained; a reversal is a credit', () => {
    const estimate = eob([{ adj: [amt('submitted', 30000), amt('benefit', 22800), amt('memberliability', 7200)] }], { use: 'predetermination' });
    expect(said(script(estimate), 'explain')[0]).toBe(T('bill.main.estimate', 'en', { total: '$7,200' }));
    expect(spoken(script(estimate))).not.toMatch(/plan paid|charged \$/i);
    expect(said(script(estimate), 'explain')).toContain(T('bill.chargedEstimate', 'en', { amount: '$30,000' }));
    // A self-pay patient's claim is not waiting on a plan: no plan will answer it.
    const selfPayClaim = {
      resourceType: 'Claim',
      id: 'claim-self',
      status: 'active',
      use: 'claim',
      item: [{ productOrService: { text: 'Office visit' }, net: { value: 150, currency: 'USD' } }],
      total: { value: 150, currency: 'USD' },
      insurance: [{ focal: true, coverage: { reference: 'Coverage/c-self' } }],
    };
    const self = { resourceType: 'Coverage', id: 'c-self', status: 'active', type: { coding: [{ system: 'https://nahdo.org/sopt', code: '81' }] } };
    expect(script(selfPayClaim, 'en', [self]).bill!.state).toBe('uninsured');
    expect(next(script(selfPayClaim, 'en', [self]))).toContain(step('goodFaithEstimate'));
    const voided = eob([{ adj: [amt('submitted', 200), amt('memberliability', 120)] }], { status: 'entered-in-error' });
    const v = script(voided);
    expect(said(v, 'explain')[0]).toBe(T('bill.main.void', 'en'));
    expect(dollars(spoken(v))).toEqual([]);
    const reversal = eob([{ adj: [amt('submitted', -200), amt('benefit', -176), amt('memberliability', -24)] }]);
    const c = script(reversal);
    expect(c.bill!.state).toBe('credit');
    expect(spoken(c)).not.toMatch(/-\$|\$-/);
  });

  it('F8: every entry of a category counts: two deductibles and a coinsurance make the stated $1,800', () => {
    const r = eob([
      {
        service: 'Knee surgery',
        adj: [
          amt('submitted', 9000),
          amt('deductible', 500),
          amt('deductible', 1000),
          amt('coinsurance', 300),
          amt('benefit', 4000),
          amt('memberliability', 1800),
        ],
      },
    ]);
    const s = script(r);
    expect(said(s, 'explain')[0]).toBe(T('bill.main.owe', 'en', { amount: '$1,800' }));
    expect(said(s, 'explain')[1]).toBe(T('bill.summary', 'en', { amount: '$1,800', parts: '$1,500 toward your deductible and $300 of coinsurance' }));
  });

  it('F1/F3: cost shares without a member-liability figure are not added up into "your part"', () => {
    const r = eob([{ adj: [amt('submitted', 180), amt('eligible', 110), amt('copay', 30), amt('benefit', 80)] }]);
    const s = script(r);
    expect(s.bill!.state).toBe('not-shown');
    expect(spoken(s)).not.toMatch(/your part[^.]*\$30/i);
    // Blue Button's own beneficiary variables are CMS's statement of the part (carrier line: deductible + coinsurance).
    const bb = (v: string, dollars: number) => ({
      category: {
        coding: [{ system: 'https://bluebutton.cms.gov/resources/codesystem/adjudication', code: `https://bluebutton.cms.gov/resources/variables/${v}` }],
      },
      amount: { value: dollars, currency: 'USD' },
    });
    const carrier = eob([
      {
        adj: [
          bb('line_sbmtd_chrg_amt', 75),
          bb('line_alowd_chrg_amt', 47.84),
          bb('line_bene_ptb_ddctbl_amt', 0),
          bb('line_coinsrnc_amt', 9.57),
          bb('line_nch_pmt_amt', 37.5),
        ],
      },
    ]);
    expect(said(script(carrier), 'explain')[0]).toBe(T('bill.main.owe', 'en', { amount: '$9.57' }));
  });

  it('F9: when the totals disagree with the lines, no computed amount is read and the office is offered', () => {
    const r = eob([{ adj: [amt('submitted', 200), amt('benefit', 150), amt('memberliability', 50)] }], {
      total: [amt('memberliability', 80), amt('submitted', 200)],
    });
    const s = script(r);
    expect(s.bill!.check.matches).toBe(false);
    expect(said(s, 'explain')[1]).toBe(T('bill.mismatch.say', 'en'));
    expect(spoken(s)).not.toMatch(/\$80|charged \$200|plan paid/i);
  });

  it('F10: a copay already paid at the desk is said as paid, and no payment plan is offered', () => {
    const r = eob([{ adj: [amt('submitted', 150), amt('copay', 30), amt('benefit', 90), amt('memberliability', 30), amt('paidbypatient', 30)] }]);
    const s = script(r);
    expect(s.bill!.state).toBe('paid');
    expect(said(s, 'explain')[0]).toBe(T('bill.main.paid', 'en', { total: '$30' }));
    expect(next(s)).not.toContain(step('paymentPlan'));
  });

  it('F13: Medicaid on file: cost sharing is never "you owe"; no plan on file: no "your plan paid"', () => {
    const r = eob([{ adj: [amt('submitted', 150), amt('coinsurance', 20), amt('benefit', 80), amt('memberliability', 20)] }]);
    const medicaid = {
      resourceType: 'Coverage',
      id: 'cov-mcd',
      status: 'active',
      type: { coding: [{ system: 'https://nahdo.org/sopt', code: '2', display: 'MEDICAID' }] },
    };
    const s = script(r, 'en', [medicaid]);
    expect(s.bill!.state).toBe('protected');
    expect(spoken(s)).not.toMatch(/your part of the care on this paper is|you owe/i);
    expect(next(s)).not.toContain(step('paymentPlan'));
    const selfPay = eob([{ adj: [amt('submitted', 140), amt('coinsurance', 28), amt('benefit', 112)] }], {
      contained: [{ resourceType: 'Coverage', id: 'coverage', type: { text: 'NO_INSURANCE' } }],
      insurance: [{ focal: true, coverage: { reference: '#coverage' } }],
    });
    const u = script(selfPay);
    expect(u.bill!.state).toBe('uninsured');
    expect(spoken(u)).not.toMatch(/your plan paid|coinsurance/i);
  });

  it('every bill state reads in Spanish too, within the readability bar', () => {
    const cases = [
      eob([{ adj: [amt('submitted', 200), amt('benefit', 150)] }]),
      eob([{ adj: [amt('submitted', 150), amt('copay', 30), amt('benefit', 90), amt('memberliability', 30), amt('paidbypatient', 30)] }]),
      eob([{ adj: [amt('submitted', 150), amt('benefit', 0), amt('memberliability', 0), reason('22')] }]),
      eob([{ adj: [amt('submitted', 30000), amt('memberliability', 7200)] }], { use: 'predetermination' }),
      eob([{ adj: [amt('submitted', 200), amt('memberliability', 120)] }], { status: 'entered-in-error' }),
    ];
    for (const r of cases) {
      const en = script(r, 'en');
      const es = script(r, 'es');
      expect(es.bill!.state).toBe(en.bill!.state);
      // "Claim" / "reclamo" is not a word patients use ("reclamo" can sound like a complaint): the scope is "this paper".
      expect(`${said(en, 'explain')[0]} ${said(es, 'explain')[0]}`).not.toMatch(/\bclaim\b|reclamo/i);
      expect(es.steps.map((s) => s.lines.length)).toEqual(en.steps.map((s) => s.lines.length));
      expect(es.readability.passes, `${en.bill!.state}: ${es.readability.score}`).toBe(true);
      expect(en.readability.passes, `${en.bill!.state}: ${en.readability.score}`).toBe(true);
    }
  });
});

describe('the independent re-review of the new bill scripts (docs/reviews/billing-rereview-2026-12-03.md)', () => {
  const er = {
    locationCodeableConcept: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', code: '23' }] },
  };
  it('H1: a No Surprises case never anchors the amount or offers a payment plan, in the action or the re-explain', () => {
    const byText = eob([
      {
        service: 'Emergency room visit, high severity',
        adj: [amt('submitted', 1800), amt('benefit', 0), amt('noncovered', 1800), reason('242'), amt('memberliability', 1800)],
      },
    ]);
    const hospital = {
      locationCodeableConcept: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', code: '22' }] },
    };
    const anesthesia = eob([
      {
        service: 'Anesthesia for knee surgery',
        adj: [amt('submitted', 1200), amt('benefit', 0), amt('noncovered', 1200), reason('242'), amt('memberliability', 1200)],
        extra: hospital,
      },
    ]);
    for (const r of [byText, anesthesia]) {
      const s = script(r);
      expect(agentSaid(s)).toContain(T('bill.noSurprises.agent', 'en'));
      expect(next(s)[0]).toBe(T('bill.action.noSurprises', 'en'));
      expect(said(s, 'teach-back')).toContain(T('bill.reexplain.noSurprises', 'en'));
      expect(spoken(s)).not.toMatch(/payment plan|check that it says/i);
    }
  });

  it('round 5, N27: a routine out-of-network office visit is not a No Surprises case', () => {
    const r = eob([
      { service: 'Office visit', adj: [amt('submitted', 300), amt('benefit', 0), amt('noncovered', 300), reason('242'), amt('memberliability', 300)] },
    ]);
    const s = script(r);
    expect(agentSaid(s)).not.toContain(T('bill.noSurprises.agent', 'en'));
    expect(next(s)).not.toContain(step('noSurprises'));
    // The denied line says what it cost, so "all of it" points back to an amount (round 5, F23).
    expect(said(s, 'explain')).toContain(T('bill.lineDeniedCharged', 'en', { charged: '$300', service: 'the office visit' }));
    expect(said(s, 'explain')).toContain(T('bill.lineStatedAll', 'en'));
    // Spanish service names start with "el": the sentence never reads "de el servicio".
    expect(spoken(script(r, 'es'))).not.toMatch(/\bde el\b/);
    // Told to appeal, so no payment plan in the next steps or in the re-explain.
    expect(said(s, 'teach-back')).toContain(T('bill.reexplain.oweNoPlan', 'en', { amount: '$300' }));
  });

  it('H1/M4: an in-network emergency visit with a CO-45 write-off is a plain bill: no No Surprises flag, financial help kept', () => {
    const r = eob([
      {
        service: 'Emergency department visit',
        adj: [
          amt('submitted', 900),
          amt('eligible', 600),
          amt('noncovered', 300),
          reason('45'),
          amt('copay', 150),
          amt('benefit', 450),
          amt('memberliability', 150),
        ],
        extra: er,
      },
    ]);
    const s = script(r);
    expect(agentSaid(s)).not.toContain(T('bill.noSurprises.agent', 'en'));
    expect(next(s)).toContain(step('financialAssistance'));
    expect(next(s)).toContain(step('paymentPlan'));
  });

  it('H2: QMB named in the plan is protected; a Medicaid share of cost (CARC 142) and SLMB are not', () => {
    const r = (extra: object[] = []) =>
      eob([{ adj: [amt('submitted', 300), amt('coinsurance', 120), amt('benefit', 180), amt('memberliability', 120), ...extra] }]);
    const qmb = {
      resourceType: 'Coverage',
      id: 'c-qmb',
      status: 'active',
      type: { coding: [{ system: 'https://nahdo.org/sopt', code: '1' }] },
      class: [{ name: 'QMB Plus' }],
    };
    const slmb = { resourceType: 'Coverage', id: 'c-slmb', status: 'active', type: { text: 'Medicaid - Specified Low-Income Medicare Beneficiary (SLMB)' } };
    const medicaid = { resourceType: 'Coverage', id: 'c-mcd', status: 'active', type: { coding: [{ system: 'https://nahdo.org/sopt', code: '2' }] } };
    expect(script(r(), 'en', [qmb]).bill!.state).toBe('protected');
    expect(next(script(r(), 'en', [qmb]))).not.toContain(step('paymentPlan'));
    expect(script(r(), 'en', [slmb]).bill!.state).toBe('owe');
    expect(script(r([reason('142')]), 'en', [medicaid]).bill!.state).toBe('owe');
  });

  it('H3: every "I will ask our billing office" comes with the agent\'s task to send it and promise the callback', () => {
    const cases = [
      eob([{ adj: [amt('submitted', 250), amt('benefit', 200)] }]),
      eob([{ adj: [amt('submitted', 150), amt('benefit', 0), amt('memberliability', 0), reason('22')] }]),
    ];
    for (const r of cases) {
      const s = script(r);
      expect(agentSaid(s)).toContain(T('bill.billingReview.agent', 'en'));
      expect(spoken(s)).not.toMatch(/do not pay (a bill|anything)[^.]*until/i);
    }
  });

  it('H4: a part above $0 that waits on other insurance is not a settled debt and gets no payment plan', () => {
    const r = eob([{ adj: [amt('submitted', 200), amt('benefit', 0), amt('memberliability', 150), reason('22')] }]);
    const s = script(r);
    expect(s.bill!.state).toBe('open');
    expect(said(s, 'explain')[0]).toBe(T('bill.main.openOwe', 'en', { total: '$150' }));
    expect(next(s)).not.toContain(step('paymentPlan'));
    expect(next(s)).toContain(step('updateOtherInsurance'));
  });

  it('M1: a self-pay record in the cache does not turn a plan\'s own EOB into "no plan"', () => {
    const selfPay = { resourceType: 'Coverage', id: 'c-self', status: 'active', type: { coding: [{ system: 'https://nahdo.org/sopt', code: '81' }] } };
    const plan = { resourceType: 'Coverage', id: 'c-plan', status: 'active', type: { coding: [{ system: 'https://nahdo.org/sopt', code: '5' }] } };
    const r = eob([{ adj: [amt('submitted', 150), amt('coinsurance', 24), amt('benefit', 96), amt('memberliability', 24)] }], { insurer: { display: 'Plan' } });
    expect(script(r, 'en', [selfPay, plan]).bill!.state).toBe('owe');
    expect(script(r, 'en', [selfPay]).bill!.state).toBe('owe');
  });

  it('M10: a partly processed claim says so and offers no payment plan', () => {
    const r = eob([{ adj: [amt('submitted', 200), amt('coinsurance', 40), amt('benefit', 160), amt('memberliability', 40)] }], { outcome: 'partial' });
    for (const lang of ['en', 'es'] as const) {
      const s = script(r, lang);
      expect(said(s, 'explain')).toContain(T('bill.partial', lang));
      expect(next(s)).not.toContain(step('paymentPlan', lang));
    }
  });

  it('M2: an amount the patient is told to appeal gets no payment-plan offer', () => {
    const r = eob([{ service: 'MRI', adj: [amt('submitted', 1450), amt('benefit', 0), amt('noncovered', 1450), reason('50'), amt('memberliability', 1450)] }]);
    const s = script(r);
    expect(next(s)).toContain(step('appeal'));
    expect(next(s)).not.toContain(step('paymentPlan'));
  });
});
