import fs from 'node:fs';
import path from 'node:path';
import type {
  Bundle,
  Claim,
  Coverage,
  DiagnosticReport,
  ExplanationOfBenefit,
  ExplanationOfBenefitItemAdjudication,
  Identifier,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_DATE,
  SHOWCASE,
  demoPatientId,
  generateDemoBundles,
  patientBundle,
  sharedResourcesBundle,
  writeDemoBundles,
  writeDemoNdjson,
} from '../../main/services/demo-data';
import { fhirIdPattern } from '../../preload/contract';
import { tempDir } from '../support/tmp';

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const CARC = 'https://x12.org/codes/claim-adjustment-reason-codes';

function resources(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).map((e) => e.resource as Resource);
}

function ofType<T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] {
  return resources(bundle).filter((r): r is T => r.resourceType === type);
}

function patientOf(bundle: Bundle): Patient {
  return ofType<Patient>(bundle, 'Patient')[0] as Patient;
}

function byFullUrl(bundle: Bundle): Map<string, Resource> {
  return new Map((bundle.entry ?? []).map((e) => [e.fullUrl as string, e.resource as Resource]));
}

/** Every `reference` string anywhere inside a value. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

function age(patient: Patient): number {
  const [by, bm, bd] = (patient.birthDate as string).split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = REFERENCE_DATE.split('-').map(Number) as [number, number, number];
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}

function language(patient: Patient): string | undefined {
  return patient.communication?.find((c) => c.preferred)?.language.coding?.[0]?.code;
}

function phoneDigits(value: string): string {
  const d = value.replace(/\D/g, '');
  return d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
}

function cents(value: number | undefined): number {
  return Math.round((value ?? 0) * 100);
}

function adjudicated(list: readonly ExplanationOfBenefitItemAdjudication[] | undefined, code: string): number {
  return cents(list?.find((a) => a.category.coding?.[0]?.code === code)?.amount?.value);
}

function total(eob: ExplanationOfBenefit, code: string): number {
  return cents(eob.total?.find((t) => t.category.coding?.[0]?.code === code)?.amount.value);
}

/** X12 reasons under group PR (patient responsibility); the generator's other reasons are CO or OA (not the patient's). */
const PATIENT_GROUP = new Set(['1', '2', '3', '26', '27', '35', '96', '119', '204', '242']);

function has(list: readonly ExplanationOfBenefitItemAdjudication[] | undefined, code: string): boolean {
  return (list ?? []).some((a) => a.category.coding?.[0]?.code === code);
}

function reasonCodes(list: readonly ExplanationOfBenefitItemAdjudication[] | undefined): string[] {
  return (list ?? []).flatMap((a) => (a.reason?.coding ?? []).filter((c) => c.system === CARC).map((c) => c.code as string));
}

/**
 * Arithmetic problems in an EOB, as a real payer states it: per line, member liability is deductible + copay +
 * coinsurance + the not-covered amount only when its reason puts it on the patient; the plan's benefit is the eligible
 * amount less another payer's payment and the cost sharing (for a fill: the drug cost less the discount and the
 * patient's part); totals are the sums of the lines; a claim's payment is its benefit.
 */
function eobProblems(eob: ExplanationOfBenefit): string[] {
  const problems: string[] = [];
  const pharmacy = eob.type.coding?.[0]?.code === 'pharmacy';
  const codes = new Set<string>();
  for (const item of eob.item ?? []) {
    const a = item.adjudication;
    for (const adj of a ?? []) {
      const v = adj.amount?.value;
      if (v === undefined) continue;
      codes.add(adj.category.coding?.[0]?.code as string);
      if (Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) problems.push(`line ${item.sequence}: ${v} is not in cents`);
      if (v < 0) problems.push(`line ${item.sequence}: negative ${v}`);
    }
    const [sub, elig, ded, copay, coins, nonc, prior, ben, mem] = [
      'submitted',
      'eligible',
      'deductible',
      'copay',
      'coinsurance',
      'noncovered',
      'priorpayerpaid',
      'benefit',
      'memberliability',
    ].map((c) => adjudicated(a, c)) as [number, number, number, number, number, number, number, number, number];
    const patientNotCovered = reasonCodes(a).some((r) => PATIENT_GROUP.has(r)) ? nonc : 0;
    if (has(a, 'memberliability') && mem !== ded + copay + coins + patientNotCovered) problems.push(`line ${item.sequence}: memberliability ${mem}`);
    if (has(a, 'paidtoprovider') && adjudicated(a, 'paidtoprovider') !== ben) problems.push(`line ${item.sequence}: paidtoprovider`);
    if (pharmacy) {
      const gross = sub + adjudicated(a, 'drugcost');
      if (gross - adjudicated(a, 'discount') !== ben + ded + copay + coins) problems.push(`line ${item.sequence}: benefit ${ben}`);
    } else {
      if (elig + nonc > sub) problems.push(`line ${item.sequence}: eligible ${elig} + not covered ${nonc} > submitted ${sub}`);
      if (ben !== elig - prior - ded - copay - coins) problems.push(`line ${item.sequence}: benefit ${ben}`);
    }
  }
  for (const c of codes) {
    const sum = (eob.item ?? []).reduce((n, i) => n + adjudicated(i.adjudication, c), 0);
    if (total(eob, c) !== sum) problems.push(`total ${c}: ${total(eob, c)} != ${sum}`);
  }
  if (eob.use === 'claim' && cents(eob.payment?.amount?.value) !== total(eob, 'benefit')) problems.push('payment != benefit');
  return problems;
}

function isMismatchTagged(r: Resource): boolean {
  return r.meta?.tag?.some((t) => t.system === 'urn:ambassador-desk:demo' && t.code === 'totals-mismatch') === true;
}

const sharedNpis = (seed: number): Map<string, Set<string>> => {
  const byType = new Map<string, Set<string>>([
    ['Organization', new Set()],
    ['Practitioner', new Set()],
  ]);
  for (const r of resources(sharedResourcesBundle(seed))) {
    const ids = (r as { identifier?: Identifier[] }).identifier ?? [];
    for (const id of ids) if (id.system === NPI && id.value) byType.get(r.resourceType)?.add(id.value);
  }
  return byType;
};

describe('demo data generator', () => {
  it('gives byte-identical output for the same seed and options, and different output for another seed', () => {
    const run = (seed: number): string => JSON.stringify([...generateDemoBundles({ seed, patients: 12 })]);
    const first = run(7);
    expect(run(7)).toBe(first);
    expect(run(8)).not.toBe(first);
    // A patient does not depend on which patients were generated before it.
    expect(JSON.stringify(patientBundle(7, 5))).toBe(JSON.stringify([...generateDemoBundles({ seed: 7, patients: 12 })][6]));
    expect(JSON.stringify([...generateDemoBundles({ seed: 7, patients: 3, firstIndex: 4 })])).toBe(
      JSON.stringify([...generateDemoBundles({ seed: 7, patients: 7 })].slice(5)),
    );
    // Demographics do not change with the event volume.
    expect(patientOf(patientBundle(7, 5, { eventsPerPatient: 80 }))).toEqual(patientOf(patientBundle(7, 5)));
    expect(patientOf(patientBundle(7, 5)).id).toBe(demoPatientId(7, 5));
    expect(demoPatientId(7, 5)).not.toBe(demoPatientId(8, 5));
  });

  it('gives every resource a type, a valid unique id and meta', () => {
    const bundles = [...generateDemoBundles({ seed: -3, patients: 60 })];
    const seen = new Set<string>();
    for (const bundle of bundles) {
      expect(bundle.type).toBe('transaction');
      for (const entry of bundle.entry ?? []) {
        const r = entry.resource as Resource;
        expect(r.resourceType).toMatch(/^[A-Z][A-Za-z]+$/);
        expect(r.id).toMatch(fhirIdPattern);
        expect(r.meta?.versionId).toBe('1');
        expect(r.meta?.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(seen.has(`${r.resourceType}/${r.id}`)).toBe(false);
        seen.add(`${r.resourceType}/${r.id}`);
        expect(entry.fullUrl).toBe(`urn:uuid:${r.id}`);
        if (bundle === bundles[0]) expect(entry.request).toEqual({ method: 'PUT', url: `${r.resourceType}/${r.id}` });
        else expect(entry.request).toEqual({ method: 'POST', url: r.resourceType });
      }
    }
  });

  it('resolves urn:uuid references inside each bundle and conditional references to the shared resources', () => {
    const seed = 11;
    const npis = sharedNpis(seed);
    const conditional = /^(Organization|Practitioner)\?identifier=http:\/\/hl7\.org\/fhir\/sid\/us-npi\|(\d{10})$/;
    let checked = 0;
    for (const bundle of generateDemoBundles({ seed, patients: 40, firstIndex: 1 })) {
      const urls = byFullUrl(bundle);
      for (const r of resources(bundle)) {
        for (const reference of references(r)) {
          checked++;
          if (reference.startsWith('urn:uuid:')) {
            expect(urls.has(reference), reference).toBe(true);
            continue;
          }
          const m = conditional.exec(reference);
          expect(m, reference).not.toBeNull();
          expect(npis.get(m?.[1] as string)?.has(m?.[2] as string), reference).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  describe.each([1, -20261101])('showcase patients (seed %i)', (seed) => {
    const bundle = (index: number): Bundle => patientBundle(seed, index);

    it('has an English-speaking adult whose latest basic metabolic panel shows critical potassium', () => {
      const b = bundle(SHOWCASE.criticalPotassiumAdult);
      const patient = patientOf(b);
      expect(language(patient)).toBe('en');
      expect(age(patient)).toBeGreaterThanOrEqual(18);
      const panels = ofType<DiagnosticReport>(b, 'DiagnosticReport')
        .filter((d) => d.code.coding?.[0]?.code === '24321-2')
        .sort((x, y) => (x.effectiveDateTime as string).localeCompare(y.effectiveDateTime as string));
      const latest = panels.at(-1) as DiagnosticReport;
      const urls = byFullUrl(b);
      const potassium = latest.result?.map((r) => urls.get(r.reference as string) as Observation).find((o) => o.code.coding?.[0]?.code === '2823-3');
      expect(potassium?.valueQuantity?.value).toBeGreaterThan(6.2);
      expect(potassium?.valueQuantity?.code).toBe('mmol/L');
      expect(potassium?.interpretation?.[0]?.coding?.[0]?.code).toBe('HH');
    });

    it('has a Spanish-speaking adult with an EOB applying deductible and coinsurance', () => {
      const b = bundle(SHOWCASE.spanishDeductibleEob);
      const patient = patientOf(b);
      expect(patient.communication?.[0]).toMatchObject({ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }, preferred: true });
      expect(age(patient)).toBeGreaterThanOrEqual(18);
      const eob = ofType<ExplanationOfBenefit>(b, 'ExplanationOfBenefit').find((e) => total(e, 'deductible') > 0 && total(e, 'coinsurance') > 0);
      expect(eob).toBeDefined();
      expect(eobProblems(eob as ExplanationOfBenefit)).toEqual([]);
    });

    it('has a child under 12 with a COVID-19 test', () => {
      const b = bundle(SHOWCASE.child);
      expect(age(patientOf(b))).toBeLessThan(12);
      const test = ofType<Observation>(b, 'Observation').find((o) => o.code.coding?.[0]?.code === '94500-6');
      expect(test?.valueCodeableConcept?.coding?.[0]?.system).toBe('http://snomed.info/sct');
    });

    it('has two household members sharing a phone number written differently', () => {
      const a = patientOf(bundle(SHOWCASE.sharedPhoneA));
      const b = patientOf(bundle(SHOWCASE.sharedPhoneB));
      expect(a.id).not.toBe(b.id);
      expect(a.name?.[0]?.family).toBe(b.name?.[0]?.family);
      expect(a.address?.[0]?.line).toEqual(b.address?.[0]?.line);
      const phones = (p: Patient): string[] => (p.telecom ?? []).filter((t) => t.system === 'phone').map((t) => t.value as string);
      const shared = phones(a).flatMap((x) =>
        phones(b)
          .filter((y) => phoneDigits(x) === phoneDigits(y))
          .map((y) => [x, y]),
      );
      expect(shared.length).toBeGreaterThan(0);
      expect(shared.some(([x, y]) => x !== y)).toBe(true);
    });

    it('has an adult with one EOB whose member liability total disagrees with its lines', () => {
      const b = bundle(SHOWCASE.eobTotalsMismatch);
      expect(age(patientOf(b))).toBeGreaterThanOrEqual(18);
      const tagged = ofType<ExplanationOfBenefit>(b, 'ExplanationOfBenefit').filter(isMismatchTagged);
      expect(tagged).toHaveLength(1);
      const eob = tagged[0] as ExplanationOfBenefit;
      const lines = (eob.item ?? []).reduce((s, i) => s + adjudicated(i.adjudication, 'memberliability'), 0);
      const diff = total(eob, 'memberliability') - lines;
      expect(Math.abs(diff)).toBeGreaterThanOrEqual(100);
      expect(Math.abs(diff)).toBeLessThanOrEqual(1000);
      expect(eobProblems(eob)).toEqual([`total memberliability: ${lines + diff} != ${lines}`]);
    });

    it('has an adult with a preventive visit the patient owes nothing for', () => {
      const b = bundle(SHOWCASE.zeroDollarClaim);
      expect(age(patientOf(b))).toBeGreaterThanOrEqual(18);
      const urls = byFullUrl(b);
      const eob = ofType<ExplanationOfBenefit>(b, 'ExplanationOfBenefit').find(
        (e) => total(e, 'memberliability') === 0 && e.item?.some((i) => /^993[89]\d$/.test(i.productOrService.coding?.[0]?.code ?? '')),
      );
      expect(eob).toBeDefined();
      expect(total(eob as ExplanationOfBenefit, 'benefit')).toBeGreaterThan(0);
      expect(urls.get(eob?.claim?.reference as string)?.resourceType).toBe('Claim');
    });

    it('has an adult with a denied EOB line carrying a CARC reason', () => {
      const b = bundle(SHOWCASE.deniedLine);
      expect(age(patientOf(b))).toBeGreaterThanOrEqual(18);
      const denied = ofType<ExplanationOfBenefit>(b, 'ExplanationOfBenefit')
        .flatMap((e) => e.item ?? [])
        .filter((i) => i.adjudication?.some((a) => a.reason?.coding?.[0]?.system === CARC));
      expect(denied.length).toBeGreaterThan(0);
      expect(denied.every((i) => adjudicated(i.adjudication, 'benefit') === 0)).toBe(true);
      expect(denied[0]?.adjudication?.find((a) => a.reason)?.reason?.coding?.[0]?.display).toBeTruthy();
    });

    const eobsOf = (b: Bundle) => ofType<ExplanationOfBenefit>(b, 'ExplanationOfBenefit');
    const coverageKinds = (b: Bundle) => ofType<Coverage>(b, 'Coverage').map((c) => c.type?.coding?.[0]?.code);
    const status = (e: ExplanationOfBenefit) => e.adjudication?.find((a) => a.category.coding?.[0]?.code === 'benefitpaymentstatus')?.reason?.coding?.[0]?.code;

    it('has an adult whose prescription fills come as pharmacy EOBs paid at the counter', () => {
      const b = bundle(SHOWCASE.pharmacyFill);
      expect(age(patientOf(b))).toBeGreaterThanOrEqual(18);
      const urls = byFullUrl(b);
      const fills = eobsOf(b).filter((e) => e.type.coding?.[0]?.code === 'pharmacy');
      expect(fills.length).toBeGreaterThan(0);
      for (const fill of fills) {
        const item = fill.item?.[0];
        expect(item?.productOrService.coding?.[0]?.system).toBe('http://hl7.org/fhir/sid/ndc');
        expect(adjudicated(item?.adjudication, 'paidbypatient')).toBe(adjudicated(item?.adjudication, 'memberliability'));
        expect(urls.get(fill.prescription?.reference as string)?.resourceType).toBe('MedicationRequest');
        expect(eobProblems(fill)).toEqual([]);
      }
    });

    it('has a Medicare patient with a Medigap plan: a primary and a secondary EOB for the same claim', () => {
      const b = bundle(SHOWCASE.secondaryEob);
      expect(age(patientOf(b))).toBeGreaterThanOrEqual(65);
      expect(coverageKinds(b)).toEqual(expect.arrayContaining(['1', '523']));
      const eobs = eobsOf(b);
      const secondary = eobs.filter((e) => e.insurance?.[1]?.focal === true);
      expect(secondary.length).toBeGreaterThan(0);
      for (const e of secondary) {
        const primary = eobs.find((x) => x !== e && x.status === 'active' && x.claim?.reference === e.claim?.reference) as ExplanationOfBenefit;
        expect(total(e, 'priorpayerpaid')).toBe(total(primary, 'benefit'));
        expect(total(e, 'memberliability')).toBeLessThanOrEqual(total(primary, 'memberliability'));
        expect(eobProblems(e)).toEqual([]);
      }
      expect(secondary.some((e) => total(e, 'priorpayerpaid') > 0)).toBe(true);
    });

    it('has an adult whose payer states no member liability, only the cost sharing', () => {
      const b = bundle(SHOWCASE.noMemberLiability);
      expect(age(patientOf(b))).toBeGreaterThanOrEqual(18);
      const eobs = eobsOf(b).filter((e) => e.type.coding?.[0]?.code !== 'pharmacy');
      expect(eobs.length).toBeGreaterThan(0);
      for (const e of eobs) {
        expect(JSON.stringify(e)).not.toContain('memberliability');
        expect(eobProblems(e)).toEqual([]);
      }
      expect(eobs.some((e) => total(e, 'deductible') + total(e, 'copay') + total(e, 'coinsurance') > 0)).toBe(true);
    });

    it('has an adult with a predetermination for planned care: an estimate, no payment, no claim', () => {
      const b = bundle(SHOWCASE.predetermination);
      const estimate = eobsOf(b).find((e) => e.use === 'predetermination');
      expect(estimate?.status).toBe('active');
      expect(estimate?.payment).toBeUndefined();
      expect(estimate?.claim).toBeUndefined();
      expect((estimate?.created as string).slice(0, 10) <= REFERENCE_DATE).toBe(true);
      expect((estimate?.item?.[0]?.servicedDate as string) > REFERENCE_DATE).toBe(true);
      expect(total(estimate as ExplanationOfBenefit, 'eligible')).toBeGreaterThan(0);
      expect(eobProblems(estimate as ExplanationOfBenefit)).toEqual([]);
    });

    it('has an emergency visit with an out-of-network physician at the in-network hospital, billed at in-network cost sharing', () => {
      const b = bundle(SHOWCASE.emergencyOutOfNetwork);
      const eobs = eobsOf(b);
      const oon = eobs.find((e) => status(e) === 'outofnetwork') as ExplanationOfBenefit;
      expect(oon).toBeDefined();
      const line = oon.item?.[0]?.adjudication;
      expect(oon.item?.[0]?.locationCodeableConcept?.coding?.[0]?.code).toBe('23');
      expect(adjudicated(line, 'memberliability')).toBe(adjudicated(line, 'deductible') + adjudicated(line, 'copay') + adjudicated(line, 'coinsurance'));
      expect(adjudicated(line, 'eligible')).toBeLessThan(adjudicated(line, 'submitted'));
      expect(eobProblems(oon)).toEqual([]);
      // The hospital's own claim for the same visit is in network.
      const hospital = eobs.find((e) => e !== oon && e.type.coding?.[0]?.code === 'institutional' && e.billablePeriod?.start === oon.billablePeriod?.start);
      expect(hospital && status(hospital)).toBe('innetwork');
    });

    it('has an EOB entered in error, followed by the corrected one for the same claim', () => {
      const b = bundle(SHOWCASE.correctedEob);
      const eobs = eobsOf(b);
      const voided = eobs.find((e) => e.status === 'entered-in-error') as ExplanationOfBenefit;
      expect(voided).toBeDefined();
      const corrected = eobs.find((e) => e.status === 'active' && e.claim?.reference === voided.claim?.reference) as ExplanationOfBenefit;
      expect((corrected.created as string) > (voided.created as string)).toBe(true);
      expect(total(corrected, 'benefit')).not.toBe(total(voided, 'benefit'));
    });

    it('has an adult whose payer reports the contractual write-off as not covered (CARC 45), not as the patient’s', () => {
      const b = bundle(SHOWCASE.writeOffEob);
      const lines = eobsOf(b)
        .flatMap((e) => e.item ?? [])
        .filter((i) => reasonCodes(i.adjudication).includes('45'));
      expect(lines.length).toBeGreaterThan(0);
      for (const i of lines) {
        const a = i.adjudication;
        expect(adjudicated(a, 'noncovered')).toBe(adjudicated(a, 'submitted') - adjudicated(a, 'eligible'));
        expect(adjudicated(a, 'memberliability')).toBe(adjudicated(a, 'deductible') + adjudicated(a, 'copay') + adjudicated(a, 'coinsurance'));
      }
    });

    it('has a Qualified Medicare Beneficiary: Medicare first, then Medicaid, and nothing left for the patient', () => {
      const b = bundle(SHOWCASE.qmbDualEligible);
      expect(coverageKinds(b)).toEqual(expect.arrayContaining(['1', '2']));
      const medicaid = eobsOf(b).filter((e) => e.insurance?.[1]?.focal === true);
      expect(medicaid.length).toBeGreaterThan(0);
      for (const e of medicaid) {
        expect(total(e, 'memberliability')).toBe(0);
        expect(eobProblems(e)).toEqual([]);
      }
    });

    it('has an uninsured adult: a self-pay coverage and claims with no EOB', () => {
      const b = bundle(SHOWCASE.uninsured);
      expect(coverageKinds(b)).toEqual(['81']);
      expect(ofType<Claim>(b, 'Claim').length).toBeGreaterThan(0);
      expect(eobsOf(b)).toEqual([]);
    });

    it('has an adult with an observation coded only in an unknown local system', () => {
      const b = bundle(SHOWCASE.unknownCodeObservation);
      expect(age(patientOf(b))).toBeGreaterThanOrEqual(18);
      const obs = ofType<Observation>(b, 'Observation').find((o) => o.code.coding?.some((c) => c.code === 'XYZ-1'));
      expect(obs?.code.coding?.every((c) => c.system === 'http://example.org/local-codes')).toBe(true);
      expect(obs?.valueQuantity?.value).toBeTypeOf('number');
    });
  });

  it('keeps EOB lines and totals arithmetically consistent, except the one tagged mismatch', () => {
    let eobs = 0;
    let mismatches = 0;
    let denials = 0;
    let claims = 0;
    for (const bundle of generateDemoBundles({ seed: 5, patients: 200, firstIndex: 1 })) {
      const urls = byFullUrl(bundle);
      for (const eob of ofType<ExplanationOfBenefit>(bundle, 'ExplanationOfBenefit')) {
        eobs++;
        const problems = eobProblems(eob);
        if (isMismatchTagged(eob)) {
          mismatches++;
          expect(problems).toHaveLength(1);
        } else {
          expect(problems, eob.id).toEqual([]);
        }
        if (eob.outcome === 'partial') denials++;
        // Pharmacy fills and predeterminations have no Claim; every other EOB adjudicates one.
        if (eob.type.coding?.[0]?.code === 'pharmacy' || eob.use === 'predetermination') {
          expect(eob.claim).toBeUndefined();
          continue;
        }
        claims++;
        const claim = urls.get(eob.claim?.reference as string) as Claim;
        expect(claim.resourceType).toBe('Claim');
        const net = (claim.item ?? []).reduce((s, i) => s + cents(i.net?.value), 0);
        expect(cents(claim.total?.value)).toBe(net);
        expect(total(eob, 'submitted')).toBe(net);
      }
    }
    expect(eobs).toBeGreaterThan(300);
    expect(claims).toBeGreaterThan(300);
    expect(mismatches).toBe(1);
    expect(denials).toBeGreaterThan(0);
  });

  it('has about 30% Spanish speakers, 20% children, shared household phones and varied valid phone formats', () => {
    let spanish = 0;
    let children = 0;
    const patients: Patient[] = [];
    for (const bundle of generateDemoBundles({ seed: 2026, patients: 1000, firstIndex: 10, eventsPerPatient: 4 })) {
      const patient = patientOf(bundle);
      patients.push(patient);
      if (language(patient) === 'es') spanish++;
      if (age(patient) < 18) children++;
    }
    expect(spanish / 1000).toBeGreaterThan(0.25);
    expect(spanish / 1000).toBeLessThan(0.35);
    expect(children / 1000).toBeGreaterThan(0.16);
    expect(children / 1000).toBeLessThan(0.24);

    const formats = new Set<string>();
    const owners = new Map<string, Set<string>>();
    for (const p of patients) {
      for (const t of p.telecom ?? []) {
        if (t.system !== 'phone') continue;
        const value = t.value as string;
        formats.add(value.replace(/\d/g, '9'));
        const d = phoneDigits(value);
        expect(d, value).toMatch(/^[2-9]\d{2}[2-9]\d{6}$/);
        expect(d.slice(4, 6), value).not.toBe('11');
        owners.set(d, (owners.get(d) ?? new Set()).add(p.id as string));
      }
    }
    expect([...formats].sort()).toEqual(['(999) 999-9999', '+9 999 999 9999', '999-999-9999', '999.999.9999', '9999999999']);
    const sharing = [...owners.values()].filter((s) => s.size > 1).reduce((n, s) => n + s.size, 0);
    expect(sharing / 1000).toBeGreaterThan(0.02);
    expect(sharing / 1000).toBeLessThan(0.09);
  });

  it('records vitals for every patient and dates nothing before birth or after the reference date, except bookings', () => {
    const dated = /^\d{4}-\d{2}-\d{2}/;
    const problems: string[] = [];
    const check = (value: unknown, r: Resource, birth: string, key: string): void => {
      if (Array.isArray(value)) for (const v of value) check(v, r, birth, key);
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) check(v, r, birth, k);
      else if (typeof value === 'string' && key !== 'birthDate' && dated.test(value)) {
        const day = value.slice(0, 10);
        const booked = r.resourceType === 'Appointment' && r.status === 'booked' && (key === 'start' || key === 'end');
        // A predetermination estimates care planned for later.
        const planned = r.resourceType === 'ExplanationOfBenefit' && r.use === 'predetermination' && ['start', 'end', 'servicedDate'].includes(key);
        if (!booked && !planned && day > REFERENCE_DATE) problems.push(`${r.resourceType}.${key} ${value} is in the future`);
        // Coverage may start before a newborn's birth (the family's plan).
        if (r.resourceType !== 'Coverage' && day < birth) problems.push(`${r.resourceType}.${key} ${value} is before birth ${birth}`);
      }
    };
    for (const bundle of generateDemoBundles({ seed: 13, patients: 300, firstIndex: 1 })) {
      const birth = patientOf(bundle).birthDate as string;
      for (const r of resources(bundle)) check(r, r, birth, '');
      const heartRate = ofType<Observation>(bundle, 'Observation').some((o) => o.code.coding?.[0]?.code === '8867-4');
      if (!heartRate) problems.push(`${patientOf(bundle).id} has no vitals`);
    }
    expect(problems).toEqual([]);
  });

  it('mostly reports normal values, with abnormal and critical ones', () => {
    const counts = new Map<string, number>();
    for (const bundle of generateDemoBundles({ seed: 9, patients: 150, firstIndex: 10 })) {
      for (const o of ofType<Observation>(bundle, 'Observation')) {
        const code = o.valueQuantity ? o.interpretation?.[0]?.coding?.[0]?.code : undefined;
        if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
      }
    }
    const all = [...counts.values()].reduce((a, b) => a + b, 0);
    const share = (...codes: string[]): number => codes.reduce((n, c) => n + (counts.get(c) ?? 0), 0) / all;
    expect(share('N')).toBeGreaterThan(0.6);
    expect(share('N')).toBeLessThan(0.8);
    expect(share('H', 'L')).toBeGreaterThan(0.15);
    expect(share('HH', 'LL')).toBeGreaterThan(0.02);
  });

  it('scales the volume roughly linearly with eventsPerPatient', () => {
    const count = (eventsPerPatient: number): number => {
      let n = 0;
      for (const bundle of generateDemoBundles({ seed: 3, patients: 150, firstIndex: 10, eventsPerPatient })) n += bundle.entry?.length ?? 0;
      return n;
    };
    const forty = count(40);
    const eighty = count(80);
    expect(forty / 150).toBeGreaterThan(25);
    expect(forty / 150).toBeLessThan(55);
    expect(eighty / forty).toBeGreaterThan(1.6);
    expect(eighty / forty).toBeLessThan(2.4);
  });

  it('writes bulk NDJSON: one file per type, one resource per line, plain references', () => {
    const dir = tempDir('demo-ndjson-');
    const result = writeDemoNdjson(dir, { seed: 21, patients: 25 });
    const files = fs.readdirSync(dir).sort();
    expect(files.length).toBe(result.files);
    expect(files).toContain('Patient.ndjson');
    expect(files).toContain('Organization.ndjson');
    const ids = new Set<string>();
    const refs: string[] = [];
    let lines = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(text).not.toContain('urn:uuid:');
      expect(text.endsWith('\n')).toBe(true);
      for (const line of text.slice(0, -1).split('\n')) {
        const r = JSON.parse(line) as Resource;
        expect(`${r.resourceType}.ndjson`).toBe(file);
        ids.add(`${r.resourceType}/${r.id}`);
        references(r, refs);
        lines++;
      }
    }
    expect(lines).toBe(result.resources);
    expect(refs.length).toBeGreaterThan(1000);
    for (const ref of refs) expect(ids.has(ref), ref).toBe(true);
  });

  it('writes one parseable compact JSON file per bundle', () => {
    const dir = tempDir('demo-bundles-');
    const result = writeDemoBundles(dir, { seed: 21, patients: 4, eventsPerPatient: 20 });
    expect(fs.readdirSync(dir).sort()).toEqual(['000-shared.json', 'patient-000000.json', 'patient-000001.json', 'patient-000002.json', 'patient-000003.json']);
    let count = 0;
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(text).not.toContain('\n');
      const bundle = JSON.parse(text) as Bundle;
      expect(bundle.resourceType).toBe('Bundle');
      count += bundle.entry?.length ?? 0;
    }
    expect(result).toEqual({ files: 5, resources: count });
    const slice = writeDemoBundles(tempDir('demo-slice-'), { seed: 21, patients: 2, firstIndex: 500 });
    expect(slice.files).toBe(2);
  });
});
