import type {
  CodeableConcept,
  Claim,
  ClaimCareTeam,
  ClaimItem,
  Coverage,
  ExplanationOfBenefit,
  ExplanationOfBenefitItem,
  ExplanationOfBenefitItemAdjudication,
  ExplanationOfBenefitTotal,
  Organization,
  Reference,
} from '@medplum/fhirtypes';
import { CARC, CPT, DENIAL_REASONS, DRUGS, type Diagnosis, type DrugKey, type MedKey } from './catalog';
import type { ActiveCondition } from './clinical';
import type { PatientContext } from './context';
import type { OrgInfo, PayerInfo, PlanTemplate, PractitionerInfo } from './directory';
import { SYS, concept, money, ref } from './fhir';
import type { CoverageInfo } from './people';
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
  /** NUBC revenue code, for a line of a hospital (institutional) claim. */
  revenue?: readonly [string, string];
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
  /**
   * The clinician is outside the plan's network but treated the patient at an in-network hospital: the plan allows its
   * own (lower) amount and the patient owes in-network cost sharing only (No Surprises Act).
   */
  outOfNetwork?: boolean;
  /** The payer first issues an EOB with wrong amounts, marks it entered-in-error and issues the corrected one. */
  correction?: boolean;
  /** The copay was collected at the front desk (paidbypatient). Undefined: decided at random. */
  copayCollected?: boolean;
}

export interface Visit {
  startMs: number;
  endMs: number;
  institutional: boolean;
  /** An emergency department visit: place of service 23 on every line (and revenue 045x on a hospital claim). */
  emergency: boolean;
  provider: OrgInfo;
  practitioner: PractitionerInfo;
  diagnosis: Diagnosis;
}

/** One adjudicated line, in cents. */
interface Adjudicated {
  submitted: number;
  eligible: number;
  deductible: number;
  copay: number;
  coinsurance: number;
  /** Not paid by this payer: a denied line's charge, or a write-off the payer reports (see `adjustment`). */
  noncovered: number;
  /** CARC of a denial (the whole line). */
  denial: string | undefined;
  /** CARC behind a not-covered amount that is not a denial: a contractual write-off (45), another payer's impact (23). */
  adjustment: string | undefined;
  benefit: number;
  /** What a second payer states the first one paid. */
  priorPayer: number | undefined;
  /** deductible + copay + coinsurance + the not-covered amount when its reason puts it on the patient (group PR). */
  member: number;
  /** Collected from the patient already (a copay at the front desk). */
  paidByPatient: number;
}

const COPAY_TYPE = 'http://terminology.hl7.org/CodeSystem/coverage-copay-type';
/** Charges of the outside emergency physician group, against the health system's own. */
const OUT_OF_NETWORK_CHARGE = 1.35;
/** The plan's allowed amount for an out-of-network clinician, against its contracted one (a qualifying payment amount). */
const OUT_OF_NETWORK_ALLOWED = 0.85;

function patientOwes(code: string | undefined): boolean {
  return code !== undefined && CARC[code]?.group === 'PR';
}

/** What a line's adjudication is made from: `adjudicated` works out the payer's payment and the member's part. */
type Amounts = Pick<Adjudicated, 'submitted' | 'eligible' | 'deductible' | 'copay' | 'coinsurance' | 'noncovered'> & {
  denial?: string;
  adjustment?: string;
  priorPayer?: number;
};

/** A line with its member liability: the cost sharing, plus the not-covered amount only when its reason is the patient's. */
function adjudicated(x: Amounts): Adjudicated {
  // One object shape for every line (generation speed matters: the benchmark builds millions of resources).
  const a: Adjudicated = {
    submitted: x.submitted,
    eligible: x.eligible,
    deductible: x.deductible,
    copay: x.copay,
    coinsurance: x.coinsurance,
    noncovered: x.noncovered,
    denial: x.denial,
    adjustment: x.adjustment,
    benefit: x.eligible - (x.priorPayer ?? 0) - x.deductible - x.copay - x.coinsurance,
    priorPayer: x.priorPayer,
    member: 0,
    paidByPatient: 0,
  };
  a.member = a.deductible + a.copay + a.coinsurance + (patientOwes(a.denial) || patientOwes(a.adjustment) ? a.noncovered : 0);
  return a;
}

// ---------- Coverage ----------

const REL = { self: 'Self', spouse: 'Spouse', child: 'Child' } as const;

/** A Coverage for one plan the person holds; `order` only when the person has more than one medical plan. */
export function coverageResource(
  ctx: PatientContext,
  info: CoverageInfo = { payer: ctx.person.payer, plan: ctx.person.plan, memberId: ctx.person.memberId },
  order?: number,
): Coverage {
  const p = ctx.person;
  const plan = info.plan;
  const coverage: Coverage = {
    resourceType: 'Coverage',
    ...ctx.head(p.coverageStartMs + 2 * DAY_MS),
    identifier: [{ type: concept(SYS.identifierType, 'MB', 'Member Number'), system: info.payer.memberSystem, value: info.memberId }],
    status: 'active',
    type: concept(SYS.sopt, plan.sopt.code, plan.sopt.display),
    subscriberId: info.memberId,
    beneficiary: { reference: ctx.patientUrl },
    relationship: concept(SYS.subscriberRelationship, p.relationship, REL[p.relationship]),
    period: { start: isoDate(p.coverageStartMs) },
    payor: [ref(info.payer.org.ref, info.payer.org.name)],
    class: [{ type: concept(SYS.coverageClass, 'plan', 'Plan'), value: plan.planId, name: plan.name }],
  };
  if (order !== undefined) coverage.order = order;
  if (info.payer.kind !== 'partD' && info.payer.kind !== 'supplement') {
    coverage.costToBeneficiary = [
      { type: concept(COPAY_TYPE, 'gpvisit', 'GP Office Visit'), valueMoney: money(plan.copayOfficeCents) },
      { type: concept(COPAY_TYPE, 'urgentcare', 'Urgent Care'), valueMoney: money(plan.copayUrgentCents) },
      { type: concept(COPAY_TYPE, 'emergency', 'Emergency'), valueMoney: money(plan.copayEmergencyCents) },
      { type: concept(COPAY_TYPE, 'deductible', 'Deductible'), valueMoney: money(plan.deductibleCents) },
    ];
    if (plan.oopMaxCents > 0)
      coverage.costToBeneficiary.push({ type: concept(COPAY_TYPE, 'maxoutofpocket', 'Maximum out of pocket'), valueMoney: money(plan.oopMaxCents) });
  }
  if (info.payer.kind === 'commercial') {
    coverage.class?.unshift({ type: concept(SYS.coverageClass, 'group', 'Group'), value: `GRP-${ctx.rng.int(10000, 99999)}`, name: 'Employer group' });
  }
  return coverage;
}

/** An uninsured patient's self-pay coverage (SOPT 81): the patient is the payor. */
export function selfPayCoverage(ctx: PatientContext): Coverage {
  const p = ctx.person;
  return {
    resourceType: 'Coverage',
    ...ctx.head(p.coverageStartMs + 2 * DAY_MS),
    status: 'active',
    type: concept(SYS.sopt, '81', 'Self-pay'),
    beneficiary: { reference: ctx.patientUrl },
    relationship: concept(SYS.subscriberRelationship, 'self', 'Self'),
    period: { start: isoDate(p.coverageStartMs) },
    payor: [{ reference: ctx.patientUrl, display: 'Self-pay' }],
  };
}

/** Pushes the person's Coverage resources and records their references on the context. */
export function emitCoverages(ctx: PatientContext): void {
  const p = ctx.person;
  if (p.selfPay) {
    ctx.coverageUrl = ctx.push(selfPayCoverage(ctx));
    return;
  }
  ctx.coverageUrl = ctx.push(coverageResource(ctx, undefined, p.secondary ? 1 : undefined));
  if (p.secondary) ctx.secondaryCoverageUrl = ctx.push(coverageResource(ctx, p.secondary, 2));
  ctx.drugCoverageUrl = p.drug ? ctx.push(coverageResource(ctx, p.drug)) : ctx.coverageUrl;
}

// ---------- Adjudication ----------

function copayFor(plan: PlanTemplate, kind: CopayKind): number {
  if (kind === 'office') return plan.copayOfficeCents;
  if (kind === 'urgent') return plan.copayUrgentCents;
  return plan.copayEmergencyCents;
}

/** Medicaid, a dual-eligible plan, or Medicaid paying a QMB's Medicare cost sharing: no cost sharing may be billed. */
function isProtected(ctx: PatientContext): boolean {
  const p = ctx.person;
  return p.payer.kind === 'medicaid' || p.plan.sopt.code === '14' || p.secondary?.plan.secondaryRule === 'qmb';
}

/**
 * Deductible, copay and coinsurance for one line under the primary plan: the deductible never exceeds what remains of
 * the year's deductible, and nothing passes the out-of-pocket maximum. An estimate leaves the year's totals alone.
 */
function costShare(
  ctx: PatientContext,
  line: ChargeLine,
  allowed: number,
  year: number,
  forced: boolean,
  estimate: boolean,
): { deductible: number; copay: number; coinsurance: number } {
  const plan = ctx.person.plan;
  if (line.preventive) return { deductible: 0, copay: 0, coinsurance: 0 };
  const oopUsed = ctx.outOfPocketUsed.get(year) ?? 0;
  const oopLeft = plan.oopMaxCents > 0 ? Math.max(0, plan.oopMaxCents - oopUsed) : Number.MAX_SAFE_INTEGER;
  const dedUsed = ctx.deductibleUsed.get(year) ?? 0;
  let deductible = 0;
  let copay = 0;
  let coinsurance = 0;
  if (line.copay) copay = Math.min(copayFor(plan, line.copay), allowed, oopLeft);
  if (copay === 0) {
    const dedLeft = Math.max(0, plan.deductibleCents - dedUsed);
    // Forced (a showcase): only part of the line goes to the deductible, so coinsurance applies to the rest.
    deductible = Math.min(dedLeft, forced ? Math.round(allowed * 0.4) : allowed, oopLeft);
    coinsurance = Math.min(Math.round((allowed - deductible) * plan.coinsurance), oopLeft - deductible);
  }
  if (!estimate) {
    ctx.deductibleUsed.set(year, dedUsed + deductible);
    ctx.outOfPocketUsed.set(year, oopUsed + deductible + copay + coinsurance);
  }
  return { deductible, copay, coinsurance };
}

function lineCharge(line: ChargeLine, factor: number): number {
  return Math.round((CPT[line.cpt]?.charge ?? 0) * 100 * factor) * line.quantity;
}

interface LineSetting {
  year: number;
  forced: boolean;
  estimate: boolean;
  outOfNetwork: boolean;
  writeOff: boolean;
  chargeFactor: number;
}

function adjudicatePrimary(ctx: PatientContext, line: ChargeLine, denial: string | undefined, s: LineSetting): Adjudicated {
  const plan = ctx.person.plan;
  const submitted = lineCharge(line, s.chargeFactor);
  const allowed = Math.round(submitted * plan.allowedRatio * (s.outOfNetwork ? OUT_OF_NETWORK_ALLOWED / s.chargeFactor : 1));
  if (denial !== undefined) {
    // The payer allows nothing; the whole charge is not covered. A PR reason (not a plan benefit, no coverage, out of
    // network) leaves the provider free to bill its full charge; a CO reason makes it the provider's write-off.
    return adjudicated({ submitted, eligible: 0, deductible: 0, copay: 0, coinsurance: 0, noncovered: submitted, denial });
  }
  const cs = costShare(ctx, line, allowed, s.year, s.forced, s.estimate);
  const writeOff = s.writeOff ? submitted - allowed : 0;
  const a: Amounts = { submitted, eligible: allowed, deductible: cs.deductible, copay: cs.copay, coinsurance: cs.coinsurance, noncovered: writeOff };
  if (writeOff > 0) a.adjustment = '45';
  return adjudicated(a);
}

/** The second payer's view of a line the first payer adjudicated. */
function adjudicateSecondary(ctx: PatientContext, line: ChargeLine, first: Adjudicated, year: number): Adjudicated {
  const second = ctx.person.secondary as CoverageInfo;
  const plan = second.plan;
  const none = { deductible: 0, copay: 0, coinsurance: 0 };
  if (first.denial !== undefined) {
    // Denied by the first payer: the second one follows it, and the patient's part is unchanged.
    return adjudicated({ submitted: first.submitted, eligible: 0, ...none, noncovered: first.submitted, denial: first.denial, priorPayer: 0 });
  }
  const remaining = first.deductible + first.copay + first.coinsurance;
  const prior = first.benefit;
  let eligible = first.eligible;
  let cs = { ...none };
  let noncovered = 0;
  let adjustment: string | undefined;
  switch (plan.secondaryRule) {
    case 'medigapG':
      // Plan G pays everything Medicare leaves except the Part B deductible.
      cs = { ...none, deductible: first.deductible };
      break;
    case 'medigapN': {
      cs = { ...none, deductible: first.deductible };
      const copay = line.copay === 'emergency' ? plan.copayEmergencyCents : line.copay ? plan.copayOfficeCents : 0;
      cs.copay = Math.min(copay, remaining - cs.deductible);
      break;
    }
    case 'qmb': {
      // Medicaid pays the Medicare cost sharing only up to its own rate ("lesser of"); the provider may not bill a QMB
      // for the rest, so it is not covered with an other-adjustment reason, and nothing is the patient's.
      const medicaidRate = Math.round(first.submitted * plan.allowedRatio);
      const pays = Math.min(remaining, Math.max(0, medicaidRate - prior));
      eligible = prior + pays;
      noncovered = first.eligible - eligible;
      adjustment = noncovered > 0 ? '23' : undefined;
      break;
    }
    case 'standard': {
      if (line.preventive) break;
      const used = ctx.secondaryDeductibleUsed.get(year) ?? 0;
      cs.copay = line.copay ? Math.min(copayFor(plan, line.copay), remaining) : 0;
      if (cs.copay === 0) {
        cs.deductible = Math.min(Math.max(0, plan.deductibleCents - used), remaining);
        cs.coinsurance = Math.round((remaining - cs.deductible) * plan.coinsurance);
      }
      ctx.secondaryDeductibleUsed.set(year, used + cs.deductible);
      break;
    }
  }
  const a: Amounts = {
    submitted: first.submitted,
    eligible,
    deductible: cs.deductible,
    copay: cs.copay,
    coinsurance: cs.coinsurance,
    noncovered,
    priorPayer: prior,
  };
  if (adjustment) a.adjustment = adjustment;
  return adjudicated(a);
}

/** An EOB issued by mistake: the wrong fee schedule (a higher allowed amount), the same cost sharing. */
function mistaken(a: Adjudicated, ratio: number, writeOff: boolean): Adjudicated {
  if (a.denial !== undefined) return a;
  const eligible = Math.min(a.submitted, Math.round(a.submitted * (ratio + 0.12)));
  const noncovered = writeOff ? a.submitted - eligible : 0;
  const wrong: Amounts = { submitted: a.submitted, eligible, deductible: a.deductible, copay: a.copay, coinsurance: a.coinsurance, noncovered };
  if (noncovered > 0) wrong.adjustment = '45';
  return { ...adjudicated(wrong), paidByPatient: a.paidByPatient };
}

// ---------- Denials ----------

const NOT_IN_EMERGENCY = new Set(['242', '197', '27']);

/**
 * A denial reason for a line. Emergency care needs no prior authorization and has no network limits (No Surprises
 * Act), so 242/197/27 are never drawn for it; Original Medicare and Medicaid have no such network denial (242); a
 * Medicaid or QMB patient is never handed a patient-responsibility denial.
 */
function pickDenial(ctx: PatientContext, line: ChargeLine, emergency: boolean): string {
  const p = ctx.person;
  const network = p.payer.kind === 'commercial' || (p.payer.kind === 'advantage' && p.plan.sopt.code !== '14');
  const guarded = isProtected(ctx);
  const pool = DENIAL_REASONS[line.kind].filter((code) => {
    if (emergency && NOT_IN_EMERGENCY.has(code)) return false;
    if (code === '242' && !network) return false;
    if (code === '4' && !line.modifier) return false;
    return !(guarded && CARC[code]?.group === 'PR');
  });
  return ctx.rng.pick(pool);
}

// ---------- EOB resources ----------

function cat(system: string, code: string, display: string): CodeableConcept {
  return { coding: [{ system, code, display }] };
}

const CATEGORY = {
  submitted: [SYS.adjudication, 'submitted', 'Submitted Amount'],
  drugcost: [SYS.c4bbAdjudication, 'drugcost', 'Drug cost'],
  discount: [SYS.c4bbAdjudication, 'discount', 'Discount'],
  eligible: [SYS.adjudication, 'eligible', 'Eligible Amount'],
  deductible: [SYS.adjudication, 'deductible', 'Deductible'],
  copay: [SYS.adjudication, 'copay', 'CoPay'],
  coinsurance: [SYS.c4bbAdjudication, 'coinsurance', 'Co-insurance'],
  noncovered: [SYS.c4bbAdjudication, 'noncovered', 'Noncovered'],
  priorpayerpaid: [SYS.c4bbAdjudication, 'priorpayerpaid', 'Prior payer paid'],
  benefit: [SYS.adjudication, 'benefit', 'Benefit Amount'],
  memberliability: [SYS.c4bbAdjudication, 'memberliability', 'Member liability'],
  paidtoprovider: [SYS.c4bbAdjudication, 'paidtoprovider', 'Paid to provider'],
  paidbypatient: [SYS.c4bbAdjudication, 'paidbypatient', 'Paid by patient'],
} as const;

type CategoryKey = keyof typeof CATEGORY;

function amount(key: CategoryKey, cents: number): ExplanationOfBenefitItemAdjudication {
  const [system, code, display] = CATEGORY[key];
  return { category: cat(system, code, display), amount: money(cents) };
}

function carcConcept(code: string): CodeableConcept {
  return concept(SYS.carc, code, CARC[code]?.display ?? code);
}

interface Presentation {
  memberLiability: boolean;
  /** Paid (a claim) rather than estimated (a predetermination). */
  payment: boolean;
}

function lineAdjudication(a: Adjudicated, show: Presentation): ExplanationOfBenefitItemAdjudication[] {
  const noncovered = amount('noncovered', a.noncovered);
  const list = [
    amount('submitted', a.submitted),
    amount('eligible', a.eligible),
    amount('deductible', a.deductible),
    amount('copay', a.copay),
    amount('coinsurance', a.coinsurance),
    noncovered,
  ];
  if (a.priorPayer !== undefined) list.push(amount('priorpayerpaid', a.priorPayer));
  list.push(amount('benefit', a.benefit));
  if (show.memberLiability) list.push(amount('memberliability', a.member));
  if (show.payment) list.push(amount('paidtoprovider', a.benefit));
  if (a.paidByPatient > 0) list.push(amount('paidbypatient', a.paidByPatient));
  if (a.denial !== undefined) {
    noncovered.reason = carcConcept(a.denial);
    list.push({ category: cat(SYS.c4bbDiscriminator, 'denialreason', 'Denial Reason'), reason: carcConcept(a.denial) });
  } else if (a.adjustment !== undefined) {
    list.push({ category: cat(SYS.c4bbDiscriminator, 'adjustmentreason', 'Adjustment Reason'), reason: carcConcept(a.adjustment) });
  }
  return list;
}

const CATEGORY_KEYS = Object.keys(CATEGORY) as CategoryKey[];
const CATEGORY_INDEX = new Map<string, number>(CATEGORY_KEYS.map((k, i) => [k, i]));

/** Header totals: the sum of the lines for every category the lines carry. */
function totals(items: readonly ExplanationOfBenefitItem[], memberDelta: number): ExplanationOfBenefitTotal[] {
  const sums: (number | undefined)[] = new Array<number | undefined>(CATEGORY_KEYS.length);
  for (const item of items) {
    for (const a of item.adjudication ?? []) {
      if (!a.amount) continue;
      const i = CATEGORY_INDEX.get(a.category.coding?.[0]?.code ?? '');
      if (i !== undefined) sums[i] = (sums[i] ?? 0) + Math.round((a.amount.value ?? 0) * 100);
    }
  }
  const out: ExplanationOfBenefitTotal[] = [];
  CATEGORY_KEYS.forEach((key, i) => {
    const sum = sums[i];
    if (sum === undefined) return;
    const [system, code, display] = CATEGORY[key];
    out.push({ category: cat(system, code, display), amount: money(key === 'memberliability' ? sum + memberDelta : sum) });
  });
  return out;
}

function networkStatus(inNetwork: boolean): ExplanationOfBenefitItemAdjudication[] {
  return [
    {
      category: cat(SYS.c4bbDiscriminator, 'benefitpaymentstatus', 'Benefit Payment Status'),
      reason: inNetwork
        ? concept(SYS.payerAdjudicationStatus, 'innetwork', 'In Network')
        : concept(SYS.payerAdjudicationStatus, 'outofnetwork', 'Out Of Network'),
    },
  ];
}

function productOrService(code: string): CodeableConcept {
  const display = CPT[code]?.display ?? code;
  return { coding: [{ system: SYS.cpt, code, display }], text: display };
}

/** Where and how a line was billed: place of service 23 for emergency care, a revenue code on a hospital claim. */
function setLineSetting(item: Pick<ClaimItem, 'revenue' | 'locationCodeableConcept'>, visit: Visit, line: ChargeLine): void {
  if (visit.institutional && line.revenue) item.revenue = concept(SYS.revenue, line.revenue[0], line.revenue[1]);
  if (visit.emergency) item.locationCodeableConcept = concept(SYS.placeOfService, '23', 'Emergency Room - Hospital');
}

interface EobSpec {
  status: 'active' | 'entered-in-error' | 'cancelled';
  use: 'claim' | 'predetermination';
  createdMs: number;
  /** When the resource was last changed (an entry marked in error later). */
  updatedMs: number;
  payer: PayerInfo;
  insurance: ExplanationOfBenefit['insurance'];
  inNetwork: boolean;
  lines: readonly Adjudicated[];
  claimUrl: string | undefined;
  show: Presentation;
  memberDelta: number;
  disposition?: string;
}

function eobResource(
  ctx: PatientContext,
  visit: Visit,
  lines: readonly ChargeLine[],
  spec: EobSpec,
  shared: ReturnType<typeof sharedParts>,
): ExplanationOfBenefit {
  const denied = spec.lines.filter((a) => a.denial !== undefined).length;
  const items: ExplanationOfBenefitItem[] = lines.map((line, i) => {
    const item: ExplanationOfBenefitItem = {
      sequence: i + 1,
      careTeamSequence: [1],
      diagnosisSequence: [1],
      productOrService: productOrService(line.cpt),
      servicedDate: isoDate(visit.startMs),
      quantity: { value: line.quantity },
      net: money((spec.lines[i] as Adjudicated).submitted),
      adjudication: lineAdjudication(spec.lines[i] as Adjudicated, spec.show),
    };
    setLineSetting(item, visit, line);
    return item;
  });
  let benefit = 0;
  for (const a of spec.lines) benefit += a.benefit;
  const eob: ExplanationOfBenefit = {
    resourceType: 'ExplanationOfBenefit',
    ...ctx.head(spec.updatedMs),
    status: spec.status,
    type: shared.type(),
    use: spec.use,
    patient: { reference: ctx.patientUrl },
    billablePeriod: shared.billablePeriod(),
    created: isoInstant(spec.createdMs),
    insurer: ref(spec.payer.org.ref, spec.payer.org.name),
    provider: shared.provider(),
    outcome: denied > 0 && denied < lines.length ? 'partial' : 'complete',
    disposition: spec.disposition ?? (denied === 0 ? 'Processed' : denied === lines.length ? 'Denied' : 'Processed; some lines denied'),
    careTeam: shared.careTeam(),
    diagnosis: shared.diagnosis(),
    insurance: spec.insurance,
    adjudication: networkStatus(spec.inNetwork),
    item: items,
    total: totals(items, spec.memberDelta),
  };
  if (spec.claimUrl) eob.claim = { reference: spec.claimUrl };
  if (spec.show.payment) {
    eob.payment = {
      type: concept(SYS.paymentType, denied === 0 ? 'complete' : 'partial', denied === 0 ? 'Complete' : 'Partial'),
      date: isoDate(spec.createdMs),
      amount: money(benefit),
    };
  }
  return eob;
}

/** Parts the Claim and its EOBs share; each call returns a fresh copy, so editing one resource never changes another. */
function sharedParts(ctx: PatientContext, visit: Visit) {
  return {
    type: (): CodeableConcept =>
      visit.institutional ? concept(SYS.claimType, 'institutional', 'Institutional') : concept(SYS.claimType, 'professional', 'Professional'),
    provider: (): Reference<Organization> => ref(visit.provider.ref, visit.provider.name),
    diagnosis: (): { sequence: number; diagnosisCodeableConcept: CodeableConcept }[] => [
      { sequence: 1, diagnosisCodeableConcept: concept(SYS.icd10cm, visit.diagnosis.code, visit.diagnosis.display) },
    ],
    careTeam: (): ClaimCareTeam[] => [
      { sequence: 1, provider: ref(visit.practitioner.ref, visit.practitioner.display), role: concept(SYS.claimCareTeamRole, 'primary', 'Primary provider') },
    ],
    billablePeriod: (): { start: string; end: string } => ({ start: isoInstant(visit.startMs), end: isoInstant(visit.endMs) }),
  };
}

// ---------- Claims ----------

/** A Claim for the visit and, once adjudicated, its ExplanationOfBenefit(s). Returns how many resources were added. */
export function bill(ctx: PatientContext, visit: Visit, encounterUrl: string, lines: readonly ChargeLine[], options: BillOptions = {}): number {
  const rng = ctx.rng;
  const p = ctx.person;
  const random = p.role === undefined;
  const chargeFactor = options.outOfNetwork ? OUT_OF_NETWORK_CHARGE : 1;
  const serviceDate = isoDate(visit.startMs);
  const createdMs = Math.max(visit.endMs + HOUR_MS, Math.min(REFERENCE_MS - HOUR_MS, visit.endMs + rng.int(1, 4) * DAY_MS + rng.int(8, 17) * HOUR_MS));
  const shared = sharedParts(ctx, visit);

  let total = 0;
  const items: ClaimItem[] = lines.map((line, i) => {
    const unit = Math.round((CPT[line.cpt]?.charge ?? 0) * 100 * chargeFactor);
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
    setLineSetting(item, visit, line);
    if (line.modifier) item.modifier = [{ coding: [{ system: SYS.cpt, code: line.modifier, display: 'Synchronous telemedicine service' }] }];
    return item;
  });
  const insurance: Claim['insurance'] = [{ sequence: 1, focal: true, coverage: { reference: ctx.coverageUrl } }];
  if (ctx.secondaryCoverageUrl) insurance.push({ sequence: 2, focal: false, coverage: { reference: ctx.secondaryCoverageUrl } });
  const claim: Claim = {
    resourceType: 'Claim',
    ...ctx.head(createdMs),
    status: 'active',
    type: shared.type(),
    use: 'claim',
    patient: { reference: ctx.patientUrl },
    billablePeriod: shared.billablePeriod(),
    created: isoInstant(createdMs),
    provider: shared.provider(),
    priority: concept(SYS.processPriority, 'normal', 'Normal'),
    careTeam: shared.careTeam(),
    diagnosis: shared.diagnosis(),
    insurance,
    item: items,
    total: money(total),
  };
  // An uninsured patient's claim names no insurer, and no plan ever adjudicates it.
  if (!p.selfPay) claim.insurer = ref(p.payer.org.ref, p.payer.org.name);
  const claimUrl = ctx.push(claim);
  if (p.selfPay) return 1;

  const processedMs = createdMs + rng.int(7, 28) * DAY_MS;
  if (options.allowPending !== false && processedMs > REFERENCE_MS) return 1;

  const year = yearOf(visit.startMs);
  const style = p.plainBilling ? { writeOff: false, memberLiability: true } : p.payer.style;
  let forced = options.forceDeductibleAndCoinsurance === true;
  const adjudicated = lines.map((line, i) => {
    let denial: string | undefined;
    if (options.denyLine === i) denial = pickDenial(ctx, line, visit.emergency);
    else if (options.denyLine === undefined && !options.noDenials && rng.chance(line.kind === 'visit' ? 0.015 : 0.035))
      denial = pickDenial(ctx, line, visit.emergency);
    const canForce = forced && denial === undefined && !line.preventive && !(line.copay && copayFor(p.plan, line.copay) > 0);
    if (canForce) forced = false;
    return adjudicatePrimary(ctx, line, denial, {
      year,
      forced: canForce,
      estimate: false,
      outOfNetwork: options.outOfNetwork === true,
      writeOff: style.writeOff,
      chargeFactor,
    });
  });
  // A copay collected at the front desk (never with a second payer, which may pay it).
  const collected = options.copayCollected ?? (random && !p.secondary && rng.chance(0.5));
  if (collected) {
    lines.forEach((line, i) => {
      const a = adjudicated[i] as Adjudicated;
      if ((line.copay === 'office' || line.copay === 'urgent') && a.copay > 0) a.paidByPatient = a.copay;
    });
  }

  const primaryInsurance = (): ExplanationOfBenefit['insurance'] => [{ focal: true, coverage: { reference: ctx.coverageUrl } }];
  const show = { memberLiability: style.memberLiability, payment: true };
  const inNetwork = options.outOfNetwork !== true;
  let added = 1;
  let finalMs = processedMs;
  const correction = options.correction ?? (random && rng.chance(0.015) && processedMs + 25 * DAY_MS < REFERENCE_MS);
  if (correction) {
    // The first EOB used the wrong fee schedule; the payer marks it entered-in-error and sends the corrected one.
    finalMs = Math.min(REFERENCE_MS - 2 * HOUR_MS, processedMs + rng.int(6, 20) * DAY_MS);
    const wrong = adjudicated.map((a) => mistaken(a, p.plan.allowedRatio, style.writeOff));
    ctx.push(
      eobResource(
        ctx,
        visit,
        lines,
        {
          status: 'entered-in-error',
          use: 'claim',
          createdMs: processedMs,
          updatedMs: finalMs,
          payer: p.payer,
          insurance: primaryInsurance(),
          inNetwork,
          lines: wrong,
          claimUrl,
          show,
          memberDelta: 0,
        },
        shared,
      ),
    );
    added++;
  }
  const primary = eobResource(
    ctx,
    visit,
    lines,
    {
      status: 'active',
      use: 'claim',
      createdMs: finalMs,
      updatedMs: finalMs,
      payer: p.payer,
      insurance: primaryInsurance(),
      inNetwork,
      lines: adjudicated,
      claimUrl,
      show,
      memberDelta: options.totalsMismatch ? rng.int(300, 900) : 0,
    },
    shared,
  );
  if (options.totalsMismatch)
    primary.meta = { ...primary.meta, tag: [{ system: SYS.demoTag, code: 'totals-mismatch', display: 'Totals deliberately disagree with lines' }] };
  ctx.push(primary);
  added++;

  const second = p.secondary;
  if (second) {
    let secondMs = finalMs + rng.int(5, 20) * DAY_MS;
    if (options.allowPending === false) secondMs = Math.min(secondMs, REFERENCE_MS - HOUR_MS);
    if (secondMs <= REFERENCE_MS) {
      const secondLines = lines.map((line, i) => adjudicateSecondary(ctx, line, adjudicated[i] as Adjudicated, year));
      const secondStyle = p.plainBilling ? true : second.payer.style.memberLiability;
      ctx.push(
        eobResource(
          ctx,
          visit,
          lines,
          {
            status: 'active',
            use: 'claim',
            createdMs: secondMs,
            updatedMs: secondMs,
            payer: second.payer,
            insurance: [
              { focal: false, coverage: { reference: ctx.coverageUrl } },
              { focal: true, coverage: { reference: ctx.secondaryCoverageUrl } },
            ],
            inNetwork,
            lines: secondLines,
            claimUrl,
            show: { memberLiability: secondStyle, payment: true },
            memberDelta: 0,
            disposition: 'Processed as secondary payer',
          },
          shared,
        ),
      );
      added++;
    }
  }
  return added;
}

// ---------- Predeterminations ----------

const PLANNED: readonly { condition: string; lines: readonly ChargeLine[]; minAge: number }[] = [
  { condition: 'osteoarthritis', lines: [{ cpt: '73721', quantity: 1, kind: 'procedure', preventive: false }], minAge: 18 },
  { condition: 'osteoarthritis', lines: [{ cpt: '29881', quantity: 1, kind: 'procedure', preventive: false }], minAge: 30 },
  { condition: 'osteoarthritis', lines: [{ cpt: '27447', quantity: 1, kind: 'procedure', preventive: false }], minAge: 55 },
  { condition: 'backPain', lines: [{ cpt: '72148', quantity: 1, kind: 'procedure', preventive: false }], minAge: 18 },
];

/**
 * A plan's estimate for planned care (an MRI, knee surgery): use predetermination, created before the service, with
 * estimated amounts and no payment. Some are later cancelled (the care was called off). Returns resources added.
 */
export function emitPredeterminations(ctx: PatientContext, conditions: readonly ActiveCondition[]): number {
  const p = ctx.person;
  const rng = ctx.rng;
  const forced = p.role === 'predetermination';
  if (p.selfPay || p.plainBilling || p.child || !(p.payer.kind === 'commercial' || p.payer.kind === 'advantage')) return 0;
  if (!forced && p.role !== undefined) return 0;
  const active = new Set(conditions.filter((c) => c.active).map((c) => c.def.key));
  const options = PLANNED.filter((o) => active.has(o.condition) && p.age >= o.minAge);
  if (options.length === 0 || (!forced && !rng.chance(0.35))) return 0;
  const planned = forced ? (options[0] as (typeof PLANNED)[number]) : rng.pick(options);
  const startMs = REFERENCE_MS + rng.int(10, 50) * DAY_MS + rng.int(13, 20) * HOUR_MS;
  const createdMs = REFERENCE_MS - rng.int(2, 25) * DAY_MS - rng.int(1, 8) * HOUR_MS;
  const visit: Visit = {
    startMs,
    endMs: startMs + HOUR_MS,
    institutional: false,
    emergency: false,
    provider: ctx.dir.hospital,
    practitioner: p.pcp,
    diagnosis: {
      code: planned.condition === 'backPain' ? 'M54.50' : 'M17.9',
      display: planned.condition === 'backPain' ? 'Low back pain, unspecified' : 'Osteoarthritis of knee, unspecified',
    },
  };
  const style = p.payer.style;
  const year = yearOf(startMs);
  const lines = planned.lines.map((line) =>
    adjudicatePrimary(ctx, line, undefined, { year, forced: false, estimate: true, outOfNetwork: false, writeOff: style.writeOff, chargeFactor: 1 }),
  );
  const cancelled = !forced && rng.chance(0.2);
  ctx.push(
    eobResource(
      ctx,
      visit,
      planned.lines,
      {
        status: cancelled ? 'cancelled' : 'active',
        use: 'predetermination',
        createdMs,
        updatedMs: cancelled ? Math.min(REFERENCE_MS - HOUR_MS, createdMs + 3 * DAY_MS) : createdMs,
        payer: p.payer,
        insurance: [{ focal: true, coverage: { reference: ctx.coverageUrl } }],
        inNetwork: true,
        lines,
        claimUrl: undefined,
        show: { memberLiability: style.memberLiability, payment: false },
        memberDelta: 0,
        disposition: 'Predetermination: an estimate, not a payment',
      },
      sharedParts(ctx, visit),
    ),
  );
  return 1;
}

// ---------- Pharmacy ----------

export interface ActiveOrder {
  key: MedKey;
  url: string;
  authoredMs: number;
  prescriber: { ref: string; display: string };
}

function isDrugKey(key: string): key is DrugKey {
  return key in DRUGS;
}

/**
 * Prescription fills of the active chronic orders, as pharmacy EOBs: the NDC dispensed, the gross drug cost, the plan's
 * discount, what the plan paid the pharmacy and the copay or coinsurance the patient paid at the counter.
 */
export function emitPharmacyFills(ctx: PatientContext, orders: readonly ActiveOrder[]): number {
  const p = ctx.person;
  const rng = ctx.rng;
  if (p.selfPay || p.plainBilling || orders.length === 0) return 0;
  const coverage = p.drug ?? { payer: p.payer, plan: p.plan, memberId: p.memberId };
  const rx = p.lis ? ctx.dir.lisRx : coverage.plan.rx;
  const grossKey: CategoryKey = coverage.payer.kind === 'partD' ? 'drugcost' : 'submitted';
  let added = 0;
  for (const order of orders) {
    if (!isDrugKey(order.key)) continue;
    const drug = DRUGS[order.key];
    let ms = Math.floor(order.authoredMs / DAY_MS) * DAY_MS + rng.int(0, 3) * DAY_MS + rng.int(15, 22) * HOUR_MS;
    for (let k = 0; k < 3 && ms < REFERENCE_MS - DAY_MS; k++) {
      const gross = Math.round(drug.grossUsd * 100 * rng.float(0.95, 1.08));
      const negotiated = Math.round(gross * (drug.brand ? 0.82 : 0.38));
      let copay = 0;
      let coinsurance = 0;
      if (!drug.brand) copay = Math.min(rx.genericCents, negotiated);
      else if (rx.brandCoinsurance > 0) coinsurance = Math.round(negotiated * rx.brandCoinsurance);
      else copay = Math.min(rx.brandCents, negotiated);
      const member = copay + coinsurance;
      const benefit = negotiated - member;
      const item: ExplanationOfBenefitItem = {
        sequence: 1,
        productOrService: { coding: [{ system: SYS.ndc, code: drug.ndc, display: drug.display }], text: drug.display },
        servicedDate: isoDate(ms),
        quantity: { value: drug.quantity },
        net: money(gross),
        adjudication: [
          amount(grossKey, gross),
          amount('discount', gross - negotiated),
          amount('copay', copay),
          amount('coinsurance', coinsurance),
          amount('benefit', benefit),
          amount('memberliability', member),
          amount('paidtoprovider', benefit),
          amount('paidbypatient', member),
        ],
      };
      const eob: ExplanationOfBenefit = {
        resourceType: 'ExplanationOfBenefit',
        ...ctx.head(ms + HOUR_MS),
        status: 'active',
        type: concept(SYS.claimType, 'pharmacy', 'Pharmacy'),
        use: 'claim',
        patient: { reference: ctx.patientUrl },
        billablePeriod: { start: isoDate(ms), end: isoDate(ms) },
        created: isoInstant(ms),
        insurer: ref(coverage.payer.org.ref, coverage.payer.org.name),
        provider: ref(ctx.dir.pharmacy.ref, ctx.dir.pharmacy.name),
        prescription: { reference: order.url },
        outcome: 'complete',
        disposition: 'Paid',
        careTeam: [
          { sequence: 1, provider: ref(order.prescriber.ref, order.prescriber.display), role: concept(SYS.claimCareTeamRole, 'primary', 'Primary provider') },
        ],
        supportingInfo: [{ sequence: 1, category: concept(SYS.c4bbSupportingInfo, 'dayssupply', 'Days Supply'), valueQuantity: { value: drug.days } }],
        insurance: [{ focal: true, coverage: { reference: ctx.drugCoverageUrl } }],
        adjudication: networkStatus(true),
        item: [item],
        total: totals([item], 0),
        payment: { type: concept(SYS.paymentType, 'complete', 'Complete'), date: isoDate(ms), amount: money(benefit) },
      };
      ctx.push(eob);
      added++;
      ms += (drug.days + rng.int(-4, 6)) * DAY_MS;
    }
  }
  return added;
}
