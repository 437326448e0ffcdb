import type { ResultFlag } from '../../../preload/contract';
import { arr, codings, conceptText, firstConceptText, moneyCents, obj, str, type Json } from '../fhir/access';
import { eobAmounts, firstItemText } from './billing';
import { containedResource, containedResults } from './contained';
import { addToDate, describeDate, paddedDate, readFhirDate } from './dates';
import { draft, undated, type EventDraft, type EventWhen } from './event-draft';
import { ageYears, type PatientFacts } from './reference-range';
import { observationValue, resultFlag, resultTitle } from './results';

export interface EventOptions {
  /** IANA zone of dateTimes written without an offset: the organisation's (settings.organisation.timeZone). */
  timeZone: string;
  /** The patient, when known: dates an onset given as an age, and picks the reference range for age and sex. */
  patient?: PatientFacts | undefined;
  /** Told (for the import report) why the resource is not on the timeline, or why one of its dates was not used. */
  note?: ((message: string) => void) | undefined;
}

const periodStart = (p: unknown) => obj(p)?.start;
const claimType = (r: Json) => conceptText(r.type);
const firstCode = (cc: unknown) => (codings(cc).find((c) => c.code)?.code ?? conceptText(cc))?.toLowerCase().slice(0, 40);
const joined = (parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p).join('; ') || null;
const rank: Record<ResultFlag, number> = { normal: 1, abnormal: 2, critical: 3 };

/** Entered in error (status, or a Condition's or allergy's verificationStatus): kept for audit, never shown or counted. */
export function enteredInError(r: Json): boolean {
  return r.status === 'entered-in-error' || codings(r.verificationStatus).some((c) => c.code === 'entered-in-error');
}

/** "age 45", "age 6 months": an Age as data text. */
function ageText(q: unknown): string | undefined {
  const o = obj(q);
  if (ageYears(o) === undefined) return undefined;
  const unit = (str(o?.code) ?? str(o?.unit) ?? 'a').toLowerCase();
  const value = String(o!.value);
  return ['a', 'year', 'years'].includes(unit) ? `age ${value}` : `age ${value} ${str(o?.unit) ?? unit}`;
}

function ageRangeText(r: unknown): string | undefined {
  const low = ageText(obj(r)?.low);
  const high = obj(obj(r)?.high)?.value;
  return low && high !== undefined ? `${low}–${String(high)}` : low;
}

export function toEvent(r: Json, options: EventOptions = { timeZone: 'UTC' }): EventDraft | undefined {
  const { timeZone, patient, note } = options;
  if (enteredInError(r)) {
    note?.('was entered in error: kept in the cache for audit, never shown on the timeline');
    return undefined;
  }

  /** The first of `candidates` that is a real date; a present but impossible one ("2020-02-30") is said and skipped. */
  const when = (...candidates: [string, unknown][]): EventWhen | undefined => {
    for (const [field, value] of candidates) {
      const d = readFhirDate(value, timeZone);
      if (!d) continue;
      if ('invalid' in d) {
        note?.(`${field} is not a valid date; it was not used`);
        continue;
      }
      return d;
    }
    return undefined;
  };

  /** A date worked out from an age and the birth date: about then, never exact. */
  const fromAge = (age: unknown): EventWhen | undefined => {
    const birth = paddedDate(patient?.birthDate);
    const o = obj(age);
    const years = ageYears(o);
    if (!birth || years === undefined) return undefined;
    const unit = (str(o?.code) ?? str(o?.unit) ?? 'a').toLowerCase();
    const value = Number(o!.value);
    const localDate = ['a', 'year', 'years'].includes(unit)
      ? addToDate(birth, { years: value })
      : ['mo', 'month', 'months'].includes(unit)
        ? addToDate(birth, { months: value })
        : addToDate(birth, { days: Math.round(years * 365.25) });
    return localDate ? { at: `${localDate}T12:00:00.000Z`, localDate, precision: 'approximate', tz: null } : undefined;
  };

  const dateText = (value: unknown) => {
    const d = readFhirDate(value, timeZone);
    return d && !('invalid' in d) ? describeDate(d) : undefined;
  };

  const status = str(r.status)?.slice(0, 40) ?? null;
  switch (r.resourceType) {
    case 'Encounter': {
      const title = firstConceptText(r.type) ?? conceptText(r.serviceType) ?? 'Visit';
      const cls = str(obj(r.class)?.display) ?? str(obj(r.class)?.code);
      return draft(when(['period.start', periodStart(r.period)]) ?? undated, 'encounter', title, { status, detail: cls ?? null });
    }
    case 'Observation': {
      const w =
        when(
          ['effectiveDateTime', r.effectiveDateTime],
          ['effectivePeriod.start', periodStart(r.effectivePeriod)],
          ['effectiveInstant', r.effectiveInstant],
          ['issued', r.issued],
        ) ?? undated;
      const title = resultTitle(r) ?? 'Result';
      // A cancelled result was never produced: whatever value or flag it carries is not shown.
      if (status === 'cancelled') return draft(w, 'result', title, { status });
      const { value, unit, number } = observationValue(r, timeZone);
      const { code, flag, range } = resultFlag(r, number, { patient, on: str(r.effectiveDateTime) ?? str(periodStart(r.effectivePeriod)) ?? str(r.issued) });
      return draft(w, 'result', title, { status, value, unit, interpretation: code, flag, detail: str(range?.text) ?? null });
    }
    case 'DiagnosticReport': {
      const w = when(['effectiveDateTime', r.effectiveDateTime], ['effectivePeriod.start', periodStart(r.effectivePeriod)], ['issued', r.issued]) ?? undated;
      const title = conceptText(r.code) ?? 'Report';
      const n = arr(r.result).length;
      const detail = n ? `${n} result${n === 1 ? '' : 's'}` : null;
      if (status === 'cancelled') return draft(w, 'report', title, { status, detail });
      // Results sent inside the report (contained) are on no other row: their values and worst flag are shown here.
      const on = str(r.effectiveDateTime) ?? str(periodStart(r.effectivePeriod)) ?? str(r.issued);
      let worst: { code: string | null; flag: ResultFlag } | undefined;
      const values: string[] = [];
      for (const m of containedResults(r)) {
        if (enteredInError(m) || m.status === 'cancelled') continue;
        const v = observationValue(m, timeZone);
        if (v.value) values.push(`${resultTitle(m) ?? 'Result'} ${v.value}${v.unit ? ` ${v.unit}` : ''}`);
        const f = resultFlag(m, v.number, { patient, on: str(m.effectiveDateTime) ?? on });
        if (f.flag && (!worst || rank[f.flag] > rank[worst.flag])) worst = { code: f.code, flag: f.flag };
      }
      return draft(w, 'report', title, {
        status,
        detail,
        value: values.length ? values.join('; ').slice(0, 200) : null,
        interpretation: worst?.code ?? null,
        flag: worst?.flag ?? null,
      });
    }
    case 'Condition':
    case 'AllergyIntolerance': {
      const condition = r.resourceType === 'Condition';
      const exact = condition
        ? when(['onsetDateTime', r.onsetDateTime], ['onsetPeriod.start', periodStart(r.onsetPeriod)])
        : when(['recordedDate', r.recordedDate], ['onsetDateTime', r.onsetDateTime], ['onsetPeriod.start', periodStart(r.onsetPeriod)]);
      const w = exact ?? fromAge(r.onsetAge) ?? fromAge(obj(r.onsetRange)?.low) ?? (condition ? when(['recordedDate', r.recordedDate]) : undefined) ?? undated;
      const onset = exact
        ? undefined
        : (ageText(r.onsetAge) ?? ageRangeText(r.onsetRange))
          ? `Onset at ${ageText(r.onsetAge) ?? ageRangeText(r.onsetRange)}`
          : str(r.onsetString)
            ? `Onset: ${str(r.onsetString)!.slice(0, 80)}`
            : undefined;
      const abatedOn = dateText(r.abatementDateTime) ?? dateText(periodStart(r.abatementPeriod));
      const abated = abatedOn
        ? `Resolved ${abatedOn}`
        : ageText(r.abatementAge)
          ? `Resolved at ${ageText(r.abatementAge)}`
          : str(r.abatementString)
            ? `Resolved: ${str(r.abatementString)!.slice(0, 80)}`
            : undefined;
      const verification = firstCode(r.verificationStatus);
      const clinical = firstCode(r.clinicalStatus);
      const shownStatus =
        verification === 'refuted' ? 'refuted' : (clinical ?? (abated ? 'resolved' : verification && verification !== 'confirmed' ? verification : null));
      const criticality = str(r.criticality) ? `Criticality: ${str(r.criticality)}` : undefined;
      return draft(w, condition ? 'condition' : 'allergy', conceptText(r.code) ?? (condition ? 'Condition' : 'Allergy'), {
        status: shownStatus ?? null,
        detail: joined([onset, abated, criticality]),
      });
    }
    case 'MedicationRequest': {
      const contained = containedResource(r, r.medicationReference, 'Medication');
      const title = conceptText(r.medicationCodeableConcept) ?? conceptText(contained?.code) ?? str(obj(r.medicationReference)?.display) ?? 'Medication';
      const dosage = str(obj(arr(r.dosageInstruction)[0])?.text) ?? null;
      return draft(when(['authoredOn', r.authoredOn]) ?? undated, 'medication', title, { status, detail: dosage });
    }
    case 'Immunization': {
      const given = str(r.occurrenceString);
      const w = when(['occurrenceDateTime', r.occurrenceDateTime], ['recorded', r.recorded]) ?? undated;
      return draft(w, 'immunization', conceptText(r.vaccineCode) ?? 'Immunization', { status, detail: given ? `Given: ${given.slice(0, 80)}` : null });
    }
    case 'Procedure': {
      const w =
        when(['performedDateTime', r.performedDateTime], ['performedPeriod.start', periodStart(r.performedPeriod)]) ??
        fromAge(r.performedAge) ??
        fromAge(obj(r.performedRange)?.low) ??
        undated;
      const performed =
        w.precision === 'approximate' || w.precision === 'undated'
          ? (ageText(r.performedAge) ?? ageRangeText(r.performedRange))
            ? `Performed at ${ageText(r.performedAge) ?? ageRangeText(r.performedRange)}`
            : str(r.performedString)
              ? `Performed: ${str(r.performedString)!.slice(0, 80)}`
              : null
          : null;
      return draft(w, 'procedure', conceptText(r.code) ?? 'Procedure', { status, detail: performed });
    }
    case 'CarePlan': {
      const title = str(r.title) ?? firstConceptText(r.category) ?? 'Care plan';
      return draft(when(['period.start', periodStart(r.period)], ['created', r.created]) ?? undated, 'careplan', title, { status });
    }
    case 'Appointment': {
      const title = str(r.description) ?? firstConceptText(r.serviceType) ?? firstConceptText(r.appointmentType ? [r.appointmentType] : []) ?? 'Appointment';
      const start = when(['start', r.start]);
      if (start) return draft(start, 'appointment', title, { status });
      // Without a start it is a request (proposed, pending, waitlisted): placed on the day it was made, never as booked.
      const closed = status === 'cancelled' || status === 'noshow';
      return draft(when(['created', r.created]) ?? undated, 'appointment', title, { status: closed ? status : 'requested' });
    }
    case 'Claim': {
      const total = moneyCents(r.total);
      return draft(
        when(['billablePeriod.start', periodStart(r.billablePeriod)], ['created', r.created]) ?? undated,
        'claim',
        `Claim: ${firstItemText(r) ?? claimType(r) ?? 'services'}`,
        {
          status,
          amountCents: total?.cents ?? null,
          currency: total?.currency ?? null,
        },
      );
    }
    case 'ExplanationOfBenefit': {
      const { chargedCents, patientCents, currency } = eobAmounts(r);
      const w = when(['billablePeriod.start', periodStart(r.billablePeriod)], ['created', r.created]) ?? undated;
      return draft(w, 'eob', `Explanation of benefits: ${firstItemText(r) ?? claimType(r) ?? 'services'}`, {
        status: str(r.outcome)?.slice(0, 40) ?? status,
        amountCents: chargedCents,
        patientCents,
        currency,
        detail: str(obj(r.insurer)?.display) ?? null,
      });
    }
    case 'Coverage': {
      const payor = str(obj(arr(r.payor)[0])?.display);
      const plan = str(obj(arr(r.class)[0])?.name) ?? str(obj(arr(r.class)[0])?.value);
      return draft(when(['period.start', periodStart(r.period)]) ?? undated, 'coverage', `Coverage: ${payor ?? conceptText(r.type) ?? 'insurance'}`, {
        status,
        detail: plan ?? null,
      });
    }
    default:
      return undefined;
  }
}
