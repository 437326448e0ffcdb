import type {
  CodeableConcept,
  Claim,
  ClaimCareTeam,
  Organization,
  Reference,
  ClaimItem,
  Coverage,
  ExplanationOfBenefit,
  ExplanationOfBenefitItemAdjudication,
  ExplanationOfBenefitTotal,
} from '@medplum/fhirtypes';
import { CARC, CPT, DENIAL_REASONS, type Diagnosis } from './catalog';
import type { PatientContext } from './context';
import type { OrgInfo, PlanTemplate, PractitionerInfo } from './directory';
import { SYS, concept, money, ref } from './fhir';
import type { Rng } from './rng';
import { DAY_MS, HOUR_MS, REFERENCE_MS, isoDate, isoInstant, yearOf } from './time';

export type CopayKind = 'office' | 'urgent' | 'emergency';
export type LineKind = keyof typeof DENIAL_REASONS;

export interface ChargeLine {
  cpt: string;
  quantity: number;
  kind: LineKind;
  preventive: boolean;
  copay?: CopayKind;
  modifier?: string;
}

export interface BillOptions {
  /** Deny this line (0-based) with a CARC reason. */
  denyLine?: number;
  noDenials?: boolean;
  /** Guarantee a non-zero deductible and coinsurance on the first line that can carry them. */
  forceDeductibleAndCoinsurance?: boolean;
  /** Make the EOB's memberliability total disagree with its lines (tagged). */
  totalsMismatch?: boolean;
  /** Claims this recent are still pending: no EOB yet. */
  allowPending?: boolean;
}

export interface Visit {
  startMs: number;
  endMs: number;
  institutional: boolean;
  provider: OrgInfo;
  practitioner: PractitionerInfo;
  diagnosis: Diagnosis;
}

interface Adjudicated {
  submitted: number;
  eligible: number;
  deductible: number;
  copay: number;
  coinsurance: number;
  noncovered: number;
  benefit: number;
  member: number;
  denial: string | undefined;
}

const COPAY_TYPE = 'http://terminology.hl7.org/CodeSystem/coverage-copay-type';

export function coverageResource(ctx: PatientContext): Coverage {
  const p = ctx.person;
  const plan = p.plan;
  const rel = { self: 'Self', spouse: 'Spouse', child: 'Child' } as const;
  const coverage: Coverage = {
    resourceType: 'Coverage',
    ...ctx.head(p.coverageStartMs + 2 * DAY_MS),
    identifier: [{ type: concept(SYS.identifierType, 'MB', 'Member Number'), system: p.payer.memberSystem, value: p.memberId }],
    status: 'active',
    type: concept(SYS.sopt, plan.sopt.code, plan.sopt.display),
    subscriberId: p.memberId,
    beneficiary: { reference: ctx.patientUrl },
    relationship: concept(SYS.subscriberRelationship, p.relationship, rel[p.relationship]),
    period: { start: isoDate(p.coverageStartMs) },
    payor: [ref(p.payer.org.ref, p.payer.org.name)],
    class: [{ type: concept(SYS.coverageClass, 'plan', 'Plan'), value: plan.planId, name: plan.name }],
    costToBeneficiary: [
      { type: concept(COPAY_TYPE, 'gpvisit', 'GP Office Visit'), valueMoney: money(plan.copayOfficeCents) },
      { type: concept(COPAY_TYPE, 'urgentcare', 'Urgent Care'), valueMoney: money(plan.copayUrgentCents) },
      { type: concept(COPAY_TYPE, 'emergency', 'Emergency'), valueMoney: money(plan.copayEmergencyCents) },
      { type: concept(COPAY_TYPE, 'deductible', 'Deductible'), valueMoney: money(plan.deductibleCents) },
    ],
  };
  if (p.payer.kind === 'commercial') {
    coverage.class?.unshift({ type: concept(SYS.coverageClass, 'group', 'Group'), value: `GRP-${ctx.rng.int(10000, 99999)}`, name: 'Employer group' });
  }
  return coverage;
}

function copayFor(plan: PlanTemplate, kind: CopayKind): number {
  if (kind === 'office') return plan.copayOfficeCents;
  if (kind === 'urgent') return plan.copayUrgentCents;
  return plan.copayEmergencyCents;
}

function adjudicate(ctx: PatientContext, line: ChargeLine, year: number, denial: string | undefined, forceDedCoins: boolean): Adjudicated {
  const plan = ctx.person.plan;
  const submitted = (CPT[line.cpt]?.charge ?? 0) * 100 * line.quantity;
  const allowed = Math.round(submitted * plan.allowedRatio);
  if (denial !== undefined) {
    const noncovered = CARC[denial]?.patientOwes ? allowed : 0;
    return { submitted, eligible: 0, deductible: 0, copay: 0, coinsurance: 0, noncovered, benefit: 0, member: noncovered, denial };
  }
  let deductible = 0;
  let copay = 0;
  let coinsurance = 0;
  if (!line.preventive) {
    if (line.copay) copay = Math.min(copayFor(plan, line.copay), allowed);
    if (copay === 0) {
      const used = ctx.deductibleUsed.get(year) ?? 0;
      deductible = Math.min(Math.max(0, plan.deductibleCents - used), allowed);
      if (forceDedCoins) deductible = Math.round(allowed * 0.4);
      ctx.deductibleUsed.set(year, used + deductible);
      coinsurance = Math.round((allowed - deductible) * plan.coinsurance);
    }
  }
  const benefit = allowed - deductible - copay - coinsurance;
  return { submitted, eligible: allowed, deductible, copay, coinsurance, noncovered: 0, benefit, member: deductible + copay + coinsurance, denial };
}

function cat(system: string, code: string, display: string): CodeableConcept {
  return { coding: [{ system, code, display }] };
}

const CATEGORY = {
  submitted: [SYS.adjudication, 'submitted', 'Submitted Amount'],
  eligible: [SYS.adjudication, 'eligible', 'Eligible Amount'],
  deductible: [SYS.adjudication, 'deductible', 'Deductible'],
  copay: [SYS.adjudication, 'copay', 'CoPay'],
  coinsurance: [SYS.c4bbAdjudication, 'coinsurance', 'Co-insurance'],
  noncovered: [SYS.c4bbAdjudication, 'noncovered', 'Noncovered'],
  benefit: [SYS.adjudication, 'benefit', 'Benefit Amount'],
  memberliability: [SYS.c4bbAdjudication, 'memberliability', 'Member liability'],
  paidtoprovider: [SYS.c4bbAdjudication, 'paidtoprovider', 'Paid to provider'],
} as const;

type CategoryKey = keyof typeof CATEGORY;

function amount(key: CategoryKey, cents: number): ExplanationOfBenefitItemAdjudication {
  const [system, code, display] = CATEGORY[key];
  return { category: cat(system, code, display), amount: money(cents) };
}

function lineAdjudication(a: Adjudicated): ExplanationOfBenefitItemAdjudication[] {
  const list = [
    amount('submitted', a.submitted),
    amount('eligible', a.eligible),
    amount('deductible', a.deductible),
    amount('copay', a.copay),
    amount('coinsurance', a.coinsurance),
    amount('noncovered', a.noncovered),
    amount('benefit', a.benefit),
    amount('memberliability', a.member),
    amount('paidtoprovider', a.benefit),
  ];
  if (a.denial !== undefined) {
    const reason = concept(SYS.carc, a.denial, CARC[a.denial]?.display ?? 'Denied');
    (list[5] as ExplanationOfBenefitItemAdjudication).reason = reason;
    list.push({ category: cat(SYS.c4bbDiscriminator, 'denialreason', 'Denial Reason'), reason: concept(SYS.carc, a.denial, CARC[a.denial]?.display ?? 'Denied') });
  }
  return list;
}

const TOTAL_KEYS: readonly CategoryKey[] = ['submitted', 'eligible', 'deductible', 'copay', 'coinsurance', 'noncovered', 'benefit', 'memberliability'];

function totals(lines: readonly Adjudicated[], memberDelta: number): ExplanationOfBenefitTotal[] {
  const sum = { submitted: 0, eligible: 0, deductible: 0, copay: 0, coinsurance: 0, noncovered: 0, benefit: 0, memberliability: 0, paidtoprovider: 0 };
  for (const a of lines) {
    sum.submitted += a.submitted;
    sum.eligible += a.eligible;
    sum.deductible += a.deductible;
    sum.copay += a.copay;
    sum.coinsurance += a.coinsurance;
    sum.noncovered += a.noncovered;
    sum.benefit += a.benefit;
    sum.memberliability += a.member;
  }
  sum.memberliability += memberDelta;
  return TOTAL_KEYS.map((key) => {
    const [system, code, display] = CATEGORY[key];
    return { category: cat(system, code, display), amount: money(sum[key]) };
  });
}

function productOrService(code: string): CodeableConcept {
  const display = CPT[code]?.display ?? code;
  return { coding: [{ system: SYS.cpt, code, display }], text: display };
}

function pickDenial(rng: Rng, kind: LineKind): string {
  return rng.pick(DENIAL_REASONS[kind]);
}

/** A Claim for the visit and, once adjudicated, its ExplanationOfBenefit. Returns how many resources were added. */
export function bill(ctx: PatientContext, visit: Visit, encounterUrl: string, lines: readonly ChargeLine[], options: BillOptions = {}): number {
  const rng = ctx.rng;
  const p = ctx.person;
  const serviceDate = isoDate(visit.startMs);
  const createdMs = Math.max(visit.endMs + HOUR_MS, Math.min(REFERENCE_MS - HOUR_MS, visit.endMs + rng.int(1, 4) * DAY_MS + rng.int(8, 17) * HOUR_MS));
  // Claim and EOB get their own copies of shared parts, so editing one never changes the other.
  const type = (): CodeableConcept =>
    visit.institutional ? concept(SYS.claimType, 'institutional', 'Institutional') : concept(SYS.claimType, 'professional', 'Professional');
  const provider = (): Reference<Organization> => ref(visit.provider.ref, visit.provider.name);
  const insurer = (): Reference<Organization> => ref(p.payer.org.ref, p.payer.org.name);
  const diagnosis = (): { sequence: number; diagnosisCodeableConcept: CodeableConcept }[] => [
    { sequence: 1, diagnosisCodeableConcept: concept(SYS.icd10cm, visit.diagnosis.code, visit.diagnosis.display) },
  ];
  const careTeam = (): ClaimCareTeam[] => [
    { sequence: 1, provider: ref(visit.practitioner.ref, visit.practitioner.display), role: concept('http://terminology.hl7.org/CodeSystem/claimcareteamrole', 'primary', 'Primary provider') },
  ];
  const billablePeriod = (): { start: string; end: string } => ({ start: isoInstant(visit.startMs), end: isoInstant(visit.endMs) });

  let total = 0;
  const items: ClaimItem[] = lines.map((line, i) => {
    const unit = (CPT[line.cpt]?.charge ?? 0) * 100;
    total += unit * line.quantity;
    const item: ClaimItem = {
      sequence: i + 1,
      careTeamSequence: [1],
      diagnosisSequence: [1],
      productOrService: productOrService(line.cpt),
      servicedDate: serviceDate,
      quantity: { value: line.quantity },
      unitPrice: money(unit),
      net: money(unit * line.quantity),
    };
    if (line.modifier) item.modifier = [{ coding: [{ system: SYS.cpt, code: line.modifier, display: 'Synchronous telemedicine service' }] }];
    return item;
  });
  const claim: Claim = {
    resourceType: 'Claim',
    ...ctx.head(createdMs),
    status: 'active',
    type: type(),
    use: 'claim',
    patient: { reference: ctx.patientUrl },
    billablePeriod: billablePeriod(),
    created: isoInstant(createdMs),
    insurer: insurer(),
    provider: provider(),
    priority: concept(SYS.processPriority, 'normal', 'Normal'),
    careTeam: careTeam(),
    diagnosis: diagnosis(),
    insurance: [{ sequence: 1, focal: true, coverage: { reference: ctx.coverageUrl } }],
    item: items,
    total: money(total),
  };
  const claimUrl = ctx.push(claim);

  const processedMs = createdMs + rng.int(7, 28) * DAY_MS;
  if (options.allowPending !== false && processedMs > REFERENCE_MS) return 1;

  const year = yearOf(visit.startMs);
  let forced = options.forceDeductibleAndCoinsurance === true;
  const adjudicated = lines.map((line, i) => {
    let denial: string | undefined;
    if (options.denyLine === i) denial = pickDenial(rng, line.kind);
    else if (options.denyLine === undefined && !options.noDenials && rng.chance(line.kind === 'visit' ? 0.015 : 0.035)) denial = pickDenial(rng, line.kind);
    const canForce = forced && denial === undefined && !line.preventive && !(line.copay && copayFor(p.plan, line.copay) > 0);
    if (canForce) forced = false;
    return adjudicate(ctx, line, year, denial, canForce);
  });
  const denied = adjudicated.filter((a) => a.denial !== undefined).length;
  const memberDelta = options.totalsMismatch ? rng.int(300, 900) : 0;
  let benefit = 0;
  for (const a of adjudicated) benefit += a.benefit;

  const eob: ExplanationOfBenefit = {
    resourceType: 'ExplanationOfBenefit',
    ...ctx.head(processedMs),
    status: 'active',
    type: type(),
    use: 'claim',
    patient: { reference: ctx.patientUrl },
    billablePeriod: billablePeriod(),
    created: isoInstant(processedMs),
    insurer: insurer(),
    provider: provider(),
    claim: { reference: claimUrl },
    outcome: denied > 0 && denied < lines.length ? 'partial' : 'complete',
    disposition: denied === 0 ? 'Processed' : denied === lines.length ? 'Denied' : 'Processed; some lines denied',
    careTeam: careTeam(),
    diagnosis: diagnosis(),
    insurance: [{ focal: true, coverage: { reference: ctx.coverageUrl } }],
    item: lines.map((line, i) => ({
      sequence: i + 1,
      careTeamSequence: [1],
      diagnosisSequence: [1],
      productOrService: productOrService(line.cpt),
      servicedDate: serviceDate,
      quantity: { value: line.quantity },
      net: money((CPT[line.cpt]?.charge ?? 0) * 100 * line.quantity),
      adjudication: lineAdjudication(adjudicated[i] as Adjudicated),
    })),
    total: totals(adjudicated, memberDelta),
    payment: {
      type: concept('http://terminology.hl7.org/CodeSystem/ex-paymenttype', denied === 0 ? 'complete' : 'partial', denied === 0 ? 'Complete' : 'Partial'),
      date: isoDate(processedMs),
      amount: money(benefit),
    },
  };
  if (options.totalsMismatch) eob.meta = { ...eob.meta, tag: [{ system: SYS.demoTag, code: 'totals-mismatch', display: 'Totals deliberately disagree with lines' }] };
  ctx.push(eob);
  return 2;
}
