import type { Bill, BillLine, ScriptLine } from '../../../preload/contract';
import { readBill, type BillFacts, type LineFacts } from '../billing/eob-facts';
import type { Reason } from '../billing/reasons';
import { billState, isDenied, leftToPay, type BillState, type ReasonLookup } from '../billing/state';
import type { Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import { carcActionStep, type Localized, type NextStepId } from '../knowledge/schema';
import { formatDate, formatMoney } from './format';
import { action, agent, branch, closeStep, listOf, main, say, teachBackStep, verifyStep, type Words } from './lines';
import type { ScriptBody } from './result-script';

/** The pack's reading of a CARC (kind, action, No Surprises relevance); undefined for a code it does not know. */
export function reasonLookup(pack: KnowledgePack): ReasonLookup {
  return (r: Reason) => {
    const e = r.carc ? pack.carc.get(r.code) : undefined;
    return e ? { kind: e.kind, action: e.action, noSurprises: e.noSurprises === true } : undefined;
  };
}

const sentenceCase = (t: string) => t.charAt(0).toLocaleUpperCase() + t.slice(1);

/** The pack's plain name for a service's coding words ("Routine venipuncture" → "the blood draw"): the first match. */
export function serviceLabel(pack: KnowledgePack, text: string): Localized | undefined {
  const lower = text.toLowerCase().slice(0, 300);
  return pack.billing.services.find((s) => s.match.some((m) => lower.includes(m)))?.label;
}

/** A service as the patient hears it: its plain name from the pack, else "service 2" (its place on the paper). */
function serviceName(w: Words, pack: KnowledgePack, text: string, n: number): string {
  const known = serviceLabel(pack, text);
  return known ? w.p(known) : w.t('bill.serviceNumber', { n });
}

/** The agent's arithmetic for one line: only figures the line states, labelled as the payer labels them. */
function lineMath(w: Words, l: LineFacts, denied: boolean, money: (c: number) => string): string[] {
  const rows: string[] = [];
  if (l.chargedCents !== null && l.allowedCents !== null && !denied) {
    rows.push(w.t('bill.mathCharged', { charged: money(l.chargedCents), discount: money(l.chargedCents - l.allowedCents), allowed: money(l.allowedCents) }));
  }
  const paid = [
    ['bill.partPlanPaid', l.planPaidCents],
    ['bill.partPriorPayer', l.priorPayerCents],
    ['bill.partPaidByPatient', l.paidByPatientCents],
  ] as const;
  const paidRows = paid.filter(([, c]) => c !== null && c !== 0).map(([key, c]) => w.t(key, { amount: money(c!) }));
  if (paidRows.length) rows.push(paidRows.join('; '));
  const parts = [
    ['bill.partDeductible', l.deductibleCents],
    ['bill.partCopay', l.copayCents],
    ['bill.partCoinsurance', l.coinsuranceCents],
  ] as const;
  const used = parts.filter(([, c]) => c !== 0);
  if (used.length) rows.push(`${used.map(([key, c]) => w.t(key, { amount: money(c) })).join(' + ')} = ${money(used.reduce((n, [, c]) => n + c, 0))}`);
  // Not covered is not added to the patient's part: whose it is, only the stated liability says.
  if (l.notCoveredCents !== 0) rows.push(w.t('bill.partNotCovered', { amount: money(l.notCoveredCents) }));
  if (l.liabilityCents !== null) rows.push(w.t(`bill.mathStated.${l.liabilityFrom ?? 'memberliability'}`, { share: money(l.liabilityCents) }));
  return rows;
}

/** A script for an ExplanationOfBenefit or Claim that says only what the document states the patient owes. */
export function billBody(w: Words, pack: KnowledgePack, resource: Json, coverages: readonly Json[] = []): { body: ScriptBody; bill: Bill } {
  const f: BillFacts = readBill(resource, { coverages });
  const info = reasonLookup(pack);
  const state: BillState = billState(f, info);
  const money = (c: number) => formatMoney(c, f.currency, w.lang);
  // Said aloud, whole dollars lose their ".00".
  const spoken = (c: number) => formatMoney(c, f.currency, w.lang, c % 100 === 0 ? 0 : 2);
  const terms = pack.billing.terms;
  const steps = pack.billing.nextSteps;
  const date = formatDate(f.date, w.lang) ?? '';
  const eob = f.resourceType === 'ExplanationOfBenefit';
  const title = eob ? (w.lang === 'es' ? 'Explicación de beneficios' : 'Explanation of benefits') : w.lang === 'es' ? 'Reclamo' : 'Claim';
  const rx = f.pharmacy ? 'Rx' : '';
  const denied = f.lines.map((l) => isDenied(l, info));
  const mismatch = f.otherStatedCents !== null;
  const total = f.liabilityCents ?? 0;
  const amounts = { amount: spoken(state === 'owe' ? leftToPay(f) : total), total: spoken(total), paid: spoken(f.alreadyPaidCents ?? 0) };

  const lines: BillLine[] = f.lines.map((l, i) => ({
    service: l.service,
    date: l.date,
    chargedCents: l.chargedCents,
    allowedCents: l.allowedCents,
    planPaidCents: l.planPaidCents,
    deductibleCents: l.deductibleCents,
    copayCents: l.copayCents,
    coinsuranceCents: l.coinsuranceCents,
    notCoveredCents: l.notCoveredCents,
    patientCents: l.liabilityCents,
    denied: denied[i]!,
    reasons: l.reasons.map((r) => {
      const known = r.carc ? pack.carc.get(r.code) : undefined;
      return { code: r.group ? `${r.group}-${r.code}` : r.code, text: known ? w.p(known.plain) : w.t('bill.reasonUnknown.agent', { code: r.code, display: r.display ?? '—' }) };
    }),
    math: lineMath(w, l, denied[i]!, money),
  }));

  const notes: string[] = [];
  const explain: ScriptLine[] = [];
  const explained = new Set<string>();
  const term = (id: keyof typeof terms) => {
    if (explained.has(id)) return [];
    explained.add(id);
    return [say(w.p(terms[id].plain))];
  };
  const mainKey =
    state === 'owe' && (f.alreadyPaidCents ?? 0) > 0
      ? 'bill.main.owePaidSome'
      : state === 'estimate' && f.liabilityCents === null
        ? 'bill.main.estimateNone'
        : state === 'open' && total > 0
          ? 'bill.main.openOwe'
          : `bill.main.${state}`;
  explain.push(main(w.t(w.t.has(`${mainKey}${rx}`) ? `${mainKey}${rx}` : mainKey, amounts)));
  if (state === 'void') notes.push(w.t('bill.void.agent', { status: f.status ?? '' }));
  if (state === 'protected') notes.push(w.t('bill.protected.agent'));
  if (state === 'uninsured') notes.push(w.t('bill.uninsured.agent'));
  if (f.outcome === 'partial') notes.push(w.t('bill.partial.agent'));
  if (state === 'not-shown') notes.push(w.t('bill.notShown.agent'));
  // Every "I will ask our billing office" is backed by a task the agent records (re-review H3).
  const billingReview = ['not-shown', 'paid-more', 'credit', 'open'].includes(state) || f.unclearNotCoveredCents > 0 || mismatch;

  const speaksAmounts = !['void', 'pending', 'uninsured', 'credit'].includes(state);
  if (speaksAmounts) {
    // The main message already says it is not a bill; its definition would say it again.
    explained.add('eobVersusBill');
    const parts = (['deductible', 'copay', 'coinsurance'] as const).map((k) => [k, f.parts[k]] as const).filter(([, c]) => c > 0);
    const partsSum = parts.reduce((n, [, c]) => n + c, 0);
    if (parts.length && f.liabilityCents !== null && !mismatch) {
      if (partsSum === f.liabilityCents && ['owe', 'paid', 'estimate'].includes(state)) {
        const list = listOf(parts.map(([k, c]) => w.t(`bill.summaryPart.${k}`, { amount: spoken(c) })), w.lang);
        explain.push(say(w.t('bill.summary', { amount: amounts.total, parts: list })));
        for (const [k] of parts) explain.push(...term(k));
      } else if (partsSum !== f.liabilityCents) {
        notes.push(w.t('bill.partsDiffer.agent', { parts: money(partsSum), stated: money(f.liabilityCents) }));
      }
    }
    if (f.chargedCents !== null && f.chargedCents > 0 && !mismatch) {
      explain.push(say(w.t(state === 'estimate' ? 'bill.chargedEstimate' : `bill.charged${rx}`, { amount: spoken(f.chargedCents) })));
    }
    // The plan's price is a discount only on lines it priced in network; a denied or out-of-network line is not.
    const priced = f.lines.filter((l, i) => !denied[i]);
    const allowed = priced.length === f.lines.length && priced.length > 0 && priced.every((l) => l.allowedCents !== null && l.chargedCents !== null) ? priced.reduce((n, l) => n + (l.allowedCents ?? 0), 0) : null;
    const pricedCharge = priced.reduce((n, l) => n + (l.chargedCents ?? 0), 0);
    // Medicare paid the patient on an unassigned claim: the doctor may bill up to its limiting charge, nothing was "taken off".
    if (allowed !== null && allowed < pricedCharge && !f.outOfNetwork && !mismatch && state !== 'estimate' && !(f.paidToPatientCents ?? 0)) {
      explain.push(say(w.t('bill.discount', { allowed: spoken(allowed), discount: spoken(pricedCharge - allowed) })));
    }
    if (f.priorPayerCents !== null && f.priorPayerCents > 0) explain.push(say(w.t('bill.priorPayer', { amount: spoken(f.priorPayerCents) })));
    if (f.planPaidCents !== null && state !== 'estimate' && !mismatch) explain.push(say(w.t('bill.planPaid', { amount: spoken(f.planPaidCents) })));
    if (f.paidToPatientCents !== null && f.paidToPatientCents > 0) explain.push(say(w.t('bill.paidToPatient', { amount: spoken(f.paidToPatientCents) })));
  }
  if (f.reversal && state !== 'void') explain.push(say(w.t('bill.reversal')));
  // A partly processed claim is said to be so; denied lines say it themselves.
  if (f.outcome === 'partial' && speaksAmounts && !denied.some(Boolean)) explain.push(say(w.t('bill.partial')));
  if (state === 'pending') {
    if (f.chargedCents !== null && f.chargedCents > 0) explain.push(say(w.t('bill.charged', { amount: spoken(f.chargedCents) })));
    explain.push(say(w.t('bill.pendingCharge')));
  }

  const named = (l: LineFacts, n: number) => serviceName(w, pack, l.service, n);
  const actions = new Set<NextStepId>();
  let unknownReason = false;
  let noSurprisesFlag = false;
  if (speaksAmounts) {
    for (const [i, l] of f.lines.entries()) {
      for (const r of l.reasons) {
        const known = info(r);
        const next = known ? carcActionStep[known.action] : null;
        // An appeal is the patient's remedy only for a denied line that leaves them something to pay (or does not say).
        const appealable = denied[i] && (l.liabilityCents === null || l.liabilityCents > 0);
        if (next && (next !== 'appeal' || appealable)) actions.add(next);
        // A denial the No Surprises Act may make wrong (not a write-off such as CO-45 on an in-network visit).
        if (known?.noSurprises && known.kind === 'denial' && denied[i] && f.emergency) noSurprisesFlag = true;
      }
      if (!denied[i]) continue;
      explain.push(agent(w.t('bill.serviceName.agent', { service: l.service, n: i + 1 })));
      // The charge it was for, so "of it" below has something to point back to (round 5, F23).
      const charged = l.chargedCents !== null && l.chargedCents > 0 ? spoken(l.chargedCents) : null;
      explain.push(say(charged ? w.t('bill.lineDeniedCharged', { service: named(l, i + 1), charged }) : w.t('bill.lineDenied', { service: named(l, i + 1), n: i + 1 })));
      for (const r of l.reasons) {
        const known = r.carc ? pack.carc.get(r.code) : undefined;
        if (known) explain.push(say(w.p(known.plain)));
        else {
          unknownReason = true;
          explain.push(agent(w.t('bill.reasonUnknown.agent', { code: r.code, display: r.display ?? '—' })));
        }
      }
      if (l.liabilityFrom === 'memberliability' && l.liabilityCents !== null && !mismatch && state !== 'protected') {
        const all = l.liabilityCents > 0 && l.liabilityCents === l.chargedCents;
        explain.push(say(w.t(all ? 'bill.lineStatedAll' : l.liabilityCents > 0 ? 'bill.lineStated' : 'bill.lineStatedNone', { amount: spoken(l.liabilityCents) })));
      }
    }
    if (unknownReason) explain.push(say(w.t('bill.reasonUnknown')));
    if (f.unclearNotCoveredCents > 0) {
      explain.push(say(w.t('bill.notCoveredUnclear', { amount: spoken(f.unclearNotCoveredCents) })));
      notes.push(w.t('bill.notCoveredUnclear.agent', { amount: money(f.unclearNotCoveredCents) }));
    }
    const shares = f.lines.map((l, i) => ({ l, n: i + 1 })).filter(({ l, n }) => (l.liabilityCents ?? 0) > 0 && !denied[n - 1]);
    if (shares.length > 1 && !mismatch && !f.reversal && state === 'owe') {
      const when = w.t('branch.lines.agent');
      for (const { l, n } of shares) {
        explain.push(agent(w.t('bill.serviceName.agent', { service: l.service, n })));
        explain.push(branch(when, sentenceCase(w.t('bill.line', { service: named(l, n), n, share: spoken(l.liabilityCents ?? 0) }))));
      }
    }
  }
  const publicPlan = f.coverage === 'medicare' || f.coverage === 'medicaid' || f.coverage === 'tricare';
  // Emergency care out of network, or out-of-network care the patient is asked to pay for (an outside anesthesiologist
  // at an in-network hospital): the law may limit the bill (re-review H1, L11).
  // The Act covers emergency care and out-of-network clinicians at in-network hospitals and surgery centers, not a
  // routine out-of-network office visit (round 5, N27).
  if (f.outOfNetwork && (f.emergency || f.hospitalSetting) && (total > 0 || denied.some(Boolean))) noSurprisesFlag = true;
  const nsa = noSurprisesFlag && !publicPlan && speaksAmounts;
  if (nsa) notes.push(w.t('bill.noSurprises.agent'));
  if (billingReview) notes.push(w.t('bill.billingReview.agent'));
  if (mismatch) {
    notes.push(w.t('bill.mismatch.agent', { lines: money(f.liabilityCents ?? 0), document: money(f.otherStatedCents ?? 0), what: w.t('bill.whatPatient') }));
    explain.splice(1, 0, say(w.t('bill.mismatch.say')));
  }

  // The first of these keys that scripts.yaml has: a No Surprises form, a pharmacy form, the state's own.
  const keyed = (base: string, fallback?: string) => {
    const forms = [...(nsa && ['owe', 'open'].includes(state) ? [`${base}.noSurprises`] : []), `${base}.${state}${rx}`, `${base}.${state}`];
    return forms.find((k) => w.t.has(k)) ?? fallback ?? forms.at(-1)!;
  };
  const next: ScriptLine[] = [action(w.t(keyed('bill.action'), amounts))];
  const step = (id: NextStepId) => [say(w.p(steps[id].plain))];
  const help: ScriptLine[] = [];
  if (speaksAmounts) {
    for (const id of ['appeal', 'providerFix', 'updateOtherInsurance', 'sendInformation', 'contactPlan'] as const) if (actions.has(id)) help.push(...step(id));
    if (nsa) help.push(...step('noSurprises'));
    if (f.otherCoverage && f.priorPayerCents === null && state === 'owe') help.push(...step('otherPlan'));
    if (state === 'protected') help.push(...step('publicCoverage'));
  }
  if (state === 'uninsured') help.push(...step('financialAssistance'), ...step('goodFaithEstimate'), ...step('medicaidScreening'));
  // A payment plan only for a settled amount the patient is not told to dispute (appeal, No Surprises, partial outcome).
  const canPlan = state === 'owe' && !nsa && !actions.has('appeal') && f.outcome !== 'partial';
  if (help.length) next.push(...help);
  if (state === 'owe') next.push(say(w.t('bill.nextIntro')), ...(canPlan ? step('paymentPlan') : []), ...step('financialAssistance'), ...step('itemizedBill'));
  if (eob && !f.pharmacy && ['owe', 'paid', 'nothing', 'open'].includes(state)) next.push(say(w.t('bill.separateBills')));

  const teach: Partial<Record<BillState, string>> = {
    pending: 'bill.teachBackPending',
    owe: f.pharmacy ? 'bill.teachBackRx' : 'bill.teachBack',
    estimate: 'bill.teachBack',
    uninsured: 'bill.teachBackUninsured',
  };
  const contextKey = !eob ? 'bill.contextClaim' : f.pharmacy ? 'bill.contextRx' : 'bill.contextEob';
  const body: ScriptBody = {
    title,
    safety: 'explain',
    safetyNote: notes.length ? notes.join(' ') : null,
    steps: [
      verifyStep(w),
      { id: 'context', lines: [say(date ? w.t(contextKey, { date }) : w.t(`${contextKey}NoDate`))] },
      { id: 'explain', lines: [explain[0]!, ...notes.map(agent), ...explain.slice(1)] },
      ...(next.length ? [{ id: 'next-steps' as const, lines: next }] : []),
      teachBackStep(
        w,
        w.t(teach[state] ?? 'bill.teachBackNothing'),
        // No payment plan in the re-explain when the next steps left it out.
        w.t(state === 'owe' && !canPlan && !nsa && !f.pharmacy ? 'bill.reexplain.oweNoPlan' : keyed('bill.reexplain'), amounts),
        'branch.loopExit.bill.agent',
      ),
      closeStep(w),
    ],
  };
  const sum = (g: (l: BillLine) => number | null) => lines.reduce((n, l) => n + (g(l) ?? 0), 0);
  return {
    body,
    bill: {
      currency: f.currency,
      adjudicated: eob && state !== 'pending',
      state,
      lines,
      chargedCents: f.chargedCents ?? sum((l) => l.chargedCents),
      planPaidCents: f.planPaidCents ?? 0,
      patientCents: f.liabilityCents,
      alreadyPaidCents: f.alreadyPaidCents,
      check: {
        matches: !mismatch,
        totals: [{ what: 'patient', linesCents: f.liabilityCents ?? 0, documentCents: f.otherStatedCents ?? f.liabilityCents, matches: !mismatch }],
      },
    },
  };
}
