import type { Bill, BillLine, ScriptLine } from '../../../preload/contract';
import type { Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { Localized } from '../knowledge/schema';
import { billMath, checkTotals, type MathLine } from './bill-math';
import { formatDate, formatMoney } from './format';
import { action, agent, branch, closeStep, listOf, main, say, teachBackStep, verifyStep, type Words } from './lines';
import type { ScriptBody } from './result-script';

function lineMath(w: Words, l: MathLine, money: (c: number) => string): string[] {
  if (l.denied) return [w.t('bill.mathDenied', { charged: money(l.chargedCents ?? 0), paid: money(l.planPaidCents ?? 0), share: money(l.patientCents) })];
  const rows: string[] = [];
  if (l.chargedCents !== null && l.allowedCents !== null) {
    rows.push(w.t('bill.mathCharged', { charged: money(l.chargedCents), discount: money(l.chargedCents - l.allowedCents), allowed: money(l.allowedCents) }));
  }
  if (l.allowedCents !== null && l.planPaidCents !== null) {
    rows.push(w.t('bill.mathAllowed', { allowed: money(l.allowedCents), paid: money(l.planPaidCents), share: money(l.allowedCents - l.planPaidCents) }));
  }
  const parts = [
    ['bill.partDeductible', l.deductibleCents],
    ['bill.partCopay', l.copayCents],
    ['bill.partCoinsurance', l.coinsuranceCents],
    ['bill.partNotCovered', l.notCoveredCents],
  ] as const;
  const used = parts.filter(([, c]) => c > 0).map(([key, c]) => w.t(key, { amount: money(c) }));
  if (used.length > 0) rows.push(w.t('bill.mathShare', { parts: used.join(' + '), share: money(l.patientCents) }));
  return rows;
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

/** A script for an ExplanationOfBenefit (what the plan paid and why the patient owes what they owe) or a Claim. */
export function billBody(w: Words, pack: KnowledgePack, resource: Json): { body: ScriptBody; bill: Bill } {
  const m = billMath(resource);
  const check = checkTotals(m);
  const money = (c: number) => formatMoney(c, m.currency, w.lang);
  // Said aloud, whole dollars lose their ".00".
  const spoken = (c: number) => formatMoney(c, m.currency, w.lang, c % 100 === 0 ? 0 : 2);
  const terms = pack.billing.terms;
  const date = formatDate(m.date, w.lang) ?? '';
  const title = resource.resourceType === 'ExplanationOfBenefit' ? (w.lang === 'es' ? 'Explicación de beneficios' : 'Explanation of benefits') : w.lang === 'es' ? 'Reclamo' : 'Claim';

  const lines: BillLine[] = m.lines.map((l) => ({
    ...l,
    reasons: l.reasons.map((r) => {
      const known = pack.carc.get(r.code);
      return { code: r.code, text: known ? w.p(known.plain) : (r.display ?? r.code) };
    }),
    math: lineMath(w, l, money),
  }));

  const explain: ScriptLine[] = [];
  const explained = new Set<string>();
  const term = (id: keyof typeof terms) => {
    if (explained.has(id)) return [];
    explained.add(id);
    return [say(w.p(terms[id].plain))];
  };
  const owedCents = m.document.patientCents ?? m.patientCents;
  const state = !m.adjudicated ? 'pending' : m.patientCents === 0 && (m.document.patientCents ?? 0) === 0 ? 'nothing' : 'owe';
  const owed = spoken(owedCents);
  explain.push(main(w.t(`bill.main.${state}`, { amount: owed })));
  if (state !== 'pending') {
    // The main message already says it is not a bill; its definition would say it again.
    explained.add('eobVersusBill');
    // What the patient's part is made of, right after the part itself and naming it (never "that is", which would
    // point back at whichever amount came last); each service's share only if the patient asks.
    const kinds = ['deductible', 'copay', 'coinsurance', 'notCovered'] as const;
    const totals = kinds.map((k) => [k, lines.filter((l) => !l.denied).reduce((n, l) => n + l[`${k}Cents`], 0)] as const).filter(([, c]) => c > 0);
    if (totals.length > 0) {
      const parts = listOf(totals.map(([k, c]) => w.t(`bill.summaryPart.${k}`, { amount: spoken(c) })), w.lang);
      const whole = totals.reduce((n, [, c]) => n + c, 0) === owedCents;
      explain.push(say(whole ? w.t('bill.summary', { amount: owed, parts }) : w.t('bill.summaryIncludes', { parts })));
      for (const [k] of totals) explain.push(...term(k));
    }
    explain.push(say(w.t('bill.charged', { amount: spoken(m.chargedCents) })));
    // The plan's discount is on the lines it priced: a denied line's charge was not "taken off".
    const priced = m.lines.filter((l) => !l.denied);
    const allowed = priced.length > 0 && priced.every((l) => l.allowedCents !== null && l.chargedCents !== null) ? priced.reduce((n, l) => n + (l.allowedCents ?? 0), 0) : null;
    const pricedCharge = priced.reduce((n, l) => n + (l.chargedCents ?? 0), 0);
    if (allowed !== null && allowed < pricedCharge && priced.length === m.lines.length) {
      explain.push(say(w.t('bill.discount', { allowed: spoken(allowed), discount: spoken(pricedCharge - allowed) })));
    }
    explain.push(say(w.t('bill.planPaid', { amount: spoken(m.planPaidCents) })));
    const named = (l: BillLine, n: number) => serviceName(w, pack, l.service, n);
    for (const [i, l] of lines.entries()) {
      if (!l.denied) continue;
      explain.push(agent(w.t('bill.serviceName.agent', { service: l.service, n: i + 1 })));
      explain.push(say(w.t('bill.lineDenied', { service: named(l, i + 1), n: i + 1 })));
      for (const r of l.reasons) explain.push(say(r.text));
      if (l.notCoveredCents > 0) explain.push(say(w.t('bill.lineNotCovered', { amount: spoken(l.notCoveredCents) })), ...term('notCovered'));
    }
    const shares = lines.map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => l.patientCents > 0 && !l.denied);
    if (shares.length > 1) {
      const when = w.t('branch.lines.agent');
      for (const { l, n } of shares) {
        explain.push(agent(w.t('bill.serviceName.agent', { service: l.service, n })));
        explain.push(branch(when, sentenceCase(w.t('bill.line', { service: named(l, n), n, share: spoken(l.patientCents) }))));
      }
    }
  } else {
    explain.push(say(w.t('bill.charged', { amount: spoken(m.chargedCents) })), say(w.t('bill.pendingCharge')));
  }
  const whatKey = { charged: 'bill.whatCharged', planPaid: 'bill.whatPlanPaid', patient: 'bill.whatPatient' } as const;
  const mismatches = check.totals.filter((t) => !t.matches);
  const notes = mismatches.map((t) =>
    w.t('bill.mismatch.agent', { lines: money(t.linesCents), document: money(t.documentCents ?? 0), what: w.t(whatKey[t.what]) }),
  );
  // A mismatch goes right after the main message: the patient hears it before any number that may be wrong.
  if (notes.length) explain.splice(1, 0, ...notes.map(agent), say(w.t('bill.mismatch.say')));

  const next: ScriptLine[] = [action(w.t(`bill.action.${state}`, { amount: owed }))];
  const steps = pack.billing.nextSteps;
  const help: ScriptLine[] = [];
  // Nothing owed: no talk of paying (only what to do if a bill comes anyway, in the call to action).
  if (state === 'owe') help.push(say(w.p(steps.paymentPlan.plain)), say(w.p(steps.financialAssistance.plain)), say(w.p(steps.itemizedBill.plain)));
  if (lines.some((l) => l.denied)) help.push(say(w.p(steps.appeal.plain)));
  if (help.length) next.push(...(state === 'owe' ? [say(w.t('bill.nextIntro'))] : []), ...help);

  const key = m.adjudicated ? 'bill.contextEob' : 'bill.contextClaim';
  const body: ScriptBody = {
    title,
    safety: 'explain',
    safetyNote: notes.length ? notes.join(' ') : null,
    steps: [
      verifyStep(w),
      { id: 'context', lines: [say(date ? w.t(key, { date }) : w.t(`${key}NoDate`))] },
      { id: 'explain', lines: explain },
      { id: 'next-steps', lines: next },
      teachBackStep(w, w.t(state === 'pending' ? 'bill.teachBackPending' : state === 'nothing' ? 'bill.teachBackNothing' : 'bill.teachBack'), w.t(`bill.reexplain.${state}`, { amount: owed })),
      closeStep(w),
    ],
  };
  return {
    body,
    bill: {
      currency: m.currency,
      adjudicated: m.adjudicated,
      lines,
      chargedCents: m.chargedCents,
      planPaidCents: m.planPaidCents,
      patientCents: m.patientCents,
      check,
    },
  };
}
