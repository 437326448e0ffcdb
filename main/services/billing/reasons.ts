import { arr, codings, obj } from '../fhir/access';

/** X12 claim adjustment group: who carries an adjusted amount (CO provider, PR patient, OA/PI other, CR correction). */
export type Group = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';

export interface Reason {
  /** The CARC code ("45", "A1") when the reason is one; else the payer's own code. */
  code: string;
  carc: boolean;
  group: Group | undefined;
  /** The payer's wording, for the agent only: payer text is never read to a patient. */
  display: string | undefined;
}

const GROUPED = /^(CO|PR|OA|PI|CR)[- ]?([A-Z]?\d{1,3})$/;
const CARC = /^[A-Z]?\d{1,3}$/;

const isCarcSystem = (system: string | undefined) => !system || /adjustment-reason|carc|x12\.org|ansi_cd|claimadjustmentreason/i.test(system);

/** Codes that ride on reason slots but are not reasons: network and payment status, Blue Button indicators. */
const notAReason = (system: string | undefined, code: string) =>
  /PayerAdjudicationStatus/i.test(system ?? '') || /rdcd_pmt_phys_astn_c|line_pmt_80_100_cd|prcsg_ind_cd/i.test(system ?? '') || code === '0';

/** The reasons on a list of adjudication entries, de-duplicated. */
export function reasonsOf(adjudications: unknown): Reason[] {
  const seen = new Map<string, Reason>();
  for (const a of arr(adjudications)) {
    const entry = obj(a);
    if (!entry) continue;
    for (const c of codings(entry.reason)) {
      const raw = c.code?.trim().toUpperCase();
      if (!raw || raw.length > 12 || notAReason(c.system, raw)) continue;
      const grouped = GROUPED.exec(raw);
      const reason: Reason = grouped
        ? { code: grouped[2]!, carc: true, group: grouped[1] as Group, display: c.display }
        : { code: raw, carc: isCarcSystem(c.system) && CARC.test(raw), group: undefined, display: c.display };
      const key = `${reason.carc ? 'carc' : (c.system ?? '')}|${reason.code}`;
      if (!seen.has(key)) seen.set(key, reason);
    }
  }
  return [...seen.values()];
}

/** CARIN's network and payment status on an entry list: innetwork, outofnetwork, denied, partiallypaid, paid... */
export function paymentStatuses(adjudications: unknown): string[] {
  const out: string[] = [];
  for (const a of arr(adjudications)) {
    for (const c of codings(obj(a)?.reason)) if (c.code && /PayerAdjudicationStatus/i.test(c.system ?? '')) out.push(c.code.toLowerCase());
  }
  return out;
}
