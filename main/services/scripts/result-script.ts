import type { ScriptLine, ScriptSafety, ScriptStep } from '../../../preload/contract';
import { arr, conceptText, obj, str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { Language, Localized } from '../knowledge/schema';
import { classify, findEntry, type Classified, type PatientFacts } from './classify';
import { formatDate } from './format';
import type { RenderText } from './texts';

export interface Words {
  t: RenderText;
  /** A sentence from the pack, in the script's language (recorded for the guardrails). */
  p: (text: Localized) => string;
  lang: Language;
}

export interface ScriptBody {
  title: string;
  safety: ScriptSafety;
  safetyNote: string | null;
  steps: ScriptStep[];
}

const say = (text: string): ScriptLine => ({ text, say: true });
const agent = (text: string): ScriptLine => ({ text, say: false });

export function verifyStep(w: Words): ScriptStep {
  return { id: 'verify', lines: [agent(w.t('verify.agent')), say(w.t('verify.say'))] };
}

export function closeStep(w: Words): ScriptStep {
  return { id: 'close', lines: [say(w.t('close.say'))] };
}

/** The script when nothing may be explained: a clinician callback, with the reason for the agent. */
export function callbackBody(w: Words, title: string, context: ScriptLine[], why: string): ScriptBody {
  const note = w.t('unknown.agent', { why });
  return {
    title,
    safety: 'unknown',
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: context },
      { id: 'explain', lines: [agent(note), say(w.t('callback.say'))] },
      { id: 'teach-back', lines: [say(w.t('callback.teachBack'))] },
      { id: 'next-steps', lines: [say(w.t('callback.ask'))] },
      closeStep(w),
    ],
  };
}

function whyUnknown(w: Words, c: Classified): string {
  const o = c.outcome;
  if (o.kind !== 'unknown') return '';
  if (o.why === 'code') return w.t('unknown.whyCode');
  if (o.why === 'unit') return w.t('unknown.whyUnit', { unit: o.unit ?? '?' });
  return w.t('unknown.whyValue');
}

/** The sentences that explain one classified result (no critical ones: those never get here). */
function explainLines(w: Words, c: Classified, withName: boolean): ScriptLine[] {
  const o = c.outcome;
  const e = c.entry;
  if (e?.explain === 'clinician') return [say(w.t('result.memberUnknown'))];
  const lines: string[] = [];
  if (o.kind === 'within' || o.kind === 'higher' || o.kind === 'lower' || o.kind === 'outside') {
    lines.push(w.t('result.value', { value: o.value }));
    if (o.range?.low && o.range.high) lines.push(w.t('result.range', { low: o.range.low, high: o.range.high }));
    else if (o.range?.low) lines.push(w.t('result.rangeAbove', { low: o.range.low }));
    else if (o.range?.high) lines.push(w.t('result.rangeBelow', { high: o.range.high }));
    if (o.kind === 'within') lines.push(w.t('result.within'));
    else {
      lines.push(w.t(`result.${o.kind}`));
      lines.push(w.t('result.careTeam'));
    }
  } else if (o.kind === 'no-range') {
    lines.push(w.t('result.value', { value: o.value }), w.t('result.noRange'));
  } else if (o.kind === 'detected' && e?.result === 'presence') {
    lines.push(w.p(e.detected), w.t('result.careTeam'));
  } else if (o.kind === 'not-detected' && e?.result === 'presence') {
    lines.push(w.p(e.notDetected));
  } else {
    lines.push(w.t('result.memberUnknown'));
  }
  // What a higher or lower value can mean in general is background for the agent, never said as this patient's cause.
  const meaning = e?.result === 'quantity' ? (o.kind === 'higher' ? e.higher : o.kind === 'lower' ? e.lower : undefined) : undefined;
  const background = meaning ? [agent(w.t('result.background.agent', { meaning: w.p(meaning) }))] : [];
  if (!withName) return [...lines.map(say), ...background];
  const [first, ...rest] = lines;
  return [say(w.t('result.member', { name: c.name(w.lang), outcome: first ?? '' })), ...rest.map(say), ...background];
}

const isOutside = (c: Classified) => ['higher', 'lower', 'outside', 'detected'].includes(c.outcome.kind);

/** An Observation's components as Observations of their own (a blood-pressure panel's systolic and diastolic). */
function components(o: Json): Json[] {
  return arr(o.component).flatMap((c) => {
    const part = obj(c);
    return part ? [{ ...part, resourceType: 'Observation', effectiveDateTime: o.effectiveDateTime }] : [];
  });
}

/**
 * The results a report or panel is made of: DiagnosticReport.result / Observation.hasMember (read from the cache), or
 * components; a member that has components of its own is replaced by them, so a blood pressure inside a vital-signs
 * panel is checked against its limits like any other result.
 */
export function panelMembers(resource: Json, members: readonly Json[]): Json[] {
  const top = resource.resourceType === 'Observation' && arr(resource.component).length > 0 ? components(resource) : [...members];
  return top.flatMap((m) => (arr(m.component).length > 0 && m.valueQuantity === undefined && m.valueCodeableConcept === undefined ? components(m) : [m]));
}

/** A script for an Observation or DiagnosticReport. `members` are the report's results, read from the cache. */
export function resultBody(w: Words, pack: KnowledgePack, resource: Json, members: readonly Json[], patient: PatientFacts): ScriptBody {
  const lang = w.lang;
  const entry = findEntry(pack, resource);
  const title = entry?.name[lang] ?? conceptText(resource.code) ?? (lang === 'es' ? 'Resultado' : 'Result');
  const date = formatDate(str(resource.effectiveDateTime) ?? str(obj(resource.effectivePeriod)?.start) ?? str(resource.issued), lang);
  const context = [say(w.t('result.context', { test: title, date: date ?? '—' }))];

  const parts = panelMembers(resource, members);
  const isPanel = parts.length > 0;
  const classified = isPanel ? parts.map((m) => classify(pack, m, patient, lang)) : [classify(pack, resource, patient, lang)];
  // The report's own flag counts too.
  const own = isPanel ? classify(pack, resource, patient, lang) : undefined;
  const critical = [...classified, ...(own?.outcome.kind === 'critical' ? [own] : [])].filter((c) => c.outcome.kind === 'critical');

  if (critical.length > 0) {
    const why = critical
      .map((c) =>
        c.outcome.kind === 'critical' && c.outcome.why === 'limit'
          ? w.t('critical.whyLimit', { name: c.name(lang), limit: c.outcome.limit ?? '' })
          : w.t('critical.whyFlag', { name: c.name(lang) }),
      )
      .join(' ');
    const note = w.t('critical.agent', { why });
    return {
      title,
      safety: 'critical',
      safetyNote: note,
      steps: [
        verifyStep(w),
        { id: 'context', lines: context },
        { id: 'explain', lines: [agent(note), say(w.t('critical.say'))] },
        { id: 'teach-back', lines: [say(w.t('critical.teachBack'))] },
        { id: 'next-steps', lines: [say(w.t('critical.next'))] },
        closeStep(w),
      ],
    };
  }

  if (entry?.explain === 'clinician') {
    const note = w.t('clinicianOnly.agent');
    return {
      ...callbackBody(w, title, context, ''),
      safety: 'clinician-only',
      safetyNote: note,
      steps: callbackBody(w, title, context, '').steps.map((s) =>
        s.id === 'explain' ? { id: 'explain', lines: [agent(note), say(w.t('callback.say'))] } : s,
      ),
    };
  }

  const explainable = classified.filter((c) => c.outcome.kind !== 'unknown');
  if (explainable.length === 0) {
    const first = classified[0];
    return callbackBody(w, title, context, first ? whyUnknown(w, first) : w.t('unknown.whyValue'));
  }

  const explain: ScriptLine[] = [];
  if (isPanel) {
    explain.push(say(w.t('result.panel', { count: classified.length })));
    for (const c of classified) explain.push(...explainLines(w, c, true));
  } else {
    const c = classified[0]!;
    if (entry) explain.push(say(w.p(entry.measures)));
    explain.push(...explainLines(w, c, false));
  }
  const outside = classified.some(isOutside);
  const unknownParts = classified.some((c) => c.outcome.kind === 'unknown' || c.entry?.explain === 'clinician');
  return {
    title,
    safety: outside ? 'outside-range' : 'explain',
    safetyNote: null,
    steps: [
      verifyStep(w),
      { id: 'context', lines: [...context, ...(entry && isPanel ? [say(w.p(entry.why))] : [])] },
      { id: 'explain', lines: explain },
      { id: 'teach-back', lines: [say(w.t('result.teachBack'))] },
      { id: 'next-steps', lines: [say(w.t(outside || unknownParts ? 'result.nextOutside' : 'result.nextWithin'))] },
      closeStep(w),
    ],
  };
}
