import type { CodeableConcept, Encounter } from '@medplum/fhirtypes';
import { type ChargeLine, type BillOptions, bill } from './billing';
import { DX, type Diagnosis, EMERGENCY_DX, INPATIENT_DX, OFFICE_DX, type ProcedureKey, REVENUE, URGENT_DX } from './catalog';
import { type ActiveCondition, type PastVisit, emitAcuteMedication, emitProcedure } from './clinical';
import type { PatientContext } from './context';
import type { OrgInfo, PractitionerInfo } from './directory';
import { SYS, coding, concept, ref } from './fhir';
import { PANELS, type PanelKey, RESP_TESTS, type RespTest, emitPanel, emitRespTest, emitUnknownCodeObservation } from './labs';
import type { Rng } from './rng';
import type { ShowcaseRole } from './showcase';
import { DAY_MS, HOUR_MS, MINUTE_MS, REFERENCE_MS, YEAR_MS, isoInstant, localTime } from './time';
import { childBody, emitVitals, vitalSet } from './vitals';

export type VisitKind = 'office' | 'preventive' | 'urgent' | 'emergency' | 'inpatient' | 'lab' | 'telehealth';
type Force =
  | 'criticalPotassium'
  | 'deductibleCoinsurance'
  | 'totalsMismatch'
  | 'zeroDollar'
  | 'deniedLine'
  | 'unknownCode'
  | 'covid'
  | 'billedOffice'
  | 'correctedEob'
  | 'emergencyOutOfNetwork'
  | 'secondaryEmergency';

export interface VisitPlan {
  kind: VisitKind;
  day: number;
  labs: PanelKey[];
  resp: RespTest | undefined;
  respPositive: boolean;
  procedures: ProcedureKey[];
  diagnosis: Diagnosis;
  stayDays: number;
  force: Force | undefined;
  size: number;
}

const ADULT_KINDS: readonly VisitKind[] = ['office', 'preventive', 'urgent', 'emergency', 'inpatient', 'lab', 'telehealth'];
const ADULT_WEIGHTS = [40, 12, 12, 7, 2, 15, 8];
const SENIOR_WEIGHTS = [40, 12, 8, 9, 4, 17, 6];
const CHILD_KINDS: readonly VisitKind[] = ['preventive', 'office', 'urgent', 'emergency', 'telehealth'];
const CHILD_WEIGHTS = [40, 28, 18, 8, 4];

const ROUTINE_LABS: readonly PanelKey[] = ['cbc', 'bmp', 'lipid', 'a1c', 'thyroid'];

function vitalsKind(kind: VisitKind): 'full' | 'sick' | 'none' {
  if (kind === 'office' || kind === 'preventive') return 'full';
  return kind === 'lab' || kind === 'telehealth' ? 'none' : 'sick';
}

function pickResp(rng: Rng, child: boolean): RespTest {
  return rng.weighted<RespTest>(['covid', 'flu', 'strep'], child ? [30, 30, 40] : [40, 30, 30]);
}

function conditionLabs(conditions: readonly ActiveCondition[]): PanelKey[] {
  const labs: PanelKey[] = [];
  for (const c of conditions) if (c.active) for (const l of c.def.labs) if (!labs.includes(l)) labs.push(l);
  return labs;
}

function has(conditions: readonly ActiveCondition[], ...keys: string[]): boolean {
  return conditions.some((c) => c.active && keys.includes(c.def.key));
}

function chronicDiagnosis(rng: Rng, conditions: readonly ActiveCondition[]): Diagnosis {
  const active = conditions.filter((c) => c.active);
  if (active.length > 0 && rng.chance(0.8)) {
    const c = rng.pick(active);
    return { code: c.def.icd10, display: c.def.icd10Display };
  }
  return rng.pick(OFFICE_DX);
}

function respDiagnosis(test: RespTest | undefined, positive: boolean): Diagnosis | undefined {
  if (!test || !positive) return test ? DX.uri : undefined;
  return test === 'covid' ? DX.covid : test === 'flu' ? DX.flu : DX.strep;
}

export function planVisit(ctx: PatientContext, kind: VisitKind, conditions: readonly ActiveCondition[], force?: Force): VisitPlan {
  const rng = ctx.rng;
  const p = ctx.person;
  const plan: VisitPlan = { kind, day: 0, labs: [], resp: undefined, respPositive: false, procedures: [], diagnosis: DX.fatigue, stayDays: 0, force, size: 0 };
  switch (kind) {
    case 'office': {
      const labs = conditionLabs(conditions);
      if (labs.length > 0 && rng.chance(0.5)) plan.labs = [rng.pick(labs)];
      else if (!p.child && rng.chance(0.2)) plan.labs = [rng.pick(ROUTINE_LABS)];
      if (!p.child && p.age >= 40 && rng.chance(0.08)) plan.procedures.push('ecg');
      if (has(conditions, 'asthma', 'copd', 'childAsthma') && rng.chance(0.15)) plan.procedures.push('spirometry');
      if (has(conditions, 'depression', 'anxiety') && rng.chance(0.2)) plan.procedures.push('depressionScreen');
      if (p.child && rng.chance(0.5)) {
        plan.resp = pickResp(rng, true);
        plan.respPositive = rng.chance(RESP_TESTS[plan.resp].positiveRate);
      }
      plan.diagnosis = respDiagnosis(plan.resp, plan.respPositive) ?? chronicDiagnosis(rng, conditions);
      break;
    }
    case 'preventive':
      if (!p.child) {
        plan.labs = ['lipid', 'cmp', 'cbc'];
        if (p.age >= 35 || has(conditions, 'prediabetes', 'diabetes')) plan.labs.push('a1c');
        if (rng.chance(0.25)) plan.labs.push('ua');
        if (rng.chance(0.15)) plan.labs.push('thyroid');
        if (rng.chance(0.5)) plan.procedures.push('depressionScreen');
      }
      plan.diagnosis = p.child ? DX.childPhysical : DX.adultPhysical;
      break;
    case 'urgent':
      if (rng.chance(p.child ? 0.65 : 0.55)) {
        plan.resp = pickResp(rng, p.child);
        plan.respPositive = rng.chance(RESP_TESTS[plan.resp].positiveRate);
      } else if (!p.child && rng.chance(0.3)) {
        plan.labs = ['ua'];
      }
      plan.diagnosis = respDiagnosis(plan.resp, plan.respPositive) ?? (plan.labs.length > 0 ? (URGENT_DX[0] as Diagnosis) : rng.pick(URGENT_DX));
      break;
    case 'emergency':
      if (p.child) {
        if (rng.chance(0.4)) {
          plan.resp = pickResp(rng, true);
          plan.respPositive = rng.chance(RESP_TESTS[plan.resp].positiveRate);
        }
        if (rng.chance(0.15)) plan.procedures.push('chestXray');
      } else {
        if (rng.chance(0.8)) plan.labs = [rng.chance(0.3) ? 'cmp' : 'bmp', 'cbc'];
        if (rng.chance(0.35)) plan.procedures.push('ecg');
        if (rng.chance(0.3)) plan.procedures.push('chestXray');
        if (rng.chance(0.08)) plan.procedures.push('woundRepair');
      }
      if (has(conditions, 'asthma', 'copd', 'childAsthma') && rng.chance(0.3)) plan.procedures.push('nebulizer');
      plan.diagnosis = respDiagnosis(plan.resp, plan.respPositive) ?? rng.pick(EMERGENCY_DX);
      break;
    case 'inpatient':
      plan.labs = ['cmp', 'cbc'];
      if (rng.chance(0.3)) plan.labs.push('ua');
      if (rng.chance(0.4)) plan.procedures.push('chestXray');
      plan.stayDays = rng.int(2, 5);
      plan.diagnosis = rng.pick(INPATIENT_DX);
      break;
    case 'lab': {
      const labs = conditionLabs(conditions);
      const pool = labs.length > 0 ? labs : ROUTINE_LABS;
      plan.labs = [rng.pick(pool)];
      const second = rng.pick(pool);
      if (second !== plan.labs[0] && rng.chance(0.5)) plan.labs.push(second);
      plan.diagnosis = chronicDiagnosis(rng, conditions);
      break;
    }
    case 'telehealth':
      plan.diagnosis = chronicDiagnosis(rng, conditions);
      break;
  }
  applyForce(plan, conditions, rng);
  plan.size = estimateSize(plan, p.age);
  return plan;
}

function applyForce(plan: VisitPlan, conditions: readonly ActiveCondition[], rng: Rng): void {
  switch (plan.force) {
    case 'criticalPotassium':
      plan.labs = ['bmp', 'cbc'];
      plan.procedures = ['ecg'];
      plan.diagnosis = DX.hyperkalemia;
      break;
    case 'deductibleCoinsurance':
      plan.labs = ['cmp', 'lipid'];
      plan.diagnosis = chronicDiagnosis(rng, conditions);
      break;
    case 'totalsMismatch':
    case 'unknownCode':
      if (!plan.labs.includes('cmp')) plan.labs = ['cmp'];
      break;
    case 'zeroDollar':
      plan.labs = ['lipid', 'a1c'];
      plan.procedures = [];
      break;
    case 'billedOffice':
    case 'correctedEob':
      plan.labs = ['cmp', 'lipid'];
      plan.procedures = [];
      break;
    case 'secondaryEmergency':
      // Enough care that the Part B deductible is met and coinsurance remains for the Medigap plan to pay.
      plan.labs = ['cmp', 'cbc'];
      plan.procedures = ['ecg', 'chestXray'];
      break;
    case 'emergencyOutOfNetwork':
    case 'deniedLine':
      plan.labs = ['cbc'];
      plan.procedures = ['ecg'];
      break;
    case 'covid':
      plan.resp = 'covid';
      plan.diagnosis = respDiagnosis('covid', plan.respPositive) as Diagnosis;
      break;
    case undefined:
      break;
  }
}

function estimateSize(plan: VisitPlan, age: number): number {
  let size = 1 + vitalSet(vitalsKind(plan.kind), age, plan.kind === 'preventive').length + plan.procedures.length + 2;
  for (const l of plan.labs) size += PANELS[l].size;
  if (plan.resp) size++;
  if (plan.force === 'unknownCode') size++;
  if (plan.resp === 'strep' && plan.respPositive) size++;
  return size;
}

/** First day of the reference year (2026-01-01), as a day offset from the reference date. */
const YEAR_START_DAY = Math.round((Date.UTC(new Date(REFERENCE_MS).getUTCFullYear(), 0, 1) - REFERENCE_MS) / DAY_MS);

const FORCED: Partial<Record<ShowcaseRole, [VisitKind, Force, number]>> = {
  criticalPotassiumAdult: ['emergency', 'criticalPotassium', -3],
  // The year's first billed visit, so some deductible always remains for it to apply.
  spanishDeductibleEob: ['office', 'deductibleCoinsurance', YEAR_START_DAY + 4],
  child: ['urgent', 'covid', -40],
  eobTotalsMismatch: ['office', 'totalsMismatch', -95],
  zeroDollarClaim: ['preventive', 'zeroDollar', -120],
  deniedLine: ['office', 'deniedLine', -60],
  unknownCodeObservation: ['lab', 'unknownCode', -45],
  secondaryEob: ['emergency', 'secondaryEmergency', -90],
  noMemberLiability: ['office', 'billedOffice', -85],
  emergencyOutOfNetwork: ['emergency', 'emergencyOutOfNetwork', -70],
  correctedEob: ['office', 'correctedEob', -100],
  writeOffEob: ['office', 'billedOffice', -80],
  qmbDualEligible: ['office', 'billedOffice', -90],
  uninsured: ['office', 'billedOffice', -65],
};

/** Random visits filling about `budget` resources, spread over the last three years, plus any showcase visit; sorted by date. */
export function planVisits(ctx: PatientContext, conditions: readonly ActiveCondition[], budget: number): VisitPlan[] {
  const rng = ctx.rng;
  const p = ctx.person;
  const daysAlive = Math.floor((REFERENCE_MS - p.birthMs) / DAY_MS);
  const earliest = -Math.max(2, Math.min(3 * 365, daysAlive - 1));
  const latest = earliest < -10 ? -6 : -1;
  const kinds = p.child ? CHILD_KINDS : ADULT_KINDS;
  const weights = p.child ? CHILD_WEIGHTS : p.age >= 65 ? SENIOR_WEIGHTS : ADULT_WEIGHTS;
  const plans: VisitPlan[] = [];
  let planned = 0;
  let preventive = 0;
  // Always at least one visit, and the first one records vitals, so every patient has them.
  while (plans.length === 0 || planned < budget) {
    let kind = rng.weighted(kinds, weights);
    if (plans.length === 0 && vitalsKind(kind) === 'none') kind = 'office';
    let day = rng.int(earliest, latest);
    if (kind === 'preventive') {
      // At most one physical a year.
      const yearly = -(6 + preventive * 365 + rng.int(0, 300));
      if (yearly < earliest) kind = 'office';
      else {
        day = yearly;
        preventive++;
      }
    }
    const plan = planVisit(ctx, kind, conditions);
    // Stop where the total lands closest to the budget.
    if (plans.length > 0 && planned + plan.size - budget > budget - planned) break;
    plan.day = day;
    plans.push(plan);
    planned += plan.size;
  }
  const forced = p.role ? FORCED[p.role] : undefined;
  if (forced) {
    const plan = planVisit(ctx, forced[0], conditions, forced[1]);
    plan.day = forced[2];
    // Nothing of the same year is billed before the deductible showcase.
    if (forced[1] === 'deductibleCoinsurance') for (const other of plans) if (other.day >= YEAR_START_DAY && other.day <= plan.day) other.day = plan.day + 1;
    plans.push(plan);
  }
  return plans.sort((a, b) => a.day - b.day);
}

function preventiveCode(age: number): string {
  if (age < 1) return '99391';
  if (age < 5) return '99392';
  if (age < 12) return '99393';
  if (age < 18) return '99394';
  if (age < 40) return '99395';
  return age < 65 ? '99396' : '99397';
}

function chargeLines(rng: Rng, plan: VisitPlan, age: number): ChargeLine[] {
  const preventive = plan.kind === 'preventive';
  const lines: ChargeLine[] = [];
  const visit = (cpt: string, copay?: ChargeLine['copay'], quantity = 1): void => {
    const line: ChargeLine = { cpt, quantity, kind: 'visit', preventive };
    if (copay) line.copay = copay;
    lines.push(line);
  };
  switch (plan.kind) {
    case 'office':
      visit(rng.weighted(['99213', '99214', '99215'], [60, 35, 5]), 'office');
      break;
    case 'preventive':
      visit(preventiveCode(age));
      break;
    case 'urgent':
      visit(rng.weighted(['99213', '99214'], [70, 30]), 'urgent');
      break;
    case 'emergency':
      visit(
        plan.force === 'criticalPotassium' || plan.force === 'secondaryEmergency'
          ? '99285'
          : rng.weighted(['99282', '99283', '99284', '99285'], [8, 36, 36, 20]),
        'emergency',
      );
      break;
    case 'inpatient':
      visit(rng.chance(0.5) ? '99223' : '99222');
      if (plan.stayDays > 1) visit('99232', undefined, plan.stayDays - 1);
      visit('99238');
      break;
    case 'telehealth':
      lines.push({ cpt: '99213', quantity: 1, kind: 'visit', preventive: false, copay: 'office', modifier: '95' });
      break;
    case 'lab':
      break;
  }
  let blood = false;
  for (const key of plan.labs) {
    const panel = PANELS[key];
    lines.push({ cpt: panel.cpt, quantity: 1, kind: 'lab', preventive });
    if (key === 'thyroid') lines.push({ cpt: '84439', quantity: 1, kind: 'lab', preventive });
    blood ||= panel.blood;
  }
  if (blood) lines.push({ cpt: '36415', quantity: 1, kind: 'lab', preventive });
  if (plan.resp) lines.push({ cpt: RESP_TESTS[plan.resp].cpt, quantity: 1, kind: 'lab', preventive });
  if (plan.force === 'unknownCode') lines.push({ cpt: '36415', quantity: 1, kind: 'lab', preventive });
  for (const proc of plan.procedures) lines.push({ cpt: PROCEDURE_CPT[proc], quantity: 1, kind: 'procedure', preventive });
  // A hospital emergency claim is institutional: each line carries its revenue code.
  if (plan.kind === 'emergency') {
    for (const line of lines) {
      const proc = line.kind === 'procedure' ? (Object.keys(PROCEDURE_CPT) as ProcedureKey[]).find((k) => PROCEDURE_CPT[k] === line.cpt) : undefined;
      line.revenue = line.kind === 'visit' ? REVENUE.emergency : line.kind === 'lab' ? REVENUE.lab : PROCEDURE_REVENUE[proc ?? 'woundRepair'];
    }
  }
  return lines;
}

const PROCEDURE_REVENUE: Record<ProcedureKey, readonly [string, string]> = {
  ecg: REVENUE.ekg,
  chestXray: REVENUE.radiology,
  depressionScreen: REVENUE.emergency,
  spirometry: REVENUE.pulmonary,
  nebulizer: REVENUE.respiratory,
  woundRepair: REVENUE.emergency,
};

const PROCEDURE_CPT: Record<ProcedureKey, string> = {
  ecg: '93000',
  chestXray: '71046',
  depressionScreen: '96127',
  spirometry: '94010',
  nebulizer: '94640',
  woundRepair: '12001',
};

const ENCOUNTER_CLASS = {
  AMB: coding(SYS.actCode, 'AMB', 'ambulatory'),
  EMER: coding(SYS.actCode, 'EMER', 'emergency'),
  IMP: coding(SYS.actCode, 'IMP', 'inpatient encounter'),
};

function encounterType(plan: VisitPlan, child: boolean): CodeableConcept[] {
  switch (plan.kind) {
    case 'office':
      return [concept(SYS.snomed, '185347001', 'Encounter for problem (procedure)', 'Office visit')];
    case 'preventive':
      return [
        child
          ? concept(SYS.snomed, '410620009', 'Well child visit (procedure)', 'Well-child visit')
          : concept(SYS.snomed, '185349003', 'Encounter for check up (procedure)', 'Annual physical'),
      ];
    case 'urgent':
      return [concept(SYS.snomed, '185345009', 'Encounter for symptom (procedure)', 'Urgent care visit')];
    case 'emergency':
      return [concept(SYS.snomed, '50849002', 'Emergency room admission (procedure)', 'Emergency department visit')];
    case 'inpatient':
      return [concept(SYS.snomed, '32485007', 'Hospital admission (procedure)', 'Hospital stay')];
    case 'lab':
      return [{ text: 'Lab draw' }];
    case 'telehealth':
      return [concept(SYS.snomed, '448337001', 'Telemedicine consultation with patient (procedure)', 'Telehealth visit')];
  }
}

const SERVICE_NAME: Record<VisitKind, string> = {
  office: 'Primary care follow-up',
  preventive: 'Annual physical',
  urgent: 'Urgent care',
  emergency: 'Emergency',
  inpatient: 'Hospital stay',
  lab: 'Lab draw',
  telehealth: 'Telehealth visit',
};

function staffing(ctx: PatientContext, kind: VisitKind): { org: OrgInfo; practitioner: PractitionerInfo } {
  const { dir, person, rng } = ctx;
  switch (kind) {
    case 'urgent':
      return { org: dir.urgentCare, practitioner: rng.pick(dir.practitioners.urgent) };
    case 'emergency':
      return { org: dir.hospital, practitioner: rng.pick(dir.practitioners.emergency) };
    case 'inpatient':
      return { org: dir.hospital, practitioner: rng.pick(dir.practitioners.hospitalist) };
    case 'lab':
      return { org: dir.lab, practitioner: person.pcp };
    default:
      return { org: person.pcp.org, practitioner: person.pcp };
  }
}

function timing(rng: Rng, plan: VisitPlan): { startMs: number; endMs: number } {
  let startMs: number;
  let minutes: number;
  switch (plan.kind) {
    case 'emergency':
      startMs = localTime(plan.day, rng.int(0, 23), rng.int(0, 59));
      minutes = rng.int(120, 480);
      break;
    case 'inpatient':
      startMs = localTime(plan.day - plan.stayDays, rng.int(0, 23), rng.int(0, 59));
      minutes = plan.stayDays * 24 * 60 + rng.int(-300, 300);
      break;
    case 'urgent':
      startMs = localTime(plan.day, rng.int(9, 20), rng.int(0, 59));
      minutes = rng.int(30, 90);
      break;
    default:
      startMs = localTime(plan.day, rng.int(8, 16), rng.pick([0, 15, 30, 45]));
      minutes = plan.kind === 'lab' ? 10 : plan.kind === 'preventive' ? rng.pick([40, 60]) : plan.kind === 'telehealth' ? 20 : rng.pick([20, 30, 40]);
  }
  return { startMs, endMs: startMs + minutes * MINUTE_MS };
}

/** Emits the encounter and everything recorded and billed at it; returns it as a past appointment when it was scheduled. */
export function emitVisit(ctx: PatientContext, plan: VisitPlan): PastVisit | undefined {
  const rng = ctx.rng;
  const p = ctx.person;
  const { startMs, endMs } = timing(rng, plan);
  const ageYears = (startMs - p.birthMs) / YEAR_MS;
  const staff = staffing(ctx, plan.kind);
  const org = staff.org;
  // Now and then the emergency physician on shift belongs to an outside group no plan contracts with.
  const outOfNetwork =
    plan.force === 'emergencyOutOfNetwork' ||
    (plan.kind === 'emergency' && p.role === undefined && !p.selfPay && p.payer.kind === 'commercial' && rng.chance(0.06));
  const practitioner = outOfNetwork ? ctx.dir.outOfNetwork.practitioner : staff.practitioner;
  const prac = { ref: practitioner.ref, display: practitioner.display };
  const period = (): { start: string; end: string } => ({ start: isoInstant(startMs), end: isoInstant(endMs) });
  const encounter: Encounter = {
    resourceType: 'Encounter',
    ...ctx.head(endMs + 2 * HOUR_MS),
    status: 'finished',
    class: plan.kind === 'emergency' ? ENCOUNTER_CLASS.EMER : plan.kind === 'inpatient' ? ENCOUNTER_CLASS.IMP : ENCOUNTER_CLASS.AMB,
    type: encounterType(plan, p.child),
    subject: { reference: ctx.patientUrl },
    participant: [{ type: [concept(SYS.participationType, 'ATND', 'attender')], period: period(), individual: ref(prac.ref, prac.display) }],
    period: period(),
    reasonCode: [concept(SYS.icd10cm, plan.diagnosis.code, plan.diagnosis.display)],
    serviceProvider: ref(org.ref, org.name),
  };
  if (plan.kind === 'inpatient') {
    encounter.hospitalization = {
      admitSource: concept('http://terminology.hl7.org/CodeSystem/admit-source', 'emd', 'From accident/emergency department'),
      dischargeDisposition: concept('http://terminology.hl7.org/CodeSystem/discharge-disposition', 'home', 'Home'),
    };
  }
  const encounterUrl = ctx.push(encounter);

  const female = p.gender === 'female';
  const body =
    ageYears < 18
      ? { ageYears, female, ...childBody(ageYears, female, p.heightIn, p.weightLb) }
      : { ageYears, female, heightIn: p.heightIn, weightLb: p.weightLb };
  emitVitals(ctx, vitalSet(vitalsKind(plan.kind), ageYears, plan.kind === 'preventive'), encounterUrl, startMs, body);

  const drawnMs = startMs + (plan.kind === 'emergency' ? rng.int(15, 45) : rng.int(5, 30)) * MINUTE_MS;
  const emergency = plan.kind === 'emergency' || plan.kind === 'inpatient';
  for (const key of plan.labs) {
    emitPanel(
      ctx,
      key,
      encounterUrl,
      drawnMs,
      emergency,
      { ageYears: Math.floor(ageYears), female },
      { forceCriticalPotassium: plan.force === 'criticalPotassium' && key === 'bmp' },
    );
  }
  if (plan.resp) emitRespTest(ctx, plan.resp, plan.respPositive, encounterUrl, drawnMs);
  if (plan.force === 'unknownCode') emitUnknownCodeObservation(ctx, encounterUrl, drawnMs);
  for (const proc of plan.procedures) emitProcedure(ctx, proc, encounterUrl, startMs + rng.int(20, 90) * MINUTE_MS, prac);
  if (plan.resp === 'strep' && plan.respPositive) {
    emitAcuteMedication(ctx, p.child ? 'amoxicillinChild' : 'penicillinV', encounterUrl, endMs - 5 * MINUTE_MS, prac, DX.strep.display);
  }

  const options: BillOptions = {};
  switch (plan.force) {
    case 'deductibleCoinsurance':
      Object.assign(options, { forceDeductibleAndCoinsurance: true, noDenials: true, allowPending: false });
      break;
    case 'totalsMismatch':
      Object.assign(options, { totalsMismatch: true, noDenials: true, allowPending: false });
      break;
    case 'zeroDollar':
    case 'billedOffice':
    case 'emergencyOutOfNetwork':
    case 'secondaryEmergency':
      Object.assign(options, { noDenials: true, allowPending: false });
      break;
    case 'correctedEob':
      Object.assign(options, { noDenials: true, allowPending: false, correction: true });
      break;
    case 'deniedLine':
      Object.assign(options, { allowPending: false });
      break;
    default:
      break;
  }
  const lines = chargeLines(rng, plan, Math.floor(ageYears));
  if (plan.force === 'deniedLine') options.denyLine = lines.length - 1;
  const erVisit = plan.kind === 'emergency';
  const visit = {
    startMs,
    endMs,
    institutional: plan.kind === 'inpatient' || erVisit,
    emergency: erVisit,
    provider: org,
    practitioner,
    diagnosis: plan.diagnosis,
  };
  if (lines.length > 0) bill(ctx, visit, encounterUrl, lines, options);
  if (outOfNetwork && lines[0]) {
    // The physician group bills its own professional claim for the visit; the plan pays it as if in network.
    const oon = ctx.dir.outOfNetwork;
    const physician = { cpt: lines[0].cpt, quantity: 1, kind: 'visit' as const, preventive: false };
    const oonOptions: BillOptions = { outOfNetwork: true, noDenials: true };
    if (options.allowPending === false) oonOptions.allowPending = false;
    bill(ctx, { ...visit, institutional: false, provider: oon.org, practitioner: oon.practitioner }, encounterUrl, [physician], oonOptions);
  }

  const scheduled = plan.kind === 'office' || plan.kind === 'preventive' || plan.kind === 'lab' || plan.kind === 'telehealth';
  return scheduled ? { startMs, endMs, service: SERVICE_NAME[plan.kind], practitioner: prac } : undefined;
}
