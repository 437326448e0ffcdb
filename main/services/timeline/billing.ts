import { readBill } from '../billing/eob-facts';
import { arr, conceptText, obj, type Json } from '../fhir/access';

/**
 * What was charged and what the payer says the patient owes, in cents: the same reading as the bill script
 * (main/services/billing/), so the timeline and the script never show two different "your part" amounts.
 */
export function eobAmounts(eob: Json): { chargedCents: number | null; patientCents: number | null; currency: string } {
  const f = readBill(eob);
  // A withdrawn EOB owes nothing and an estimate is not a bill: neither shows a "patient owes" figure.
  const notOwed = f.status === 'entered-in-error' || f.status === 'cancelled' || f.use === 'predetermination' || f.use === 'preauthorization';
  return { chargedCents: f.chargedCents, patientCents: notOwed ? null : f.liabilityCents, currency: f.currency };
}

export function firstItemText(resource: Json): string | undefined {
  for (const item of arr(resource.item)) {
    const text = conceptText(obj(item)?.productOrService);
    if (text) return text;
  }
  return undefined;
}
