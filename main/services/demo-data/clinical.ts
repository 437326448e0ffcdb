import type { AllergyIntolerance, CodeableConcept, Appointment, CarePlan, Condition, Immunization, MedicationRequest, Procedure } from '@medplum/fhirtypes';
import {
  ALLERGIES,
  CHILD_SCHEDULE,
  CONDITIONS,
  type ConditionDef,
  MEDS,
  type MedKey,
  PROCEDURES,
  type ProcedureKey,
  VACCINES,
  conditionByKey,
} from './catalog';
import type { ActiveOrder } from './billing';
import type { PatientContext } from './context';
import { SYS, concept, ref } from './fhir';
import { at } from './rng';
import { DAY_MS, HOUR_MS, MINUTE_MS, REFERENCE_MS, YEAR_MS, isoDate, isoInstant, localTime, yearOf } from './time';

export interface ActiveCondition {
  def: ConditionDef;
  onsetMs: number;
  url: string;
  active: boolean;
}

function ageBand(age: number): 0 | 1 | 2 | 3 {
  if (age < 18) return 0;
  if (age < 40) return 1;
  return age < 65 ? 2 : 3;
}

/** Showcase roles that need a condition: the kidney disease behind a critical potassium, a medication to fill, a knee to scan. */
const FORCED_CONDITIONS: Record<string, readonly string[]> = {
  criticalPotassiumAdult: ['ckd3', 'hypertension'],
  pharmacyFill: ['hypothyroidism'],
  predetermination: ['osteoarthritis'],
};

/** Conditions drawn by age-band prevalence; the critical-potassium showcase gets the kidney disease that explains it. */
export function chooseConditions(ctx: PatientContext): ConditionDef[] {
  const p = ctx.person;
  const band = ageBand(p.age);
  const chosen: ConditionDef[] = [];
  for (const def of CONDITIONS) if (ctx.rng.chance(def.prevalence[band])) chosen.push(def);
  const forced = FORCED_CONDITIONS[p.role ?? ''] ?? [];
  for (const key of forced) {
    const def = conditionByKey(key);
    if (!chosen.includes(def)) chosen.unshift(def);
  }
  return chosen.slice(0, p.child ? 2 : 5);
}

function conditionCode(def: ConditionDef): CodeableConcept {
  return {
    coding: [
      { system: SYS.snomed, code: def.snomed, display: def.display },
      { system: SYS.icd10cm, code: def.icd10, display: def.icd10Display },
    ],
    text: def.text,
  };
}

export function emitConditions(ctx: PatientContext, defs: readonly ConditionDef[]): ActiveCondition[] {
  const rng = ctx.rng;
  const p = ctx.person;
  const out: ActiveCondition[] = [];
  for (const def of defs) {
    let onsetMs: number;
    if (p.child) onsetMs = p.birthMs + rng.float(0.25, Math.max(0.3, p.age + 0.5)) * YEAR_MS;
    else onsetMs = REFERENCE_MS - rng.float(0.3, Math.min(15, p.age - 17)) * YEAR_MS;
    onsetMs = Math.max(p.birthMs, Math.min(onsetMs, REFERENCE_MS - 20 * DAY_MS));
    onsetMs = Math.floor(onsetMs / DAY_MS) * DAY_MS;
    const active = def.chronic || rng.chance(0.3);
    const recordedMs = Math.min(REFERENCE_MS - HOUR_MS, onsetMs + rng.int(0, 20) * DAY_MS + rng.int(14, 22) * HOUR_MS);
    const condition: Condition = {
      resourceType: 'Condition',
      ...ctx.head(recordedMs),
      clinicalStatus: active ? concept(SYS.conditionClinical, 'active', 'Active') : concept(SYS.conditionClinical, 'resolved', 'Resolved'),
      verificationStatus: concept(SYS.conditionVerification, 'confirmed', 'Confirmed'),
      category: [concept(SYS.conditionCategory, 'problem-list-item', 'Problem List Item')],
      code: conditionCode(def),
      subject: { reference: ctx.patientUrl },
      onsetDateTime: isoDate(onsetMs),
      recordedDate: isoInstant(recordedMs),
      recorder: ref(p.pcp.ref, p.pcp.display),
    };
    if (!active) condition.abatementDateTime = isoDate(Math.min(REFERENCE_MS - DAY_MS, onsetMs + rng.int(10, 60) * DAY_MS));
    out.push({ def, onsetMs, url: ctx.push(condition), active });
  }
  return out;
}

export function emitAllergies(ctx: PatientContext): number {
  const rng = ctx.rng;
  const n = rng.chance(0.3) ? (rng.chance(0.25) ? 2 : 1) : 0;
  if (ctx.person.birthMs > REFERENCE_MS - 250 * DAY_MS) return 0;
  const first = rng.int(0, ALLERGIES.length - 1);
  for (let i = 0; i < n; i++) {
    const def = at(ALLERGIES, (first + i * 3) % ALLERGIES.length);
    const recordedDay = Math.max(ctx.person.birthMs + 200 * DAY_MS, REFERENCE_MS - rng.int(60, 2900) * DAY_MS);
    const recordedMs = Math.floor(recordedDay / DAY_MS) * DAY_MS + rng.int(14, 22) * HOUR_MS;
    const allergy: AllergyIntolerance = {
      resourceType: 'AllergyIntolerance',
      ...ctx.head(recordedMs),
      clinicalStatus: concept(SYS.allergyClinical, 'active', 'Active'),
      verificationStatus: concept(SYS.allergyVerification, 'confirmed', 'Confirmed'),
      type: 'allergy',
      category: [def.category],
      criticality: def.criticality,
      code: { coding: [{ system: SYS.snomed, code: def.snomed, display: def.display }], text: def.text },
      patient: { reference: ctx.patientUrl },
      recordedDate: isoInstant(recordedMs),
      reaction: [
        {
          manifestation: [concept(SYS.snomed, def.reaction[0], def.reaction[1], def.reaction[2])],
          severity: def.criticality === 'high' ? 'severe' : 'mild',
        },
      ],
    };
    ctx.push(allergy);
  }
  return n;
}

/**
 * Chronic medications renewed about yearly (the latest active), plus completed courses for resolved problems.
 * Returns the active orders, which the pharmacy fills.
 */
export function emitMedications(ctx: PatientContext, conditions: readonly ActiveCondition[], budget: number): ActiveOrder[] {
  const rng = ctx.rng;
  const p = ctx.person;
  const meds: { key: MedKey; cond: ActiveCondition }[] = [];
  for (const c of conditions) if (c.def.meds.length > 0) meds.push({ key: rng.pick(c.def.meds), cond: c });
  const active: ActiveOrder[] = [];
  if (meds.length === 0) return active;
  const total = Math.max(meds.length, budget);
  meds.forEach(({ key, cond }, i) => {
    const def = MEDS[key];
    const orders = cond.active ? Math.floor(total / meds.length) + (i < total % meds.length ? 1 : 0) : 1;
    let ms = cond.active ? REFERENCE_MS - rng.int(10, 200) * DAY_MS : cond.onsetMs + rng.int(0, 3) * DAY_MS;
    const dates: number[] = [];
    for (let k = 0; k < orders && ms >= cond.onsetMs; k++) {
      dates.unshift(ms);
      ms -= rng.int(300, 400) * DAY_MS;
    }
    if (dates.length === 0) dates.push(Math.min(REFERENCE_MS - DAY_MS, cond.onsetMs + DAY_MS));
    dates.forEach((day, k) => {
      const authored = Math.floor(day / DAY_MS) * DAY_MS + rng.int(14, 23) * HOUR_MS;
      const latest = k === dates.length - 1 && cond.active;
      const request: MedicationRequest = {
        resourceType: 'MedicationRequest',
        ...ctx.head(authored),
        status: latest ? 'active' : 'completed',
        intent: 'order',
        category: [concept('http://terminology.hl7.org/CodeSystem/medicationrequest-category', 'outpatient', 'Outpatient')],
        medicationCodeableConcept: concept(SYS.rxnorm, def.rxnorm, def.display),
        subject: { reference: ctx.patientUrl },
        authoredOn: isoInstant(authored),
        requester: ref(p.pcp.ref, p.pcp.display),
        reasonReference: [{ reference: cond.url, display: cond.def.text }],
        dosageInstruction: [{ text: def.sig }],
        dispenseRequest: cond.active
          ? { numberOfRepeatsAllowed: 3, expectedSupplyDuration: { value: 90, unit: 'days', system: SYS.ucum, code: 'd' } }
          : { numberOfRepeatsAllowed: 0, expectedSupplyDuration: { value: 10, unit: 'days', system: SYS.ucum, code: 'd' } },
      };
      const url = ctx.push(request);
      if (latest) active.push({ key, url, authoredMs: authored, prescriber: { ref: p.pcp.ref, display: p.pcp.display } });
    });
  });
  return active;
}

/** A short antibiotic course prescribed at a visit (strep). */
export function emitAcuteMedication(
  ctx: PatientContext,
  key: MedKey,
  encounterUrl: string,
  ms: number,
  prescriber: { ref: string; display: string },
  reason: string,
): void {
  const def = MEDS[key];
  const request: MedicationRequest = {
    resourceType: 'MedicationRequest',
    ...ctx.head(ms),
    status: 'completed',
    intent: 'order',
    medicationCodeableConcept: concept(SYS.rxnorm, def.rxnorm, def.display),
    subject: { reference: ctx.patientUrl },
    encounter: { reference: encounterUrl },
    authoredOn: isoInstant(ms),
    requester: ref(prescriber.ref, prescriber.display),
    reasonCode: [{ text: reason }],
    dosageInstruction: [{ text: def.sig }],
  };
  ctx.push(request);
}

function seasonDay(year: number, rngDay: number): number {
  return Date.UTC(year, 8, 15) + rngDay * DAY_MS;
}

/** The most recent `n` doses of the person's plausible vaccine history. */
export function emitImmunizations(ctx: PatientContext, n: number): number {
  if (n <= 0) return 0;
  const rng = ctx.rng;
  const p = ctx.person;
  const doses: [number, keyof typeof VACCINES][] = [];
  const refYear = yearOf(REFERENCE_MS);
  const latest = REFERENCE_MS - DAY_MS;
  if (p.child) {
    for (const [vaccine, months] of CHILD_SCHEDULE) {
      const ms = p.birthMs + (months * 30.44 + rng.int(0, 20)) * DAY_MS;
      if (ms <= latest && rng.chance(0.95)) doses.push([ms, vaccine]);
    }
  } else {
    const tdap = REFERENCE_MS - rng.float(0.2, 9.5) * YEAR_MS;
    doses.push([tdap, 'tdap']);
    if (rng.chance(0.7)) doses.push([Date.UTC(2021, 2, 1) + rng.int(0, 60) * DAY_MS, 'covid'], [Date.UTC(2021, 4, 1) + rng.int(0, 60) * DAY_MS, 'covid']);
    for (const y of [2022, 2023, 2024, 2025]) if (rng.chance(0.3)) doses.push([seasonDay(y, rng.int(10, 60)), 'covid']);
    if (p.age >= 50 && rng.chance(0.5)) {
      const first = REFERENCE_MS - rng.float(0.5, 5) * YEAR_MS;
      doses.push([first, 'zoster'], [first + rng.int(60, 180) * DAY_MS, 'zoster']);
    }
    if (p.age >= 65 && rng.chance(0.6)) doses.push([REFERENCE_MS - rng.float(0.3, 6) * YEAR_MS, 'pcv13']);
  }
  for (let y = refYear - 5; y <= refYear; y++) {
    const ms = seasonDay(y, rng.int(0, 80));
    if (ms > p.birthMs + 180 * DAY_MS && ms <= latest && rng.chance(0.55)) doses.push([ms, 'flu']);
  }
  const chosen = doses
    .filter((d) => d[0] <= latest)
    .sort((a, b) => a[0] - b[0])
    .slice(-n);
  for (const [day, key] of chosen) {
    const ms = Math.floor(day / DAY_MS) * DAY_MS + rng.int(14, 22) * HOUR_MS;
    const vaccine = VACCINES[key];
    const immunization: Immunization = {
      resourceType: 'Immunization',
      ...ctx.head(ms + HOUR_MS),
      status: 'completed',
      vaccineCode: concept(SYS.cvx, vaccine.cvx, vaccine.display),
      patient: { reference: ctx.patientUrl },
      occurrenceDateTime: isoInstant(ms),
      recorded: isoInstant(ms + HOUR_MS),
      primarySource: true,
      lotNumber: `${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}${rng.int(1000, 9999)}`,
    };
    ctx.push(immunization);
  }
  return chosen.length;
}

export function emitCarePlan(ctx: PatientContext, conditions: readonly ActiveCondition[]): number {
  const withPlan = conditions.find((c) => c.active && c.def.carePlan);
  if (!withPlan?.def.carePlan || !ctx.rng.chance(0.4)) return 0;
  const plan = withPlan.def.carePlan;
  const startMs = Math.max(withPlan.onsetMs, REFERENCE_MS - 2 * YEAR_MS) + ctx.rng.int(1, 30) * DAY_MS;
  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    ...ctx.head(startMs),
    status: 'active',
    intent: 'plan',
    category: [concept('http://hl7.org/fhir/us/core/CodeSystem/careplan-category', 'assess-plan', 'Assessment and Plan of Treatment')],
    title: plan.title,
    description: `${plan.title} for ${withPlan.def.text.toLowerCase()}.`,
    subject: { reference: ctx.patientUrl },
    period: { start: isoDate(startMs) },
    created: isoInstant(startMs),
    author: ref(ctx.person.pcp.ref, ctx.person.pcp.display),
    addresses: [{ reference: withPlan.url, display: withPlan.def.text }],
    activity: plan.activities.map((description) => ({ detail: { status: 'in-progress' as const, description } })),
  };
  ctx.push(carePlan);
  return 1;
}

export function emitProcedure(ctx: PatientContext, key: ProcedureKey, encounterUrl: string, ms: number, performer: { ref: string; display: string }): void {
  const def = PROCEDURES[key];
  const procedure: Procedure = {
    resourceType: 'Procedure',
    ...ctx.head(ms + 30 * MINUTE_MS),
    status: 'completed',
    code: {
      coding: [
        { system: SYS.snomed, code: def.snomed, display: def.display },
        { system: SYS.cpt, code: def.cpt, display: def.text },
      ],
      text: def.text,
    },
    subject: { reference: ctx.patientUrl },
    encounter: { reference: encounterUrl },
    performedDateTime: isoInstant(ms),
    performer: [{ actor: ref(performer.ref, performer.display) }],
  };
  ctx.push(procedure);
}

export interface PastVisit {
  startMs: number;
  endMs: number;
  service: string;
  practitioner: { ref: string; display: string };
}

const FUTURE_SERVICES_ADULT = ['Primary care follow-up', 'Annual physical', 'Lab draw', 'Medication review', 'Cardiology consult'] as const;
const FUTURE_SERVICES_CHILD = ['Well-child visit', 'Sick visit', 'Vaccine visit'] as const;

/** Past appointments (mostly the visits themselves, some no-shows and cancellations) and upcoming bookings. */
export function emitAppointments(ctx: PatientContext, n: number, past: readonly PastVisit[]): number {
  const rng = ctx.rng;
  const p = ctx.person;
  let added = 0;
  const push = (
    status: Appointment['status'],
    startMs: number,
    minutes: number,
    service: string,
    practitioner: { ref: string; display: string },
    createdMs: number,
  ): void => {
    const appointment: Appointment = {
      resourceType: 'Appointment',
      ...ctx.head(status === 'booked' ? createdMs : Math.min(startMs + minutes * MINUTE_MS, REFERENCE_MS - HOUR_MS)),
      status,
      serviceType: [{ text: service }],
      description: `${service} with ${practitioner.display}`,
      start: isoInstant(startMs),
      end: isoInstant(startMs + minutes * MINUTE_MS),
      minutesDuration: minutes,
      created: isoInstant(createdMs),
      participant: [
        { actor: { reference: ctx.patientUrl, display: `${at(p.given, 0)} ${p.family}` }, required: 'required', status: 'accepted' },
        { actor: ref(practitioner.ref, practitioner.display), required: 'required', status: 'accepted' },
      ],
    };
    if (service === 'Lab draw') appointment.patientInstruction = 'Fast for 8 hours before your lab draw. Water is fine.';
    if (status === 'cancelled')
      appointment.cancelationReason = concept('http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason', 'pat', 'Patient');
    if (p.spanish && rng.chance(0.6)) appointment.comment = 'Spanish interpreter requested';
    ctx.push(appointment);
    added++;
  };
  const services = p.child ? FUTURE_SERVICES_CHILD : FUTURE_SERVICES_ADULT;
  const upcoming = n <= 0 ? 0 : Math.max(1, Math.round(n * 0.3));
  for (let i = 0; i < upcoming; i++) {
    const day = rng.int(2 + i * 30, 30 + i * 45);
    const startMs = localTime(day, rng.int(8, 16), rng.pick([0, 15, 30, 45]));
    push(
      'booked',
      startMs,
      rng.pick([20, 30, 40]),
      rng.pick(services),
      p.pcp,
      Math.max(p.birthMs + DAY_MS, REFERENCE_MS - rng.int(2, 40) * DAY_MS - rng.int(1, 8) * HOUR_MS),
    );
  }
  let remaining = n - upcoming;
  const fulfilled = past.slice(-Math.max(0, Math.round(remaining * 0.7)));
  for (const v of fulfilled) {
    push(
      'fulfilled',
      v.startMs,
      Math.round((v.endMs - v.startMs) / MINUTE_MS),
      v.service,
      v.practitioner,
      Math.max(p.birthMs + HOUR_MS, v.startMs - rng.int(3, 40) * DAY_MS),
    );
    remaining--;
  }
  const daysAlive = Math.floor((REFERENCE_MS - p.birthMs) / DAY_MS);
  for (; remaining > 0 && daysAlive > 10; remaining--) {
    const day = -rng.int(5, Math.min(700, daysAlive - 1));
    const startMs = localTime(day, rng.int(8, 16), rng.pick([0, 15, 30, 45]));
    push(rng.chance(0.5) ? 'noshow' : 'cancelled', startMs, 30, rng.pick(services), p.pcp, Math.max(p.birthMs + HOUR_MS, startMs - rng.int(3, 40) * DAY_MS));
  }
  return added;
}
