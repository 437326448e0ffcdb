// The demo generator's bills, checked against how real payers state them (CARIN BB), not against the app's own model.
import fs from 'node:fs';
import path from 'node:path';
import type {
  Bundle,
  Claim,
  Coverage,
  ExplanationOfBenefit,
  ExplanationOfBenefitItem,
  ExplanationOfBenefitItemAdjudication,
  MedicationRequest,
  Resource,
} from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateDemoBundles } from '../../main/services/demo-data';
import { repoRoot } from '../support/host';

const SEED = 20260101;
const PATIENTS = 300;
const CARC = 'https://x12.org/codes/claim-adjustment-reason-codes';
const POS = 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';
const REVENUE = 'https://www.nubc.org/CodeSystem/RevenueCodes';
const NDC = 'http://hl7.org/fhir/sid/ndc';
const SOPT = 'https://nahdo.org/sopt';

/**
 * X12 claim adjustment reasons reported under group PR (patient responsibility): deductible, coinsurance, copay, no
 * coverage before or after the coverage dates, a lifetime or period maximum, a service the plan does not cover, care
 * outside the network. Every other reason the generator uses is CO or OA: the provider's write-off or another payer's.
 */
const PATIENT_GROUP = new Set(['1', '2', '3', '26', '27', '35', '96', '119', '204', '242']);

interface Patient {
  bundle: Bundle;
  resources: Resource[];
  byUrl: Map<string, Resource>;
  coverages: Coverage[];
  eobs: ExplanationOfBenefit[];
  claims: Claim[];
}

const cents = (v: number | undefined) => Math.round((v ?? 0) * 100);
const codeOf = (a: { category: { coding?: { code?: string }[] } }) => a.category.coding?.[0]?.code;
const has = (list: readonly ExplanationOfBenefitItemAdjudication[] | undefined, code: string) => (list ?? []).some((a) => codeOf(a) === code);
const amt = (list: readonly ExplanationOfBenefitItemAdjudication[] | undefined, code: string) =>
  (list ?? []).filter((a) => codeOf(a) === code).reduce((n, a) => n + cents(a.amount?.value), 0);
const totalOf = (eob: ExplanationOfBenefit, code: string) => (eob.total ?? []).filter((t) => codeOf(t) === code).reduce((n, t) => n + cents(t.amount.value), 0);
const hasTotal = (eob: ExplanationOfBenefit, code: string) => (eob.total ?? []).some((t) => codeOf(t) === code);
const reasons = (list: readonly ExplanationOfBenefitItemAdjudication[] | undefined) =>
  (list ?? []).flatMap((a) => (a.reason?.coding ?? []).filter((c) => c.system === CARC).map((c) => c.code as string));
const isPharmacy = (eob: ExplanationOfBenefit) => eob.type.coding?.[0]?.code === 'pharmacy';
const isTagged = (r: Resource) => r.meta?.tag?.some((t) => t.code === 'totals-mismatch') === true;
const sopt = (c: Coverage) => c.type?.coding?.find((x) => x.system === SOPT)?.code ?? '';
const networkStatus = (eob: ExplanationOfBenefit) => eob.adjudication?.find((a) => codeOf(a) === 'benefitpaymentstatus')?.reason?.coding?.[0]?.code;
const emergencyLine = (i: ExplanationOfBenefitItem) => i.locationCodeableConcept?.coding?.some((c) => c.system === POS && c.code === '23') === true;

/** The amount of a line the patient owes by the reason the payer gives for its not-covered part. */
function patientNotCovered(list: readonly ExplanationOfBenefitItemAdjudication[] | undefined): number {
  return reasons(list).some((r) => PATIENT_GROUP.has(r)) ? amt(list, 'noncovered') : 0;
}

/** What a real payer's EOB must satisfy, line by line and in its totals. Empty when all is well. */
function eobProblems(eob: ExplanationOfBenefit): string[] {
  const problems: string[] = [];
  const lineCodes = new Set<string>();
  for (const item of eob.item ?? []) {
    const a = item.adjudication;
    const at = `line ${item.sequence}`;
    for (const x of a ?? []) {
      if (x.amount) lineCodes.add(codeOf(x) as string);
      const v = x.amount?.value;
      if (v !== undefined && (v < 0 || Math.abs(v * 100 - Math.round(v * 100)) > 1e-6)) problems.push(`${at}: amount ${v}`);
    }
    const gross = amt(a, 'submitted') + amt(a, 'drugcost');
    const [ded, copay, coins, nonc, prior, benefit] = ['deductible', 'copay', 'coinsurance', 'noncovered', 'priorpayerpaid', 'benefit'].map((c) =>
      amt(a, c),
    ) as [number, number, number, number, number, number];
    const member = ded + copay + coins + patientNotCovered(a);
    if (has(a, 'memberliability') && amt(a, 'memberliability') !== member) problems.push(`${at}: memberliability ${amt(a, 'memberliability')} != ${member}`);
    if (has(a, 'paidtoprovider') && amt(a, 'paidtoprovider') !== benefit) problems.push(`${at}: paidtoprovider != benefit`);
    if (isPharmacy(eob)) {
      if (gross - amt(a, 'discount') !== benefit + member) problems.push(`${at}: gross - discount != benefit + member`);
    } else {
      const eligible = amt(a, 'eligible');
      if (eligible + nonc > gross) problems.push(`${at}: eligible ${eligible} + not covered ${nonc} > submitted ${gross}`);
      if (benefit !== eligible - prior - ded - copay - coins) problems.push(`${at}: benefit ${benefit} != eligible - prior payer - cost sharing`);
    }
  }
  for (const code of lineCodes) {
    const sum = (eob.item ?? []).reduce((n, i) => n + amt(i.adjudication, code), 0);
    if (totalOf(eob, code) !== sum) problems.push(`total ${code}: ${totalOf(eob, code)} != ${sum}`);
  }
  if (eob.use === 'claim' && cents(eob.payment?.amount?.value) !== totalOf(eob, 'benefit')) problems.push('payment != benefit');
  if (eob.use === 'predetermination' && eob.payment) problems.push('a predetermination pays nothing');
  return problems;
}

function load(seed: number, patients: number): Patient[] {
  const out: Patient[] = [];
  for (const bundle of generateDemoBundles({ seed, patients })) {
    const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
    if (!resources.some((r) => r.resourceType === 'Patient')) continue;
    out.push({
      bundle,
      resources,
      byUrl: new Map((bundle.entry ?? []).map((e) => [e.fullUrl as string, e.resource as Resource])),
      coverages: resources.filter((r): r is Coverage => r.resourceType === 'Coverage'),
      eobs: resources.filter((r): r is ExplanationOfBenefit => r.resourceType === 'ExplanationOfBenefit'),
      claims: resources.filter((r): r is Claim => r.resourceType === 'Claim'),
    });
  }
  return out;
}

let data: Patient[];
beforeAll(() => {
  data = load(SEED, PATIENTS);
});

const allEobs = () => data.flatMap((p) => p.eobs);
const secondaryEobs = () => allEobs().filter((e) => (e.insurance ?? []).length > 1 && e.insurance?.[1]?.focal === true);
/** The claim's active primary EOB, for a secondary one. */
function primaryOf(p: Patient, eob: ExplanationOfBenefit): ExplanationOfBenefit | undefined {
  return p.eobs.find((e) => e !== eob && e.status === 'active' && e.claim?.reference === eob.claim?.reference && e.insurance?.[0]?.focal === true);
}

describe('demo bills look like real payers’ EOBs', () => {
  it('has every kind of EOB a real feed sends', () => {
    const eobs = allEobs();
    const lines = eobs.flatMap((e) => (e.item ?? []).map((i) => ({ eob: e, item: i })));
    const coverages = data.flatMap((p) => p.coverages);
    const medicaidBesideMedicare = data.filter(
      (p) => p.coverages.some((c) => sopt(c).startsWith('1')) && p.coverages.some((c) => sopt(c).startsWith('2')),
    ).length;
    const counts = {
      secondary: secondaryEobs().length,
      pharmacy: eobs.filter(isPharmacy).length,
      predetermination: eobs.filter((e) => e.use === 'predetermination').length,
      withoutMemberLiability: eobs.filter((e) => !hasTotal(e, 'memberliability') && !(e.item ?? []).some((i) => has(i.adjudication, 'memberliability'))).length,
      enteredInError: eobs.filter((e) => e.status === 'entered-in-error').length,
      cancelled: eobs.filter((e) => e.status === 'cancelled').length,
      writeOffAsNotCovered: lines.filter(({ item }) => (item.adjudication ?? []).some((a) => codeOf(a) === 'adjustmentreason' && reasons([a]).includes('45')))
        .length,
      copayPaidAtDesk: eobs.filter((e) => !isPharmacy(e) && totalOf(e, 'paidbypatient') > 0).length,
      emergencyLines: lines.filter(({ item }) => emergencyLine(item)).length,
      emergencyRevenue0450: lines.filter(
        ({ eob, item }) => eob.type.coding?.[0]?.code === 'institutional' && item.revenue?.coding?.some((c) => c.system === REVENUE && c.code === '0450'),
      ).length,
      outOfNetworkClinician: eobs.filter((e) => networkStatus(e) === 'outofnetwork').length,
      patientDenials: lines.filter(({ item }) => reasons(item.adjudication).some((r) => PATIENT_GROUP.has(r))).length,
      providerDenials: lines.filter(
        ({ item }) =>
          has(item.adjudication, 'noncovered') && amt(item.adjudication, 'eligible') === 0 && reasons(item.adjudication).some((r) => !PATIENT_GROUP.has(r)),
      ).length,
      medicaid: coverages.filter((c) => sopt(c).startsWith('2')).length,
      medicare: coverages.filter((c) => sopt(c).startsWith('1')).length,
      dualEligible: medicaidBesideMedicare + coverages.filter((c) => sopt(c) === '14').length,
      selfPay: coverages.filter((c) => sopt(c) === '81').length,
    };
    for (const [what, n] of Object.entries(counts)) expect(n, what).toBeGreaterThan(0);
  });

  it('states each line’s member liability as deductible + copay + coinsurance + only the patient’s not-covered part, and totals that add up', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const eob of allEobs()) {
      const found = eobProblems(eob);
      if (isTagged(eob)) {
        expect(found.every((f) => f.startsWith('total memberliability'))).toBe(true);
        continue;
      }
      checked++;
      problems.push(...found.map((f) => `${eob.id}: ${f}`));
    }
    expect(checked).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  });

  it('puts a denial with a provider-liability reason on the provider, and a patient-liability one at the full charge', () => {
    let co = 0;
    let pr = 0;
    for (const eob of allEobs()) {
      if (!eob.item?.some((i) => has(i.adjudication, 'memberliability'))) continue;
      for (const item of eob.item) {
        const a = item.adjudication;
        const denial = (a ?? []).find((x) => codeOf(x) === 'denialreason')?.reason?.coding?.[0]?.code;
        if (!denial) continue;
        expect(amt(a, 'noncovered'), denial).toBe(amt(a, 'submitted'));
        if (PATIENT_GROUP.has(denial)) {
          pr++;
          expect(amt(a, 'memberliability'), denial).toBe(amt(a, 'submitted'));
        } else {
          co++;
          expect(amt(a, 'memberliability'), denial).toBe(0);
        }
      }
    }
    expect(co).toBeGreaterThan(0);
    expect(pr).toBeGreaterThan(0);
  });

  it('never denies emergency care as out of network or unauthorised, and never uses 242 for Medicare or Medicaid', () => {
    let emergency = 0;
    for (const p of data) {
      const kinds = p.coverages.map(sopt);
      const publicOnly = kinds.some((k) => k === '1' || k.startsWith('2') || k === '14');
      for (const eob of p.eobs) {
        for (const item of eob.item ?? []) {
          const codes = reasons(item.adjudication);
          if (emergencyLine(item)) {
            emergency++;
            for (const bad of ['242', '197', '27']) expect(codes, `${eob.id} emergency line`).not.toContain(bad);
          }
          if (publicOnly) expect(codes, `${eob.id} (${kinds.join(', ')})`).not.toContain('242');
        }
      }
    }
    expect(emergency).toBeGreaterThan(20);
  });

  it('codes emergency lines with place of service 23, an ED visit code and, on hospital claims, revenue code 045x', () => {
    let checked = 0;
    for (const eob of allEobs()) {
      const lines = eob.item ?? [];
      if (!lines.some(emergencyLine)) continue;
      checked++;
      expect(lines.every(emergencyLine), eob.id).toBe(true);
      expect(lines.some((i) => /^9928[1-5]$/.test(i.productOrService.coding?.[0]?.code ?? ''))).toBe(true);
      if (eob.type.coding?.[0]?.code === 'institutional') expect(lines.some((i) => /^045\d$/.test(i.revenue?.coding?.[0]?.code ?? ''))).toBe(true);
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('bills an out-of-network clinician at an in-network hospital with in-network cost sharing only', () => {
    const oon = data.flatMap((p) => p.eobs.filter((e) => networkStatus(e) === 'outofnetwork').map((e) => ({ p, e })));
    expect(oon.length).toBeGreaterThan(0);
    for (const { p, e } of oon) {
      expect((e.item ?? []).every(emergencyLine)).toBe(true);
      const item = e.item?.[0] as ExplanationOfBenefitItem;
      const a = item.adjudication;
      // The plan pays its own allowed amount; the patient's part is the cost sharing, never charged - allowed.
      expect(amt(a, 'eligible')).toBeLessThan(amt(a, 'submitted'));
      if (has(a, 'memberliability')) expect(amt(a, 'memberliability')).toBe(amt(a, 'deductible') + amt(a, 'copay') + amt(a, 'coinsurance'));
      // The same visit also has the hospital's own claim, in network.
      const claim = p.byUrl.get(e.claim?.reference as string) as Claim;
      const hospital = p.claims.find((c) => c !== claim && c.billablePeriod?.start === claim.billablePeriod?.start);
      expect(hospital?.type.coding?.[0]?.code).toBe('institutional');
    }
  });

  it('gives a secondary payer’s EOB the same claim, the second coverage as focal, and the primary’s payment as prior payer paid', () => {
    const secondaries = data.flatMap((p) => p.eobs.filter((e) => (e.insurance ?? []).length > 1).map((e) => ({ p, e })));
    expect(secondaries.length).toBeGreaterThan(10);
    for (const { p, e } of secondaries) {
      const [first, second] = e.insurance as [{ focal: boolean; coverage: { reference?: string } }, { focal: boolean; coverage: { reference?: string } }];
      expect(first.focal).toBe(false);
      expect(second.focal).toBe(true);
      expect((p.byUrl.get(second.coverage.reference as string) as Coverage).order).toBe(2);
      const primary = primaryOf(p, e);
      expect(primary, e.id).toBeDefined();
      expect(p.byUrl.get(e.claim?.reference as string)?.resourceType).toBe('Claim');
      expect(totalOf(e, 'priorpayerpaid')).toBe(totalOf(primary as ExplanationOfBenefit, 'benefit'));
      (e.item ?? []).forEach((item, i) => expect(amt(item.adjudication, 'priorpayerpaid')).toBe(amt(primary?.item?.[i]?.adjudication, 'benefit')));
      // What is left for the patient after both payers is never more than the primary left.
      if (hasTotal(e, 'memberliability') && hasTotal(primary as ExplanationOfBenefit, 'memberliability')) {
        expect(totalOf(e, 'memberliability')).toBeLessThanOrEqual(totalOf(primary as ExplanationOfBenefit, 'memberliability'));
      }
    }
  });

  it('states nothing owed for cost sharing by Medicaid, dual-eligible and QMB patients', () => {
    let checked = 0;
    for (const p of data) {
      const kinds = p.coverages.map(sopt);
      for (const eob of p.eobs) {
        if (isPharmacy(eob) || eob.use !== 'claim' || !hasTotal(eob, 'memberliability')) continue;
        const insurer = (eob.insurance ?? []).find((i) => i.focal)?.coverage.reference;
        const kind = sopt(p.byUrl.get(insurer as string) as Coverage);
        // Medicaid itself, a dual-eligible plan, or Medicaid as the QMB's second payer after Medicare.
        if (kind.startsWith('2') || kind === '14') {
          checked++;
          expect(totalOf(eob, 'memberliability'), `${eob.id} (${kinds.join(', ')})`).toBe(0);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('bills uninsured (self-pay) patients with claims and no EOB', () => {
    const uninsured = data.filter((p) => p.coverages.length === 1 && sopt(p.coverages[0] as Coverage) === '81');
    expect(uninsured.length).toBeGreaterThan(0);
    for (const p of uninsured) {
      expect(p.eobs).toEqual([]);
      for (const claim of p.claims) {
        expect(claim.insurer).toBeUndefined();
        expect(p.byUrl.get(claim.insurance?.[0]?.coverage.reference as string)?.resourceType).toBe('Coverage');
      }
    }
  });

  it('records the copay paid at the front desk as paid by the patient, without changing member liability', () => {
    let paid = 0;
    for (const eob of allEobs().filter((e) => !isPharmacy(e))) {
      for (const item of eob.item ?? []) {
        if (!has(item.adjudication, 'paidbypatient')) continue;
        paid++;
        expect(amt(item.adjudication, 'paidbypatient')).toBe(amt(item.adjudication, 'copay'));
        if (has(item.adjudication, 'memberliability')) expect(amt(item.adjudication, 'memberliability')).toBe(amt(item.adjudication, 'copay'));
      }
    }
    expect(paid).toBeGreaterThan(10);
  });

  it('fills prescriptions as pharmacy EOBs: an NDC, the drug cost, a discount, and the patient’s part paid at the counter', () => {
    let fills = 0;
    for (const p of data) {
      for (const eob of p.eobs.filter(isPharmacy)) {
        fills++;
        expect(eob.claim).toBeUndefined();
        expect((p.byUrl.get(eob.prescription?.reference as string) as MedicationRequest | undefined)?.resourceType).toBe('MedicationRequest');
        for (const item of eob.item ?? []) {
          const coding = item.productOrService.coding?.[0];
          expect(coding?.system).toBe(NDC);
          expect(coding?.code).toMatch(/^\d{11}$/);
          expect(coding?.display).toBeTruthy();
          const a = item.adjudication;
          expect(has(a, 'submitted') || has(a, 'drugcost')).toBe(true);
          expect(amt(a, 'paidbypatient')).toBe(amt(a, 'memberliability'));
          expect(amt(a, 'paidtoprovider')).toBe(amt(a, 'benefit'));
        }
      }
    }
    expect(fills).toBeGreaterThan(50);
  });

  it('sends predeterminations before the planned care, with estimated amounts, no payment and no claim', () => {
    const estimates = allEobs().filter((e) => e.use === 'predetermination');
    expect(estimates.length).toBeGreaterThan(0);
    for (const eob of estimates) {
      expect(eob.claim).toBeUndefined();
      expect(eob.payment).toBeUndefined();
      expect((eob.created as string) < (eob.item?.[0]?.servicedDate as string)).toBe(true);
      expect(has(eob.item?.[0]?.adjudication, 'eligible')).toBe(true);
      expect(has(eob.item?.[0]?.adjudication, 'paidtoprovider')).toBe(false);
    }
  });

  it('follows each EOB entered in error with a corrected active EOB for the same claim', () => {
    const voided = data.flatMap((p) => p.eobs.filter((e) => e.status === 'entered-in-error').map((e) => ({ p, e })));
    expect(voided.length).toBeGreaterThan(0);
    for (const { p, e } of voided) {
      const corrected = p.eobs.find((x) => x.status === 'active' && x.claim?.reference === e.claim?.reference && x.insurance?.[0]?.focal === true);
      expect(corrected, e.id).toBeDefined();
      expect((corrected?.created as string) > (e.created as string)).toBe(true);
      expect(totalOf(corrected as ExplanationOfBenefit, 'benefit')).not.toBe(totalOf(e, 'benefit'));
    }
  });

  it('never applies more deductible in a year than the plan has, nor cost sharing past the out-of-pocket maximum', () => {
    let years = 0;
    for (const p of data) {
      const primary = p.coverages.find((c) => c.order === 1) ?? p.coverages[0];
      if (!primary || sopt(primary) === '81') continue;
      const limit = (code: string) => cents(primary.costToBeneficiary?.find((c) => c.type?.coding?.[0]?.code === code)?.valueMoney?.value);
      const deductible = limit('deductible');
      const oop = limit('maxoutofpocket');
      // Commercial plans (SOPT 5xx) and Medicare Advantage (11) have an out-of-pocket maximum; Original Medicare has none.
      if (/^(5|11$)/.test(sopt(primary))) expect(oop, sopt(primary)).toBeGreaterThan(0);
      const byYear = new Map<string, { deductible: number; shared: number }>();
      for (const eob of p.eobs) {
        if (eob.status !== 'active' || eob.use !== 'claim' || isPharmacy(eob) || eob.insurance?.[0]?.focal !== true) continue;
        const year = (eob.item?.[0]?.servicedDate as string).slice(0, 4);
        const y = byYear.get(year) ?? { deductible: 0, shared: 0 };
        y.deductible += totalOf(eob, 'deductible');
        y.shared += totalOf(eob, 'deductible') + totalOf(eob, 'copay') + totalOf(eob, 'coinsurance');
        byYear.set(year, y);
      }
      for (const [year, y] of byYear) {
        years++;
        expect(y.deductible, `${p.bundle.id} ${year}`).toBeLessThanOrEqual(deductible);
        if (oop > 0) expect(y.shared, `${p.bundle.id} ${year}`).toBeLessThanOrEqual(oop);
      }
    }
    expect(years).toBeGreaterThan(200);
  });

  it('uses only reason codes the knowledge pack explains', () => {
    const pack = parse(fs.readFileSync(path.join(repoRoot, 'resources', 'knowledge', 'billing.yaml'), 'utf8')) as { carc: { code: string }[] };
    const known = new Set(pack.carc.map((c) => String(c.code)));
    const used = new Set<string>();
    for (const eob of allEobs()) {
      for (const item of eob.item ?? []) for (const r of reasons(item.adjudication)) used.add(r);
      for (const a of eob.adjudication ?? []) for (const c of a.reason?.coding ?? []) if (c.system === CARC) used.add(c.code as string);
    }
    expect(used.size).toBeGreaterThan(8);
    expect([...used].filter((c) => !known.has(c)).sort()).toEqual([]);
  });
});
