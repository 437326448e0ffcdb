import type { Bill, BillLine, ScriptLine } from '../../../preload/contract';
import { readBill, type BillFacts, type LineFacts } from '../billing/eob-facts';
import type { Reason } from '../billing/reasons';
import { billState, isDenied, leftToPay, type BillState, type ReasonLookup } from '../billing/state';
import type { Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import { carcActionStep, type Localized, type NextStepId } from '../knowledge/schema';
import { formatDate, formatMoney } from './format';
import { agentNote, branch, callToAction, closeStep, listOf, mainMessage, say, teachBackStep, verifyStep, type ScriptWords } from './lines';
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
function serviceName(words: ScriptWords, pack: KnowledgePack, text: string, n: number): string {
  const known = serviceLabel(pack, text);
  return known ? words.fromPack(known) : words.text('bill.serviceNumber', { n });
}

/** The agent's arithmetic for one line: only figures the line states, labelled as the payer labels them. */
function lineMath(words: ScriptWords, l: LineFacts, denied: boolean, money: (c: number) => string): string[] {
  const rows: string[] = [];
  if (l.chargedCents !== null && l.allowedCents !== null && !denied) {
    rows.push(
      words.text('bill.mathCharged', { charged: money(l.chargedCents), discount: money(l.chargedCents - l.allowedCents), allowed: money(l.allowedCents) }),
    );
  }
  const paid = [
    ['bill.partPlanPaid', l.planPaidCents],
    ['bill.partPriorPayer', l.priorPayerCents],
    ['bill.partPaidByPatient', l.paidByPatientCents],
  ] as const;
  const paidRows = paid.filter(([, c]) => c !== null && c !== 0).map(([key, c]) => words.text(key, { amount: money(c!) }));
  if (paidRows.length) rows.push(paidRows.join('; '));
  const parts = [
    ['bill.partDeductible', l.deductibleCents],
    ['bill.partCopay', l.copayCents],
    ['bill.partCoinsurance', l.coinsuranceCents],
  ] as const;
  const used = parts.filter(([, c]) => c !== 0);
  if (used.length) rows.push(`${used.map(([key, c]) => words.text(key, { amount: money(c) })).join(' + ')} = ${money(used.reduce((n, [, c]) => n + c, 0))}`);
  // Not covered is not added to the patient's part: whose it is, only the stated liability says.
  if (l.notCoveredCents !== 0) rows.push(words.text('bill.partNotCovered', { amount: money(l.notCoveredCents) }));
  if (l.liabilityCents !== null) rows.push(words.text(`bill.mathStated.${l.liabilityFrom ?? 'memberliability'}`, { share: money(l.liabilityCents) }));
  return rows;
}

/** A script for an ExplanationOfBenefit or Claim that says only what the document states the patient owes. */
export function billBody(words: ScriptWords, pack: KnowledgePack, resource: Json, coverages: readonly Json[] = []): { body: ScriptBody; bill: Bill } {
  const facts: BillFacts = readBill(resource, { coverages });
  const info = reasonLookup(pack);
  const state: BillState = billState(facts, info);
  const money = (c: number) => formatMoney(c, facts.currency, words.language);
  // Said aloud, whole dollars lose their ".00".
  const spoken = (c: number) => formatMoney(c, facts.currency, words.language, c % 100 === 0 ? 0 : 2);
  const terms = pack.billing.terms;
  const steps = pack.billing.nextSteps;
  const date = formatDate(facts.date, words.language) ?? '';
  const eob = facts.resourceType === 'ExplanationOfBenefit';
  const title = eob ? (words.language === 'es' ? 'Explicación de beneficios' : 'Explanation of benefits') : words.language === 'es' ? 'Reclamo' : 'Claim';
  const pharmacyForm = facts.pharmacy ? 'Rx' : '';
  const denied = facts.lines.map((l) => isDenied(l, info));
  const mismatch = facts.otherStatedCents !== null;
  const total = facts.liabilityCents ?? 0;
  const amounts = { amount: spoken(state === 'owe' ? leftToPay(facts) : total), total: spoken(total), paid: spoken(facts.alreadyPaidCents ?? 0) };

  const lines: BillLine[] = facts.lines.map((l, i) => ({
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
      return {
        code: r.group ? `${r.group}-${r.code}` : r.code,
        text: known ? words.fromPack(known.plain) : words.text('bill.reasonUnknown.agent', { code: r.code, display: r.display ?? '—' }),
      };
    }),
    math: lineMath(words, l, denied[i]!, money),
  }));

  const notes: string[] = [];
  const explain: ScriptLine[] = [];
  const explained = new Set<string>();
  const term = (id: keyof typeof terms) => {
    if (explained.has(id)) return [];
    explained.add(id);
    return [say(words.fromPack(terms[id].plain))];
  };
  const mainKey =
    state === 'owe' && (facts.alreadyPaidCents ?? 0) > 0
      ? 'bill.main.owePaidSome'
      : state === 'estimate' && facts.liabilityCents === null
        ? 'bill.main.estimateNone'
        : state === 'open' && total > 0
          ? 'bill.main.openOwe'
          : `bill.main.${state}`;
  explain.push(mainMessage(words.text(words.text.has(`${mainKey}${pharmacyForm}`) ? `${mainKey}${pharmacyForm}` : mainKey, amounts)));
  if (state === 'void') notes.push(words.text('bill.void.agent', { status: facts.status ?? '' }));
  if (state === 'protected') notes.push(words.text('bill.protected.agent'));
  if (state === 'uninsured') notes.push(words.text('bill.uninsured.agent'));
  if (facts.outcome === 'partial') notes.push(words.text('bill.partial.agent'));
  if (state === 'not-shown') notes.push(words.text('bill.notShown.agent'));
  // Every "I will ask our billing office" is backed by a task the agent records (re-review H3).
  const billingReview = ['not-shown', 'paid-more', 'credit', 'open'].includes(state) || facts.unclearNotCoveredCents > 0 || mismatch;

  const speaksAmounts = !['void', 'pending', 'uninsured', 'credit'].includes(state);
  if (speaksAmounts) {
    // The main message already says it is not a bill; its definition would say it again.
    explained.add('eobVersusBill');
    const parts = (['deductible', 'copay', 'coinsurance'] as const).map((k) => [k, facts.parts[k]] as const).filter(([, c]) => c > 0);
    const partsSum = parts.reduce((n, [, c]) => n + c, 0);
    if (parts.length && facts.liabilityCents !== null && !mismatch) {
      if (partsSum === facts.liabilityCents && ['owe', 'paid', 'estimate'].includes(state)) {
        const list = listOf(
          parts.map(([k, c]) => words.text(`bill.summaryPart.${k}`, { amount: spoken(c) })),
          words.language,
        );
        explain.push(say(words.text('bill.summary', { amount: amounts.total, parts: list })));
        for (const [k] of parts) explain.push(...term(k));
      } else if (partsSum !== facts.liabilityCents) {
        notes.push(words.text('bill.partsDiffer.agent', { parts: money(partsSum), stated: money(facts.liabilityCents) }));
      }
    }
    if (facts.chargedCents !== null && facts.chargedCents > 0 && !mismatch) {
      explain.push(say(words.text(state === 'estimate' ? 'bill.chargedEstimate' : `bill.charged${pharmacyForm}`, { amount: spoken(facts.chargedCents) })));
    }
    // The plan's price is a discount only on lines it priced in network; a denied or out-of-network line is not.
    const priced = facts.lines.filter((l, i) => !denied[i]);
    const allowed =
      priced.length === facts.lines.length && priced.length > 0 && priced.every((l) => l.allowedCents !== null && l.chargedCents !== null)
        ? priced.reduce((n, l) => n + (l.allowedCents ?? 0), 0)
        : null;
    const pricedCharge = priced.reduce((n, l) => n + (l.chargedCents ?? 0), 0);
    // Medicare paid the patient on an unassigned claim: the doctor may bill up to its limiting charge, nothing was "taken off".
    if (allowed !== null && allowed < pricedCharge && !facts.outOfNetwork && !mismatch && state !== 'estimate' && !(facts.paidToPatientCents ?? 0)) {
      explain.push(say(words.text('bill.discount', { allowed: spoken(allowed), discount: spoken(pricedCharge - allowed) })));
    }
    if (facts.priorPayerCents !== null && facts.priorPayerCents > 0)
      explain.push(say(words.text('bill.priorPayer', { amount: spoken(facts.priorPayerCents) })));
    if (facts.planPaidCents !== null && state !== 'estimate' && !mismatch)
      explain.push(say(words.text('bill.planPaid', { amount: spoken(facts.planPaidCents) })));
    if (facts.paidToPatientCents !== null && facts.paidToPatientCents > 0)
      explain.push(say(words.text('bill.paidToPatient', { amount: spoken(facts.paidToPatientCents) })));
  }
  if (facts.reversal && state !== 'void') explain.push(say(words.text('bill.reversal')));
  // A partly processed claim is said to be so; denied lines say it themselves.
  if (facts.outcome === 'partial' && speaksAmounts && !denied.some(Boolean)) explain.push(say(words.text('bill.partial')));
  if (state === 'pending') {
    if (facts.chargedCents !== null && facts.chargedCents > 0) explain.push(say(words.text('bill.charged', { amount: spoken(facts.chargedCents) })));
    explain.push(say(words.text('bill.pendingCharge')));
  }

  const named = (l: LineFacts, n: number) => serviceName(words, pack, l.service, n);
  const actions = new Set<NextStepId>();
  let unknownReason = false;
  let noSurprisesFlag = false;
  if (speaksAmounts) {
    for (const [i, l] of facts.lines.entries()) {
      for (const r of l.reasons) {
        const known = info(r);
        const next = known ? carcActionStep[known.action] : null;
        // An appeal is the patient's remedy only for a denied line that leaves them something to pay (or does not say).
        const appealable = denied[i] && (l.liabilityCents === null || l.liabilityCents > 0);
        if (next && (next !== 'appeal' || appealable)) actions.add(next);
        // A denial the No Surprises Act may make wrong (not a write-off such as CO-45 on an in-network visit).
        if (known?.noSurprises && known.kind === 'denial' && denied[i] && facts.emergency) noSurprisesFlag = true;
      }
      if (!denied[i]) continue;
      explain.push(agentNote(words.text('bill.serviceName.agent', { service: l.service, n: i + 1 })));
      // The charge it was for, so "of it" below has something to point back to (round 5, F23).
      const charged = l.chargedCents !== null && l.chargedCents > 0 ? spoken(l.chargedCents) : null;
      explain.push(
        say(
          charged
            ? words.text('bill.lineDeniedCharged', { service: named(l, i + 1), charged })
            : words.text('bill.lineDenied', { service: named(l, i + 1), n: i + 1 }),
        ),
      );
      for (const r of l.reasons) {
        const known = r.carc ? pack.carc.get(r.code) : undefined;
        if (known) explain.push(say(words.fromPack(known.plain)));
        else {
          unknownReason = true;
          explain.push(agentNote(words.text('bill.reasonUnknown.agent', { code: r.code, display: r.display ?? '—' })));
        }
      }
      if (l.liabilityFrom === 'memberliability' && l.liabilityCents !== null && !mismatch && state !== 'protected') {
        const all = l.liabilityCents > 0 && l.liabilityCents === l.chargedCents;
        explain.push(
          say(words.text(all ? 'bill.lineStatedAll' : l.liabilityCents > 0 ? 'bill.lineStated' : 'bill.lineStatedNone', { amount: spoken(l.liabilityCents) })),
        );
      }
    }
    if (unknownReason) explain.push(say(words.text('bill.reasonUnknown')));
    if (facts.unclearNotCoveredCents > 0) {
      explain.push(say(words.text('bill.notCoveredUnclear', { amount: spoken(facts.unclearNotCoveredCents) })));
      notes.push(words.text('bill.notCoveredUnclear.agent', { amount: money(facts.unclearNotCoveredCents) }));
    }
    const shares = facts.lines.map((l, i) => ({ l, n: i + 1 })).filter(({ l, n }) => (l.liabilityCents ?? 0) > 0 && !denied[n - 1]);
    if (shares.length > 1 && !mismatch && !facts.reversal && state === 'owe') {
      const when = words.text('branch.lines.agent');
      for (const { l, n } of shares) {
        explain.push(agentNote(words.text('bill.serviceName.agent', { service: l.service, n })));
        explain.push(branch(when, sentenceCase(words.text('bill.line', { service: named(l, n), n, share: spoken(l.liabilityCents ?? 0) }))));
      }
    }
  }
  const publicPlan = facts.coverage === 'medicare' || facts.coverage === 'medicaid' || facts.coverage === 'tricare';
  // Emergency care out of network, or out-of-network care the patient is asked to pay for (an outside anesthesiologist
  // at an in-network hospital): the law may limit the bill (re-review H1, L11).
  // The Act covers emergency care and out-of-network clinicians at in-network hospitals and surgery centers, not a
  // routine out-of-network office visit (round 5, N27).
  if (facts.outOfNetwork && (facts.emergency || facts.hospitalSetting) && (total > 0 || denied.some(Boolean))) noSurprisesFlag = true;
  const noSurprisesApplies = noSurprisesFlag && !publicPlan && speaksAmounts;
  if (noSurprisesApplies) notes.push(words.text('bill.noSurprises.agent'));
  if (billingReview) notes.push(words.text('bill.billingReview.agent'));
  if (mismatch) {
    notes.push(
      words.text('bill.mismatch.agent', {
        lines: money(facts.liabilityCents ?? 0),
        document: money(facts.otherStatedCents ?? 0),
        what: words.text('bill.whatPatient'),
      }),
    );
    explain.splice(1, 0, say(words.text('bill.mismatch.say')));
  }

  // The first of these keys that scripts.yaml has: a No Surprises form, a pharmacy form, the state's own.
  const keyed = (base: string, fallback?: string) => {
    const forms = [
      ...(noSurprisesApplies && ['owe', 'open'].includes(state) ? [`${base}.noSurprises`] : []),
      `${base}.${state}${pharmacyForm}`,
      `${base}.${state}`,
    ];
    return forms.find((k) => words.text.has(k)) ?? fallback ?? forms.at(-1)!;
  };
  const next: ScriptLine[] = [callToAction(words.text(keyed('bill.action'), amounts))];
  const step = (id: NextStepId) => [say(words.fromPack(steps[id].plain))];
  const help: ScriptLine[] = [];
  if (speaksAmounts) {
    for (const id of ['appeal', 'providerFix', 'updateOtherInsurance', 'sendInformation', 'contactPlan'] as const) if (actions.has(id)) help.push(...step(id));
    if (noSurprisesApplies) help.push(...step('noSurprises'));
    if (facts.otherCoverage && facts.priorPayerCents === null && state === 'owe') help.push(...step('otherPlan'));
    if (state === 'protected') help.push(...step('publicCoverage'));
  }
  if (state === 'uninsured') help.push(...step('financialAssistance'), ...step('goodFaithEstimate'), ...step('medicaidScreening'));
  // A payment plan only for a settled amount the patient is not told to dispute (appeal, No Surprises, partial outcome).
  const canPlan = state === 'owe' && !noSurprisesApplies && !actions.has('appeal') && facts.outcome !== 'partial';
  if (help.length) next.push(...help);
  if (state === 'owe')
    next.push(say(words.text('bill.nextIntro')), ...(canPlan ? step('paymentPlan') : []), ...step('financialAssistance'), ...step('itemizedBill'));
  if (eob && !facts.pharmacy && ['owe', 'paid', 'nothing', 'open'].includes(state)) next.push(say(words.text('bill.separateBills')));

  const teach: Partial<Record<BillState, string>> = {
    pending: 'bill.teachBackPending',
    owe: facts.pharmacy ? 'bill.teachBackRx' : 'bill.teachBack',
    estimate: 'bill.teachBack',
    uninsured: 'bill.teachBackUninsured',
  };
  const contextKey = !eob ? 'bill.contextClaim' : facts.pharmacy ? 'bill.contextRx' : 'bill.contextEob';
  const body: ScriptBody = {
    title,
    safety: 'explain',
    safetyNote: notes.length ? notes.join(' ') : null,
    steps: [
      verifyStep(words),
      { id: 'context', lines: [say(date ? words.text(contextKey, { date }) : words.text(`${contextKey}NoDate`))] },
      { id: 'explain', lines: [explain[0]!, ...notes.map(agentNote), ...explain.slice(1)] },
      ...(next.length ? [{ id: 'next-steps' as const, lines: next }] : []),
      teachBackStep(
        words,
        words.text(teach[state] ?? 'bill.teachBackNothing'),
        // No payment plan in the re-explain when the next steps left it out.
        words.text(state === 'owe' && !canPlan && !noSurprisesApplies && !facts.pharmacy ? 'bill.reexplain.oweNoPlan' : keyed('bill.reexplain'), amounts),
        'branch.loopExit.bill.agent',
      ),
      closeStep(words),
    ],
  };
  const sumOfLines = (g: (l: BillLine) => number | null) => lines.reduce((n, l) => n + (g(l) ?? 0), 0);
  return {
    body,
    bill: {
      currency: facts.currency,
      adjudicated: eob && state !== 'pending',
      state,
      lines,
      chargedCents: facts.chargedCents ?? sumOfLines((l) => l.chargedCents),
      planPaidCents: facts.planPaidCents ?? 0,
      patientCents: facts.liabilityCents,
      alreadyPaidCents: facts.alreadyPaidCents,
      check: {
        matches: !mismatch,
        totals: [{ what: 'patient', linesCents: facts.liabilityCents ?? 0, documentCents: facts.otherStatedCents ?? facts.liabilityCents, matches: !mismatch }],
      },
    },
  };
}
