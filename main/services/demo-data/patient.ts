import type { Bundle } from '@medplum/fhirtypes';
import { emitCoverages, emitPharmacyFills, emitPredeterminations } from './billing';
import {
  type PastVisit,
  chooseConditions,
  emitAllergies,
  emitAppointments,
  emitCarePlan,
  emitConditions,
  emitImmunizations,
  emitMedications,
} from './clinical';
import { PatientContext } from './context';
import { directory } from './directory';
import { demoUuid } from './ids';
import { makePerson, patientResource } from './people';
import { DAY_MS, HOUR_MS, REFERENCE_MS, isoInstant } from './time';
import { emitVisit, planVisits } from './visits';

export const DEFAULT_EVENTS_PER_PATIENT = 40;

/** Bundle ids use a resource number no patient reaches. */
const BUNDLE_ID_NUMBER = 0x7fffffff;

/** Everything for one patient as a FHIR transaction: demographics, coverage, problems, visits, results, claims. */
export function patientBundle(seed: number, index: number, options: { eventsPerPatient?: number } = {}): Bundle {
  const events = Math.max(0, options.eventsPerPatient ?? DEFAULT_EVENTS_PER_PATIENT);
  const s = seed | 0;
  const dir = directory(s);
  const person = makePerson(s, index, dir);
  const ctx = new PatientContext(s, index, dir, person);
  const rng = ctx.rng;

  const patientUpdated = Math.max(person.birthMs + DAY_MS, REFERENCE_MS - rng.int(1, 90) * DAY_MS - rng.int(0, 23) * HOUR_MS);
  ctx.push(patientResource(person, dir, { id: person.id, meta: { versionId: '1', lastUpdated: isoInstant(patientUpdated) } }));

  // Children get about half the volume; the jitter keeps patients from all looking alike.
  const budget = Math.round(events * (person.child ? 0.5 : 1) * rng.float(0.85, 1.15));
  emitCoverages(ctx);
  const conditions = emitConditions(ctx, chooseConditions(ctx));
  emitAllergies(ctx);
  emitCarePlan(ctx, conditions);
  emitPharmacyFills(ctx, emitMedications(ctx, conditions, Math.round(budget * 0.06)));
  emitImmunizations(ctx, Math.round(budget * (person.child ? 0.12 : 0.05)));
  const appointments = Math.round(budget * 0.08);

  const past: PastVisit[] = [];
  for (const plan of planVisits(ctx, conditions, budget - ctx.eventCount - appointments)) {
    const visit = emitVisit(ctx, plan);
    if (visit) past.push(visit);
  }
  emitAppointments(ctx, appointments, past);
  // After the visits, so an estimate knows how much of this year's deductible is already met.
  emitPredeterminations(ctx, conditions);

  return { resourceType: 'Bundle', id: demoUuid(s, index, BUNDLE_ID_NUMBER), type: 'transaction', entry: ctx.entries };
}
