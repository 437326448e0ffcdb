import { arr, codings, conceptText, moneyCents, obj, str, type Json } from '../fhir/access';

/** What an adjudication amount is, from CARIN BB / HL7 category codes or the Blue Button variables Synthea writes. */
const categories: Record<string, Slot> = {
  submitted: 'charged',
  line_sbmtd_chrg_amt: 'charged',
  eligible: 'allowed',
  line_alowd_chrg_amt: 'allowed',
  benefit: 'planPaid',
  line_prvdr_pmt_amt: 'planPaid',
  deductible: 'deductible',
  line_bene_ptb_ddctbl_amt: 'deductible',
  copay: 'copay',
  coinsurance: 'coinsurance',
  line_coinsrnc_amt: 'coinsurance',
  noncovered: 'notCovered',
  memberliability: 'patient',
};
type Slot = 'charged' | 'allowed' | 'planPaid' | 'deductible' | 'copay' | 'coinsurance' | 'notCovered' | 'patient';

function slotOf(entry: Json): Slot | undefined {
  for (const c of codings(entry.category)) {
    const code = c.code?.split('/').pop();
    if (code && code in categories) return categories[code];
  }
  return undefined;
}

/** The first amount for each slot in a list of adjudications or totals. */
function amounts(list: unknown): { slots: Partial<Record<Slot, number>>; currency: string | undefined } {
  const slots: Partial<Record<Slot, number>> = {};
  let currency: string | undefined;
  for (const item of arr(list)) {
    const o = obj(item);
    if (!o) continue;
    const slot = slotOf(o);
    const m = moneyCents(o.amount);
    if (!slot || !m || slots[slot] !== undefined) continue;
    slots[slot] = m.cents;
    currency ??= m.currency;
  }
  return { slots, currency };
}

export interface MathLine {
  service: string;
  date: string | null;
  chargedCents: number | null;
  allowedCents: number | null;
  planPaidCents: number | null;
  deductibleCents: number;
  copayCents: number;
  coinsuranceCents: number;
  notCoveredCents: number;
  patientCents: number;
  denied: boolean;
  /** CARC codes with the document's own wording. */
  reasons: { code: string; display: string | undefined }[];
}

export interface BillMath {
  currency: string;
  adjudicated: boolean;
  lines: MathLine[];
  chargedCents: number;
  planPaidCents: number;
  patientCents: number;
  document: { chargedCents: number | null; planPaidCents: number | null; patientCents: number | null };
  date: string | undefined;
}

function reasonsOf(adjudications: unknown): MathLine['reasons'] {
  const seen = new Map<string, string | undefined>();
  for (const a of arr(adjudications)) {
    for (const c of codings(obj(a)?.reason)) {
      if (c.code && (c.system?.includes('adjustment-reason') || c.system?.includes('carc') || !c.system)) seen.set(c.code, c.display);
    }
  }
  return [...seen].map(([code, display]) => ({ code, display }));
}

/** Line-by-line arithmetic of an ExplanationOfBenefit or Claim, with the document's own totals beside it. */
export function billMath(resource: Json): BillMath {
  const adjudicated = resource.resourceType === 'ExplanationOfBenefit';
  let currency: string | undefined;
  const lines: MathLine[] = [];
  for (const raw of arr(resource.item)) {
    const item = obj(raw);
    if (!item) continue;
    const { slots, currency: c } = amounts(item.adjudication);
    currency ??= c;
    const net = moneyCents(item.net);
    currency ??= net?.currency;
    const charged = slots.charged ?? net?.cents ?? null;
    const reasons = reasonsOf(item.adjudication);
    const hasMoney = charged !== null || Object.keys(slots).length > 0;
    if (!hasMoney) continue;
    const deductible = slots.deductible ?? 0;
    const copay = slots.copay ?? 0;
    const coinsurance = slots.coinsurance ?? 0;
    const notCovered = slots.notCovered ?? 0;
    const parts = deductible + copay + coinsurance + notCovered;
    const anyPart = ['deductible', 'copay', 'coinsurance', 'notCovered'].some((k) => slots[k as Slot] !== undefined);
    const patient = anyPart ? parts : (slots.patient ?? (slots.allowed !== undefined && slots.planPaid !== undefined ? slots.allowed - slots.planPaid : 0));
    const denied = reasons.length > 0 && (slots.planPaid ?? 0) === 0 && (slots.allowed ?? 0) === 0;
    lines.push({
      service: conceptText(item.productOrService) ?? '—',
      date: str(item.servicedDate) ?? str(obj(item.servicedPeriod)?.start) ?? null,
      chargedCents: charged,
      allowedCents: slots.allowed ?? null,
      planPaidCents: slots.planPaid ?? null,
      deductibleCents: deductible,
      copayCents: copay,
      coinsuranceCents: coinsurance,
      notCoveredCents: notCovered,
      patientCents: adjudicated ? patient : 0,
      denied,
      reasons,
    });
  }
  const totals = amounts(resource.total);
  currency ??= totals.currency ?? moneyCents(obj(resource.total))?.currency ?? 'USD';
  const t = totals.slots;
  const payment = moneyCents(obj(resource.payment)?.amount)?.cents;
  const docPatientParts = ['deductible', 'copay', 'coinsurance', 'notCovered'].filter((k) => t[k as Slot] !== undefined);
  const sum = (f: (l: MathLine) => number | null) => lines.reduce((n, l) => n + (f(l) ?? 0), 0);
  return {
    currency,
    adjudicated,
    lines,
    chargedCents: sum((l) => l.chargedCents),
    planPaidCents: sum((l) => l.planPaidCents),
    patientCents: sum((l) => l.patientCents),
    document: {
      chargedCents: t.charged ?? moneyCents(resource.total)?.cents ?? null,
      planPaidCents: t.planPaid ?? payment ?? null,
      patientCents: adjudicated ? (t.patient ?? (docPatientParts.length ? docPatientParts.reduce((n, k) => n + (t[k as Slot] ?? 0), 0) : null)) : null,
    },
    date: str(obj(resource.billablePeriod)?.start) ?? lines.find((l) => l.date)?.date ?? str(resource.created),
  };
}

/** Whether the lines agree with each total the document states (to the cent, allowing a cent of rounding per line). */
export function checkTotals(m: BillMath) {
  const tolerance = Math.max(1, m.lines.length);
  const compare = (what: 'charged' | 'planPaid' | 'patient', linesCents: number, documentCents: number | null) => ({
    what,
    linesCents,
    documentCents,
    matches: documentCents === null || Math.abs(linesCents - documentCents) <= tolerance,
  });
  const totals = [
    compare('charged', m.chargedCents, m.document.chargedCents),
    ...(m.adjudicated ? [compare('planPaid', m.planPaidCents, m.document.planPaidCents), compare('patient', m.patientCents, m.document.patientCents)] : []),
  ];
  return { matches: totals.every((t) => t.matches), totals };
}
