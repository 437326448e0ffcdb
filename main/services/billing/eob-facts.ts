import { arr, codings, conceptText, moneyCents, obj, str, type Json } from '../fhir/access';
import { partAParts, partATotal, slotOf, type Slot } from './categories';
import { coverageKind, coveragesOn, type CoverageKind } from './coverage';
import { paymentStatuses, reasonsOf, type Reason } from './reasons';

/** Per slot; `bbCostShare` sums the deductible and coinsurance Blue Button variables, which CMS defines as the
 * beneficiary's liability (the HL7 categories alone are not a statement of what the patient owes). */
type Sums = Partial<Record<Slot | 'bbCostShare', number>>;

/** Every amount of a list of adjudications or totals, summed per slot (a Blue Button variable counts once). */
function sums(list: unknown): { sums: Sums; currency: string | undefined } {
  const out: Sums = {};
  const variables = new Set<string>();
  let currency: string | undefined;
  for (const raw of arr(list)) {
    const entry = obj(raw);
    if (!entry) continue;
    const hit = slotOf(entry);
    const m = moneyCents(entry.amount);
    if (!hit || !m) continue;
    if (hit.variable) {
      if (variables.has(hit.variable)) continue;
      variables.add(hit.variable);
    }
    out[hit.slot] = (out[hit.slot] ?? 0) + m.cents;
    if (hit.variable && (hit.slot === 'deductible' || hit.slot === 'coinsurance' || hit.slot === 'copay')) out.bbCostShare = (out.bbCostShare ?? 0) + m.cents;
    if (m.currency && str(obj(entry.amount)?.currency)) currency ??= m.currency;
  }
  return { sums: out, currency };
}

export type LiabilityFrom = 'memberliability' | 'part-d' | 'cost-share' | 'part-a';

export interface LineFacts {
  service: string;
  date: string | null;
  chargedCents: number | null;
  allowedCents: number | null;
  planPaidCents: number | null;
  deductibleCents: number;
  copayCents: number;
  coinsuranceCents: number;
  notCoveredCents: number;
  paidByPatientCents: number | null;
  paidToPatientCents: number | null;
  priorPayerCents: number | null;
  /** What the payer states the patient owes for this line; null when the line states nothing of the kind. */
  liabilityCents: number | null;
  liabilityFrom: LiabilityFrom | null;
  reasons: Reason[];
  /** CARIN payment status on the line (denied, partiallypaid, innetwork, outofnetwork...). */
  statuses: string[];
  emergency: boolean;
}

export interface BillFacts {
  resourceType: 'Claim' | 'ExplanationOfBenefit';
  status: string | undefined;
  use: string | undefined;
  outcome: string | undefined;
  pharmacy: boolean;
  currency: string;
  lines: LineFacts[];
  /** Line totals where the lines state them, else the document's own totals. */
  chargedCents: number | null;
  planPaidCents: number | null;
  /**
   * The payer's own figure for the patient's part: CARIN member liability (lines, then header), Part D patient pay,
   * Blue Button's beneficiary cost shares (lines), Part A's header total. Never worked out from other amounts.
   */
  liabilityCents: number | null;
  liabilityFrom: { level: 'line' | 'header'; kind: LiabilityFrom } | null;
  /** Another figure the same document states for the patient's part that disagrees with the one above. */
  otherStatedCents: number | null;
  /** Deductible, copay and coinsurance the document states (lines first), which explain the liability. */
  parts: { deductible: number; copay: number; coinsurance: number };
  alreadyPaidCents: number | null;
  priorPayerCents: number | null;
  paidToPatientCents: number | null;
  /** Not-covered money the document does not put on anyone: the billing office must say whose it is. */
  unclearNotCoveredCents: number;
  /** Lines that take money back (negative amounts): a correction of an earlier claim. */
  reversal: boolean;
  emergency: boolean;
  /** Care in a hospital or surgery center (an institutional claim, or place of service 19, 21, 22, 24). */
  hospitalSetting: boolean;
  outOfNetwork: boolean;
  coverage: CoverageKind;
  /** The patient has more than one plan in force on the date of service. */
  otherCoverage: boolean;
  date: string | undefined;
}

const PLACE_OF_SERVICE = /place-of-service|serviceplace|place_of_srvc/i;

function emergencyLine(item: Json): boolean {
  if (codings(item.locationCodeableConcept).some((c) => c.code === '23' && PLACE_OF_SERVICE.test(c.system ?? ''))) return true;
  if (codings(item.revenue).some((c) => /^0?45\d$/.test(c.code ?? ''))) return true;
  if (codings(item.productOrService).some((c) => /^9928[1-5]$/.test(c.code ?? '') && (!c.system || /cpt|ama-assn|hcpcs/i.test(c.system)))) return true;
  return /\bemergency (room|department|dept)\b|\ber visit\b/i.test(conceptText(item.productOrService) ?? '');
}

function lineLiability(s: Sums): { cents: number | null; from: LiabilityFrom | null } {
  if (s.memberLiability !== undefined) return { cents: s.memberLiability, from: 'memberliability' };
  if (s.partDPatientPay !== undefined) return { cents: s.partDPatientPay, from: 'part-d' };
  if (s.bbCostShare !== undefined) return { cents: s.bbCostShare, from: 'cost-share' };
  return { cents: null, from: null };
}

const planPaidOf = (s: Sums): number | undefined =>
  s.planPaid ?? (s.paidToProvider !== undefined || s.paidToPatient !== undefined ? (s.paidToProvider ?? 0) + (s.paidToPatient ?? 0) : undefined);

/** Blue Button's Part A liability, which sits in benefitBalance.financial, not in the adjudications. */
function partA(resource: Json): number | null {
  const found = new Map<string, number>();
  for (const bb of arr(resource.benefitBalance)) {
    for (const f of arr(obj(bb)?.financial)) {
      const fin = obj(f);
      const m = moneyCents(obj(fin)?.usedMoney);
      if (!fin || !m) continue;
      for (const c of codings(fin.type)) {
        const name = (c.code ?? '').split('/').pop() ?? '';
        if ((name === partATotal || partAParts.includes(name)) && !found.has(name)) found.set(name, m.cents);
      }
    }
  }
  if (found.has(partATotal)) return found.get(partATotal)!;
  const parts = partAParts.filter((p) => found.has(p));
  return parts.length ? parts.reduce((n, p) => n + found.get(p)!, 0) : null;
}

const sumOf = (lines: readonly LineFacts[], f: (l: LineFacts) => number | null): number | null => {
  const stated = lines.map(f).filter((v): v is number => v !== null);
  return stated.length ? stated.reduce((a, b) => a + b, 0) : null;
};

function serviceDate(resource: Json, lines: readonly LineFacts[]): string | undefined {
  return lines.find((l) => l.date)?.date ?? str(obj(resource.billablePeriod)?.start) ?? str(resource.created);
}

export interface BillContext {
  /** The patient's Coverage resources (cached), besides any the document contains. */
  coverages?: readonly Json[];
}

/** Everything a bill script may say about a Claim or ExplanationOfBenefit, read only from what the document states. */
export function readBill(resource: Json, context: BillContext = {}): BillFacts {
  let currency: string | undefined;
  const lines: LineFacts[] = [];
  for (const raw of arr(resource.item)) {
    const item = obj(raw);
    if (!item) continue;
    const { sums: s, currency: c } = sums(item.adjudication);
    currency ??= c;
    const net = moneyCents(item.net);
    const liability = lineLiability(s);
    lines.push({
      service: conceptText(item.productOrService) ?? conceptText(item.revenue) ?? '—',
      date: str(item.servicedDate) ?? str(obj(item.servicedPeriod)?.start) ?? null,
      chargedCents: s.charged ?? s.drugCost ?? net?.cents ?? null,
      allowedCents: s.allowed ?? null,
      planPaidCents: planPaidOf(s) ?? null,
      deductibleCents: s.deductible ?? 0,
      copayCents: s.copay ?? 0,
      coinsuranceCents: s.coinsurance ?? 0,
      notCoveredCents: s.notCovered ?? 0,
      paidByPatientCents: s.paidByPatient ?? s.partDPatientPay ?? null,
      paidToPatientCents: s.paidToPatient ?? null,
      priorPayerCents: s.priorPayer ?? null,
      liabilityCents: liability.cents,
      liabilityFrom: liability.from,
      reasons: reasonsOf(item.adjudication),
      statuses: paymentStatuses(item.adjudication),
      emergency: emergencyLine(item),
    });
  }
  const totals = sums(resource.total);
  const headerAdj = sums(resource.adjudication);
  const header: Sums = { ...headerAdj.sums, ...totals.sums };
  currency ??= totals.currency ?? headerAdj.currency ?? moneyCents(resource.total)?.currency ?? 'USD';

  const lineStated = (kind: LiabilityFrom) =>
    sumOf(
      lines.filter((l) => l.liabilityFrom === kind),
      (l) => l.liabilityCents,
    );
  const candidates: { level: 'line' | 'header'; kind: LiabilityFrom; cents: number | null }[] = [
    { level: 'line', kind: 'memberliability', cents: lineStated('memberliability') },
    { level: 'header', kind: 'memberliability', cents: header.memberLiability ?? null },
    { level: 'line', kind: 'part-d', cents: lineStated('part-d') },
    { level: 'header', kind: 'part-d', cents: header.partDPatientPay ?? null },
    { level: 'line', kind: 'cost-share', cents: lineStated('cost-share') },
    { level: 'header', kind: 'part-a', cents: partA(resource) },
    { level: 'header', kind: 'cost-share', cents: header.bbCostShare ?? null },
  ];
  const chosen = candidates.find((c) => c.cents !== null);
  // The header's member liability against the lines' (both the payer's own statement): a disagreement is the billing
  // office's to settle, never the patient's to hear twice.
  const memberLine = candidates[0]!.cents;
  const memberHeader = candidates[1]!.cents;
  const otherStated = memberLine !== null && memberHeader !== null && Math.abs(memberLine - memberHeader) > lines.length ? memberHeader : null;

  const anyLine = (f: (l: LineFacts) => number | null) => sumOf(lines, f);
  const parts = {
    deductible: lines.some((l) => l.deductibleCents) ? lines.reduce((n, l) => n + l.deductibleCents, 0) : (header.deductible ?? 0),
    copay: lines.some((l) => l.copayCents) ? lines.reduce((n, l) => n + l.copayCents, 0) : (header.copay ?? 0),
    coinsurance: lines.some((l) => l.coinsuranceCents) ? lines.reduce((n, l) => n + l.coinsuranceCents, 0) : (header.coinsurance ?? 0),
  };
  // Not-covered money is the patient's only when the payer's member liability includes it; a line whose reasons say
  // CO/OA/PI has put it on the provider or another party.
  const statedByPayer = chosen?.kind === 'memberliability';
  const unclearNotCoveredCents = statedByPayer
    ? 0
    : lines.reduce((n, l) => {
        if (l.notCoveredCents <= 0) return n;
        if (l.reasons.some((r) => r.group === 'CO' || r.group === 'OA' || r.group === 'PI')) return n;
        return n + l.notCoveredCents;
      }, 0) || (lines.every((l) => l.notCoveredCents === 0) && (header.notCovered ?? 0) > 0 ? header.notCovered! : 0);

  const typeCodes = [...codings(resource.type), ...codings(resource.subType)].map((c) => c.code?.toLowerCase());
  const pharmacy =
    typeCodes.includes('pharmacy') ||
    typeCodes.includes('pde') ||
    arr(resource.item).some((i) => codings(obj(i)?.productOrService).some((c) => /ndc/i.test(c.system ?? '')));
  const statuses = [...paymentStatuses(resource.adjudication), ...lines.flatMap((l) => l.statuses)];
  const date = serviceDate(resource, lines);

  const contained = arr(resource.contained).flatMap((c) => (obj(c)?.resourceType === 'Coverage' ? [obj(c)!] : []));
  const referenced = new Set(
    arr(resource.insurance)
      .map((i) => str(obj(obj(i)?.coverage)?.reference))
      .filter(Boolean),
  );
  const all = [...contained, ...(context.coverages ?? [])];
  const inForce = coveragesOn(all, date);
  const own = all.filter((c) => referenced.has(`#${str(c.id) ?? ''}`) || referenced.has(`Coverage/${str(c.id) ?? ''}`));
  const kinds = inForce.map(coverageKind);
  const ownKind = own.map(coverageKind)[0];
  const insured = kinds.filter((k) => k !== 'uninsured');
  // QMB or a Medicaid plan beside Medicare protects the patient from the Medicare claim's cost sharing. An EOB from a
  // plan is never "no plan" because a self-pay record sits in the cache: only its own coverage can say so.
  const coverage: CoverageKind = kinds.includes('qmb')
    ? 'qmb'
    : kinds.includes('medicaid')
      ? 'medicaid'
      : (ownKind ?? insured[0] ?? (kinds.length && !resource.insurer ? 'uninsured' : 'unknown'));

  return {
    resourceType: resource.resourceType === 'Claim' ? 'Claim' : 'ExplanationOfBenefit',
    status: str(resource.status),
    use: str(resource.use),
    outcome: str(resource.outcome),
    pharmacy,
    currency,
    lines,
    chargedCents: anyLine((l) => l.chargedCents) ?? header.charged ?? header.drugCost ?? moneyCents(resource.total)?.cents ?? null,
    planPaidCents: anyLine((l) => l.planPaidCents) ?? planPaidOf(header) ?? moneyCents(obj(resource.payment)?.amount)?.cents ?? null,
    liabilityCents: chosen?.cents ?? null,
    liabilityFrom: chosen ? { level: chosen.level, kind: chosen.kind } : null,
    otherStatedCents: otherStated,
    parts,
    alreadyPaidCents: anyLine((l) => l.paidByPatientCents) ?? header.paidByPatient ?? header.partDPatientPay ?? null,
    priorPayerCents: anyLine((l) => l.priorPayerCents) ?? header.priorPayer ?? null,
    paidToPatientCents: anyLine((l) => l.paidToPatientCents) ?? header.paidToPatient ?? null,
    unclearNotCoveredCents,
    reversal: lines.some((l) => (l.chargedCents ?? 0) < 0 || (l.planPaidCents ?? 0) < 0 || (l.liabilityCents ?? 0) < 0),
    emergency: lines.some((l) => l.emergency),
    hospitalSetting:
      typeCodes.includes('institutional') ||
      arr(resource.item).some((i) =>
        codings(obj(i)?.locationCodeableConcept).some((c) => ['19', '21', '22', '24'].includes(c.code ?? '') && PLACE_OF_SERVICE.test(c.system ?? '')),
      ),
    outOfNetwork: statuses.includes('outofnetwork') || lines.some((l) => l.reasons.some((r) => r.carc && r.code === '242')),
    coverage,
    otherCoverage: new Set(inForce.map((c) => str(c.id) ?? JSON.stringify(c.type))).size > 1,
    date,
  };
}
