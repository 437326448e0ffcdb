import type { ScriptLine, ScriptSafety, ScriptStep } from '../../../preload/contract';
import { arr, conceptText, obj, str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { PresenceLab } from '../knowledge/schema';
import { classify, findEntry, type Amount, type Classified, type Outcome, type PatientFacts } from './classify';
import { formatDate } from './format';
import { action, agent, branch, closeStep, listOf, main, midSentence, say, teachBackStep, verifyStep, type Words } from './lines';

export type { Words } from './lines';

export interface ScriptBody {
  title: string;
  safety: ScriptSafety;
  safetyNote: string | null;
  steps: ScriptStep[];
}

const plural = (w: Words, key: string, count: number, params: Record<string, string | number> = {}) =>
  w.t(`${key}_${count === 1 ? 'one' : 'other'}`, { count, ...params });

/** What the patient hears as the test's name; a record's own (English) name is not put into a Spanish sentence. */
function spokenName(w: Words, c: Pick<Classified, 'name' | 'recordName'>): string {
  if (c.recordName && w.lang === 'es') return 'esta prueba';
  return midSentence(c.name(w.lang), w.lang);
}

interface Context {
  date: string | undefined;
  /** The title as said in the context line. */
  test: string;
  /** Agent lines that go with it (the record's own name where it is not said). */
  notes: ScriptLine[];
}

function contextLines(w: Words, ctx: Context, kind: 'result' | 'critical'): ScriptLine[] {
  const line = ctx.date ? w.t(`${kind}.context`, { date: ctx.date, test: ctx.test }) : w.t(`${kind}.contextNoDate`, { test: ctx.test });
  return [say(line), ...ctx.notes];
}

/** The script when nothing may be explained: a clinician callback, with the reason for the agent. */
export function callbackBody(w: Words, title: string, context: ScriptLine[], note: string, safety: ScriptSafety = 'unknown'): ScriptBody {
  return {
    title,
    safety,
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: context },
      { id: 'explain', lines: [agent(note), main(w.t('callback.main'))] },
      { id: 'next-steps', lines: [action(w.t('callback.action')), agent(w.t('callback.action.agent'))] },
      teachBackStep(w, w.t('callback.teachBack'), w.t('callback.reexplain')),
      closeStep(w),
    ],
  };
}

function whyUnknown(w: Words, o: Outcome): string {
  if (o.kind !== 'unknown') return w.t('unknown.whyValue');
  switch (o.why) {
    case 'code':
      return w.t('unknown.whyCode');
    case 'unit':
      return w.t('unknown.whyUnit', { unit: o.unit ?? '?' });
    case 'patient':
      return w.t('unknown.whyPatient');
    case 'text':
      return w.t('unknown.whyText');
    case 'preliminary':
      return w.t('unknown.whyPreliminary');
    case 'withdrawn':
      return w.t('unknown.whyWithdrawn');
    default:
      return w.t('unknown.whyValue');
  }
}

/** A clinician calls back today; the result itself is not said (a sensitive test). */
function sameDayCallbackBody(w: Words, title: string, context: ScriptLine[]): ScriptBody {
  const note = w.t('clinicianOnly.agent');
  return {
    title,
    safety: 'clinician-only',
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: context },
      { id: 'explain', lines: [agent(note), main(w.t('today.main'))] },
      { id: 'next-steps', lines: [action(w.t('today.action')), agent(w.t('today.agent'))] },
      teachBackStep(w, w.t('today.teachBack'), w.t('today.reexplain')),
      closeStep(w),
    ],
  };
}

/** The callback script for a result that may not be explained, with the right reason for the agent. */
function notExplainedBody(w: Words, title: string, context: ScriptLine[], o: Outcome): ScriptBody {
  if (o.kind === 'clinician') {
    if (o.sameDay) return sameDayCallbackBody(w, title, context);
    return callbackBody(w, title, context, w.t(o.why === 'age' ? 'clinicianAge.agent' : 'clinicianOnly.agent'), 'clinician-only');
  }
  return callbackBody(w, title, context, w.t('unknown.agent', { why: whyUnknown(w, o) }));
}

function criticalBody(w: Words, title: string, ctx: Context, critical: Classified[]): ScriptBody {
  const why = critical
    .map((c) => {
      const o = c.outcome;
      const name = c.name(w.lang);
      if (o.kind !== 'critical') return '';
      if (o.why === 'limit') return w.t('critical.whyLimit', { name, limit: o.limit ?? '' });
      if (o.why === 'detected') return w.t('critical.whyDetected', { name });
      if (o.why === 'abnormal') return w.t('critical.whyAbnormal', { name });
      return w.t('critical.whyFlag', { name });
    })
    .join(' ');
  const note = w.t('critical.agent', { why });
  return {
    title,
    safety: 'critical',
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: contextLines(w, ctx, 'critical') },
      { id: 'explain', lines: [agent(note), main(w.t('critical.main'))] },
      { id: 'next-steps', lines: [action(w.t('critical.action'))] },
      teachBackStep(w, w.t('critical.teachBack'), w.t('critical.reexplain')),
      // The call ends at the transfer: no "anything else?" after it.
      { id: 'close', lines: [say(w.t('critical.transfer')), branch(w.t('branch.cannotStay.agent'), w.t('critical.cannotStay'))] },
    ],
  };
}

/** A positive test the patient hears about, with a clinician callback booked for today. */
function todayBody(w: Words, title: string, ctx: Context, found: ScriptLine[], details: ScriptLine[]): ScriptBody {
  const note = w.t('today.agent');
  return {
    title,
    safety: 'callback-today',
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: contextLines(w, ctx, 'result') },
      { id: 'explain', lines: [...found, main(w.t('today.main')), ...details] },
      { id: 'next-steps', lines: [action(w.t('today.action')), agent(note)] },
      teachBackStep(w, w.t('today.teachBack'), w.t('today.reexplain')),
      closeStep(w),
    ],
  };
}

type Group = 'within' | 'outside' | 'found' | 'today' | 'callback';

function groupOf(o: Outcome): Group {
  switch (o.kind) {
    case 'within':
    case 'not-detected':
    case 'no-range':
      return 'within';
    case 'higher':
    case 'lower':
    case 'outside':
      return 'outside';
    case 'detected':
      return 'found';
    case 'callback-today':
      return 'today';
    default:
      return 'callback';
  }
}

const measured = (o: Outcome): o is Extract<Outcome, { value: Amount }> => 'value' in o;

function rangeLine(w: Words, o: Outcome): string | undefined {
  if (!measured(o) || !('range' in o) || !o.range) return undefined;
  const { low, high } = o.range;
  if (low && high) return w.t('result.range', { low: low.spoken, high: high.spoken });
  if (low) return w.t('result.rangeAbove', { low: low.spoken });
  if (high) return w.t('result.rangeBelow', { high: high.spoken });
  return undefined;
}

/** What the record itself says, for the agent: the value and range with their units as written. */
function onRecord(w: Words, o: Outcome): ScriptLine[] {
  if (!measured(o)) return [];
  const r = 'range' in o ? o.range : undefined;
  const range = r?.low && r.high ? `${r.low.shown}–${r.high.shown}` : r?.low ? `≥ ${r.low.shown}` : r?.high ? `≤ ${r.high.shown}` : '';
  return [agent(range ? w.t('result.onRecordRange.agent', { value: o.value.shown, range }) : w.t('result.onRecord.agent', { value: o.value.shown }))];
}

/** What a higher or lower value can mean in general: background for the agent, never said as this patient's cause. */
function background(w: Words, c: Classified): ScriptLine[] {
  const e = c.entry;
  if (e?.result !== 'quantity') return [];
  const meaning = c.outcome.kind === 'higher' ? e.higher : c.outcome.kind === 'lower' ? e.lower : undefined;
  return meaning ? [agent(w.t('result.background.agent', { meaning: w.p(meaning) }))] : [];
}

function presenceLines(w: Words, entry: PresenceLab, o: Outcome): string[] {
  if (o.kind === 'detected' || o.kind === 'callback-today') return [w.p(entry.detected)];
  if (o.kind !== 'not-detected') return [];
  const caveat = entry.notDetectedCaveat;
  const applies = caveat && (caveat.ageMax === undefined || o.age === undefined || o.age.min < caveat.ageMax);
  return [w.p(entry.notDetected), ...(applies ? [w.p(caveat.text)] : [])];
}

/** The lines for one result of a report: its name and outcome, then its numbers. */
function memberLines(w: Words, c: Classified): ScriptLine[] {
  const o = c.outcome;
  const name = c.recordName && w.lang === 'es' ? 'Esta prueba' : c.name(w.lang);
  if (c.entry?.result === 'presence' && (o.kind === 'detected' || o.kind === 'not-detected' || o.kind === 'callback-today')) {
    const [first, ...rest] = presenceLines(w, c.entry, o);
    return [say(w.t('result.member.said', { name, outcome: first ?? '' })), ...rest.map(say)];
  }
  if (!measured(o)) return [];
  const verdict = o.kind === 'no-range' ? 'result.member.noRange' : `result.member.${o.kind}`;
  const range = rangeLine(w, o);
  return [say(w.t('result.member.value', { name, value: o.value.spoken })), ...(range ? [say(range)] : []), say(w.t(verdict)), ...onRecord(w, o), ...background(w, c)];
}

function reportBody(w: Words, pack: KnowledgePack, title: string, ctx: Context, resource: Json, classified: Classified[]): ScriptBody {
  const entry = findEntry(pack, resource);
  const groups = classified.map((c) => groupOf(c.outcome));
  const count = (g: Group) => groups.filter((x) => x === g).length;
  const namesOf = (g: Group) => listOf(classified.filter((_, i) => groups[i] === g).map((c) => spokenName(w, c)), w.lang);
  const summary: string[] = [plural(w, 'result.panel.count', classified.length)];
  if (count('within') === classified.length) summary.push(plural(w, 'result.panel.allWithin', classified.length));
  else {
    if (count('outside') > 0) summary.push(plural(w, 'result.panel.outside', count('outside'), { names: namesOf('outside') }));
    const found = count('found') + count('today');
    if (found > 0) {
      const names = listOf(classified.filter((_, i) => groups[i] === 'found' || groups[i] === 'today').map((c) => spokenName(w, c)), w.lang);
      summary.push(plural(w, 'result.panel.found', found, { names }));
    }
  }
  const callbacks = classified.filter((_, i) => groups[i] === 'callback');
  const details: ScriptLine[] = [...(entry ? [say(w.p(entry.why))] : [])];
  for (const c of classified) details.push(...memberLines(w, c));
  if (callbacks.length > 0) {
    details.push(say(plural(w, 'result.panel.careTeam', callbacks.length)));
    details.push(agent(w.t('result.recordName.agent', { name: listOf(callbacks.map((c) => c.name(w.lang)), w.lang) })));
  }
  const mainLines = summary.map(main);
  if (count('today') > 0) return todayBody(w, title, ctx, mainLines, details);
  const outside = count('outside') + count('found') > 0;
  const follow = outside || callbacks.length > 0;
  return explainedBody(w, title, ctx, outside ? 'outside-range' : 'explain', [...mainLines, ...details], follow);
}

function explainedBody(w: Words, title: string, ctx: Context, safety: ScriptSafety, explain: ScriptLine[], followUp: boolean, noRange = false): ScriptBody {
  const next = followUp ? [action(w.t('result.action.outside')), agent(w.t('result.action.outside.agent'))] : [action(w.t('result.action.within'))];
  const kind = followUp ? 'outside' : noRange ? 'noRange' : 'within';
  return {
    title,
    safety,
    safetyNote: null,
    steps: [
      verifyStep(w),
      { id: 'context', lines: contextLines(w, ctx, 'result') },
      { id: 'explain', lines: explain },
      { id: 'next-steps', lines: next },
      teachBackStep(w, w.t(`result.teachBack.${kind}`), w.t(`result.reexplain.${kind}`)),
      closeStep(w),
    ],
  };
}

/** One result on its own: the main message, what the test measures, then its number and usual range. */
function singleBody(w: Words, title: string, ctx: Context, c: Classified): ScriptBody {
  const o = c.outcome;
  const e = c.entry;
  const test = spokenName(w, c);
  const measures = e ? [say(w.p(e.measures))] : [];
  if (e?.result === 'presence' && (o.kind === 'detected' || o.kind === 'not-detected' || o.kind === 'callback-today')) {
    const [first, ...rest] = presenceLines(w, e, o);
    const found = [main(first ?? ''), ...rest.map(say)];
    if (o.kind === 'callback-today') return todayBody(w, title, ctx, found, measures);
    return explainedBody(w, title, ctx, o.kind === 'detected' ? 'outside-range' : 'explain', [...found, ...measures], o.kind === 'detected');
  }
  if (!measured(o)) return notExplainedBody(w, title, contextLines(w, ctx, 'result'), o);
  if (o.kind === 'no-range') {
    const lines = [main(w.t('result.main.noRange', { test })), ...measures, say(w.t('result.value', { value: o.value.spoken })), ...onRecord(w, o)];
    return explainedBody(w, title, ctx, 'explain', lines, false, true);
  }
  const range = rangeLine(w, o);
  const lines = [
    main(w.t(`result.main.${o.kind}`, { test })),
    ...measures,
    say(w.t('result.value', { value: o.value.spoken })),
    ...(range ? [say(range)] : []),
    ...onRecord(w, o),
    ...background(w, c),
  ];
  const outside = o.kind !== 'within';
  return explainedBody(w, title, ctx, outside ? 'outside-range' : 'explain', lines, outside);
}

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
  const own = classify(pack, resource, patient, lang);
  const recordText = conceptText(resource.code);
  const title = own.entry?.name[lang] ?? recordText ?? (lang === 'es' ? 'Resultado' : 'Result');
  const date = formatDate(str(resource.effectiveDateTime) ?? str(obj(resource.effectivePeriod)?.start) ?? str(resource.issued), lang);
  const unnamed = own.recordName && lang === 'es';
  const ctx: Context = {
    date,
    test: unnamed ? 'esta prueba' : own.entry ? title : (recordText ?? (lang === 'es' ? 'esta prueba' : 'this test')),
    notes: unnamed && recordText ? [agent(w.t('result.recordName.agent', { name: recordText }))] : [],
  };

  const parts = panelMembers(resource, members);
  const isPanel = parts.length > 0;
  const classified = isPanel ? parts.map((m) => classify(pack, m, patient, lang)) : [own];
  // The report's own critical flag counts too.
  const critical = [...classified, ...(isPanel && own.outcome.kind === 'critical' ? [own] : [])].filter((c) => c.outcome.kind === 'critical');
  if (critical.length > 0) return criticalBody(w, title, ctx, critical);

  const context = contextLines(w, ctx, 'result');
  if (own.entry?.explain === 'clinician') {
    return notExplainedBody(w, title, context, own.outcome.kind === 'clinician' ? own.outcome : { kind: 'clinician', why: 'entry' });
  }
  if (!isPanel) return singleBody(w, title, ctx, own);

  // A member the app cannot name that found something (or whose text is unclear) makes the whole report a callback.
  if (classified.some((c) => c.outcome.kind === 'unknown' && c.outcome.why === 'code' && c.presence !== undefined && c.presence !== 'not-detected')) {
    return callbackBody(w, title, context, w.t('unknown.agent', { why: w.t('unknown.whyPanelMember') }));
  }
  if (classified.every((c) => groupOf(c.outcome) === 'callback')) return notExplainedBody(w, title, context, classified[0]!.outcome);
  return reportBody(w, pack, title, ctx, resource, classified);
}
