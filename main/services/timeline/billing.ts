import { readBill } from '../billing/eob-facts';
import { arr, conceptText, obj, type Json } from '../fhir/access';

/**
 * What was charged and what the payer says the patient owes, in cents: the same reading as the bill script
 * (main/services/billing/), so the timeline and the script never show two different "your part" amounts.
 */
export function eobAmounts(eob: Json): { chargedCents: number | null; patientCents: number | null; currency: string } {
  const f = readBill(eob);
  const void_ = f.status === 'entered-in-error' || f.status === 'cancelled';
  return { chargedCents: f.chargedCents, patientCents: void_ ? null : f.liabilityCents, currency: f.currency };
}

export function firstItemText(resource: Json): string | undefined {
  for (const item of arr(resource.item)) {
    const text = conceptText(obj(item)?.productOrService);
    if (text) return text;
  }
  return undefined;
}
