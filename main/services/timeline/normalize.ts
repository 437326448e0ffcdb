import { arr, conceptText, firstConceptText, moneyCents, obj, str, type Json } from '../fhir/access';
import { eobAmounts, firstItemText } from './billing';
import { toInstant } from './dates';
import { draft, type EventDraft } from './event-draft';
import { observationValue, resultFlag } from './results';

const periodStart = (p: unknown) => str(obj(p)?.start);
const claimType = (r: Json) => conceptText(r.type);

/** The timeline event a resource contributes, or undefined for resources that are not events (Patient, Practitioner…). */
export function toEvent(r: Json): EventDraft | undefined {
  const status = str(r.status) ?? null;
  switch (r.resourceType) {
    case 'Encounter': {
      const at = toInstant(periodStart(r.period));
      if (!at) return undefined;
      const title = firstConceptText(r.type) ?? conceptText(r.serviceType) ?? 'Visit';
      const cls = str(obj(r.class)?.display) ?? str(obj(r.class)?.code);
      return draft(at, 'encounter', title, { status, detail: cls ?? null });
    }
    case 'Observation': {
      const at = toInstant(str(r.effectiveDateTime) ?? periodStart(r.effectivePeriod) ?? str(r.effectiveInstant) ?? str(r.issued));
      if (!at) return undefined;
      const { value, unit, number } = observationValue(r);
      const { code, flag } = resultFlag(r, number);
      const range = obj(arr(r.referenceRange)[0]);
      return draft(at, 'result', conceptText(r.code) ?? 'Result', {
        status,
        value,
        unit,
        interpretation: code,
        flag,
        detail: str(range?.text) ?? null,
      });
    }
    case 'DiagnosticReport': {
      const at = toInstant(str(r.effectiveDateTime) ?? periodStart(r.effectivePeriod) ?? str(r.issued));
      if (!at) return undefined;
      const n = arr(r.result).length;
      return draft(at, 'report', conceptText(r.code) ?? 'Report', { status, detail: n ? `${n} result${n === 1 ? '' : 's'}` : null });
    }
    case 'Condition': {
      const at = toInstant(str(r.onsetDateTime) ?? periodStart(r.onsetPeriod) ?? str(r.recordedDate));
      if (!at) return undefined;
      return draft(at, 'condition', conceptText(r.code) ?? 'Condition', { status: conceptText(r.clinicalStatus) ?? null });
    }
    case 'MedicationRequest': {
      const at = toInstant(str(r.authoredOn));
      if (!at) return undefined;
      const title = conceptText(r.medicationCodeableConcept) ?? str(obj(r.medicationReference)?.display) ?? 'Medication';
      const dosage = str(obj(arr(r.dosageInstruction)[0])?.text) ?? null;
      return draft(at, 'medication', title, { status, detail: dosage });
    }
    case 'Immunization': {
      const at = toInstant(str(r.occurrenceDateTime) ?? str(r.recorded));
      if (!at) return undefined;
      return draft(at, 'immunization', conceptText(r.vaccineCode) ?? 'Immunization', { status });
    }
    case 'Procedure': {
      const at = toInstant(str(r.performedDateTime) ?? periodStart(r.performedPeriod));
      if (!at) return undefined;
      return draft(at, 'procedure', conceptText(r.code) ?? 'Procedure', { status });
    }
    case 'AllergyIntolerance': {
      const at = toInstant(str(r.recordedDate) ?? str(r.onsetDateTime));
      if (!at) return undefined;
      return draft(at, 'allergy', conceptText(r.code) ?? 'Allergy', {
        status: conceptText(r.clinicalStatus) ?? null,
        detail: str(r.criticality) ? `Criticality: ${str(r.criticality)}` : null,
      });
    }
    case 'CarePlan': {
      const at = toInstant(periodStart(r.period) ?? str(r.created));
      if (!at) return undefined;
      const title = str(r.title) ?? firstConceptText(r.category) ?? 'Care plan';
      return draft(at, 'careplan', title, { status });
    }
    case 'Appointment': {
      const at = toInstant(str(r.start) ?? str(r.created));
      if (!at) return undefined;
      const title = str(r.description) ?? firstConceptText(r.serviceType) ?? firstConceptText(r.appointmentType ? [r.appointmentType] : []) ?? 'Appointment';
      return draft(at, 'appointment', title, { status });
    }
    case 'Claim': {
      const at = toInstant(periodStart(r.billablePeriod) ?? str(r.created));
      if (!at) return undefined;
      const total = moneyCents(r.total);
      return draft(at, 'claim', `Claim: ${firstItemText(r) ?? claimType(r) ?? 'services'}`, {
        status,
        amountCents: total?.cents ?? null,
        currency: total?.currency ?? null,
      });
    }
    case 'ExplanationOfBenefit': {
      const at = toInstant(periodStart(r.billablePeriod) ?? str(r.created));
      if (!at) return undefined;
      const { chargedCents, patientCents, currency } = eobAmounts(r);
      return draft(at, 'eob', `Explanation of benefits: ${firstItemText(r) ?? claimType(r) ?? 'services'}`, {
        status: str(r.outcome) ?? status,
        amountCents: chargedCents,
        patientCents,
        currency,
        detail: str(obj(r.insurer)?.display) ?? null,
      });
    }
    case 'Coverage': {
      const at = toInstant(periodStart(r.period));
      if (!at) return undefined;
      const payor = str(obj(arr(r.payor)[0])?.display);
      const plan = str(obj(arr(r.class)[0])?.name) ?? str(obj(arr(r.class)[0])?.value);
      return draft(at, 'coverage', `Coverage: ${payor ?? conceptText(r.type) ?? 'insurance'}`, { status, detail: plan ?? null });
    }
    default:
      return undefined;
  }
}
