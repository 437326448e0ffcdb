import { arr, codings, conceptText, moneyCents, obj, type Json } from '../fhir/access';

function categoryCodes(entry: Json): string[] {
  return codings(entry.category).map((c) => c.code ?? '').filter(Boolean);
}

/** The amount of the first total (or adjudication) whose category is one of `codes`. */
function findAmount(list: unknown, codes: readonly string[]): { cents: number; currency: string } | undefined {
  for (const item of arr(list)) {
    const o = obj(item);
    if (o && categoryCodes(o).some((c) => codes.includes(c))) {
      const m = moneyCents(o.amount);
      if (m) return m;
    }
  }
  return undefined;
}

function sumCategories(list: unknown, codes: readonly string[]): number | undefined {
  let found = false;
  let sum = 0;
  for (const code of codes) {
    const m = findAmount(list, [code]);
    if (m) {
      found = true;
      sum += m.cents;
    }
  }
  return found ? sum : undefined;
}

const patientShare = ['deductible', 'copay', 'coinsurance', 'noncovered'];

/** What was charged and what the patient owes, in cents, from an EOB's totals (or, failing that, its lines). */
export function eobAmounts(eob: Json): { chargedCents: number | null; patientCents: number | null; currency: string } {
  const submitted = findAmount(eob.total, ['submitted']);
  let patient = findAmount(eob.total, ['memberliability'])?.cents ?? sumCategories(eob.total, patientShare);
  let charged = submitted?.cents;
  if (charged === undefined || patient === undefined) {
    let chargedSum = 0;
    let patientSum = 0;
    let anyPatient = false;
    for (const item of arr(eob.item)) {
      const o = obj(item);
      if (!o) continue;
      chargedSum += findAmount(o.adjudication, ['submitted'])?.cents ?? moneyCents(o.net)?.cents ?? 0;
      const share = findAmount(o.adjudication, ['memberliability'])?.cents ?? sumCategories(o.adjudication, patientShare);
      if (share !== undefined) {
        anyPatient = true;
        patientSum += share;
      }
    }
    charged ??= chargedSum;
    if (patient === undefined && anyPatient) patient = patientSum;
  }
  return { chargedCents: charged ?? null, patientCents: patient ?? null, currency: submitted?.currency ?? 'USD' };
}

export function firstItemText(resource: Json): string | undefined {
  for (const item of arr(resource.item)) {
    const text = conceptText(obj(item)?.productOrService);
    if (text) return text;
  }
  return undefined;
}
