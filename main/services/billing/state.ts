import type { CarcAction, CarcKind } from '../knowledge/schema';
import type { BillFacts, LineFacts } from './eob-facts';
import type { Reason } from './reasons';

export interface ReasonInfo {
  kind: CarcKind;
  action: CarcAction;
  noSurprises: boolean;
}
/** What the knowledge pack says about a CARC; undefined for a code it does not know. */
export type ReasonLookup = (r: Reason) => ReasonInfo | undefined;

/**
 * What a bill script may say, decided only from what the document states:
 * - void: entered in error or cancelled, never explained;
 * - pending: a Claim (or a queued EOB) the plan has not finished;
 * - estimate: a predetermination or preauthorization, not a bill;
 * - uninsured: no plan was behind the care;
 * - not-shown: the document states no member liability;
 * - credit: it takes money back;
 * - protected: Medicaid or QMB, where the law bars billing the patient for cost sharing;
 * - open: $0 stated, but the claim waits on something (other insurance, information, the provider's correction);
 * - nothing, paid, paid-more, owe: the stated part, less what the patient already paid.
 */
export type BillState =
  'void' | 'pending' | 'estimate' | 'uninsured' | 'not-shown' | 'credit' | 'protected' | 'open' | 'nothing' | 'paid' | 'paid-more' | 'owe';

/** Reasons that leave a $0 claim unsettled (X12 CARC): missing information, coordination of benefits, attachments. */
const OPEN_REASONS = new Set(['16', '22', '109', '133', '226', '227', '252']);
const OPEN_ACTIONS = new Set<CarcAction>(['update-other-insurance', 'send-information']);

/** A line the plan did not pay for a reason that is a denial (not a deductible applied, a capitation, a reduction). */
export function isDenied(line: LineFacts, info: ReasonLookup): boolean {
  if ((line.planPaidCents ?? 0) !== 0) return false;
  if (line.statuses.includes('denied')) return true;
  return line.reasons.some((r) => {
    if (!r.carc) return true;
    const known = info(r);
    return !known || known.kind === 'denial';
  });
}

export function billState(f: BillFacts, info: ReasonLookup): BillState {
  if (f.status === 'entered-in-error' || f.status === 'cancelled') return 'void';
  // No plan behind the care: no plan will answer the claim either.
  if (f.coverage === 'uninsured') return 'uninsured';
  if (f.resourceType === 'Claim' || f.status === 'draft' || f.outcome === 'queued') return 'pending';
  if (f.use === 'predetermination' || f.use === 'preauthorization') return 'estimate';
  if (f.liabilityCents === null || f.outcome === 'error') return 'not-shown';
  if (f.liabilityCents < 0) return 'credit';
  const reasons = f.lines.flatMap((l) => l.reasons);
  // Waiting on other insurance or on information: whatever part it shows may change (round 2 of the review, H4).
  if (reasons.some((r) => (r.carc && OPEN_REASONS.has(r.code)) || OPEN_ACTIONS.has(info(r)?.action ?? 'none'))) return 'open';
  // QMB and Medicaid protect cost sharing (deductible, coinsurance, copay on lines the plan paid), not a Medicaid share
  // of cost (CARC 142) or a denied service.
  const costShare = f.lines.filter((l) => !isDenied(l, info)).reduce((n, l) => n + l.deductibleCents + l.copayCents + l.coinsuranceCents, 0);
  const shareOfCost = reasons.some((r) => r.carc && r.code === '142');
  if ((f.coverage === 'medicaid' || f.coverage === 'qmb') && f.liabilityCents > 0 && costShare > 0 && !shareOfCost) return 'protected';
  if (f.liabilityCents === 0) return f.unclearNotCoveredCents > 0 || f.otherStatedCents !== null ? 'open' : 'nothing';
  const paid = f.alreadyPaidCents ?? 0;
  if (paid > f.liabilityCents) return 'paid-more';
  if (paid === f.liabilityCents) return 'paid';
  return 'owe';
}

/** What is left for the patient to pay: the stated part less what the document says they already paid. */
export const leftToPay = (f: BillFacts): number => Math.max(0, (f.liabilityCents ?? 0) - (f.alreadyPaidCents ?? 0));
