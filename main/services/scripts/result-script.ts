import type { ScriptLine, ScriptSafety, ScriptStep } from '../../../preload/contract';
import { arr, conceptText, obj, str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { LabEntry, PresenceLab } from '../knowledge/schema';
import { classify, type Amount, type Classified, type Outcome, type PatientFacts } from './classify';
import { formatDate } from './format';
import { action, agent, branch, closeStep, listOf, main, midSentence, say, tc, teachBackStep, verifyStep, type Words } from './lines';
import { ageInterval, type AgeInterval } from './patient-age';

export type { Words } from './lines';

export interface ScriptBody {
  title: string;
  safety: ScriptSafety;
  safetyNote: string | null;
  steps: ScriptStep[];
}

/** A critical result older than this was acted on when the lab called it in: the nurse still checks, calmly. */
const CRITICAL_PAST_DAYS = 7;
/** An outside-range result older than this gets a callback only if the patient wants one. */
const OLD_DAYS = 365;
const INFANT_AGE = 0.25;
/** More names than this are not read as one list (CDC: no more than 7 items); the agent reads them if asked. */
const LIST_MAX = 7;

const plural = (w: Words, key: string, count: number, params: Record<string, string | number> = {}) =>
  tc(w, `${key}_${count === 1 ? 'one' : 'other'}`, { count, ...params });

/** Which safety net is read while the patient waits for a call (the pack's `safetyNet`; omitted: a measurement). */
type Net = 'measurement' | 'symptoms' | 'vital';

/** The strongest safety net the results ask for: a vital sign's, then a symptom test's, else a measurement's. */
function netOf(results: readonly { entry?: LabEntry | undefined }[]): Net {
  const nets = results.map((c) => c.entry?.safetyNet);
  return nets.includes('vital') ? 'vital' : nets.includes('symptoms') ? 'symptoms' : 'measurement';
}

/**
 * What to do before the care team calls. A measurement presumes nothing about how the patient feels; a child's vital
 * sign outside its usual range names the child danger signs (`signs`), elsewhere it is read like a symptom test.
 */
function safetyNetLine(w: Words, net: Net, signs = false): ScriptLine {
  if (net === 'vital' && signs && w.child) return say(w.t('safetyNet.vital.child'));
  return say(tc(w, net === 'measurement' ? 'safetyNet.measurement' : 'safetyNet.symptoms'));
}

/** What the patient hears as a test's name; a private name (a sensitive or unknown test) is never said. */
function spokenName(w: Words, c: Pick<Classified, 'name' | 'recordName'>): string {
  if (c.recordName && w.lang === 'es') return 'esta prueba';
  return midSentence(c.name(w.lang), w.lang);
}

/** Everything a script needs to know about the result and the patient beyond its outcome. */
interface Context {
  date: string | undefined;
  /** The title as said in the context line; undefined when it must not be said. */
  test: string | undefined;
  /** Agent lines that go with it (the record's own name where it is not said). */
  notes: ScriptLine[];
  /** The patient's age on the result date. */
  age: AgeInterval | undefined;
  /** The patient's age now (for minor-consent rules). */
  ageNow: AgeInterval | undefined;
}

function contextLines(w: Words, ctx: Context, kind: 'result' | 'critical'): ScriptLine[] {
  const key = ctx.test === undefined ? 'result.contextUnnamed' : `${kind}.context`;
  const line = ctx.date ? tc(w, key, { date: ctx.date, test: ctx.test ?? '' }) : tc(w, `${key}NoDate`, { test: ctx.test ?? '' });
  return [say(line), ...ctx.notes];
}

/**
 * The script when nothing may be explained: a clinician callback, with the reason for the agent. `mainKey` says why in
 * the patient's words where that helps (no usual range for this age); `net` is the safety net while they wait.
 */
export function callbackBody(
  w: Words,
  title: string,
  context: ScriptLine[],
  note: string,
  safety: ScriptSafety = 'unknown',
  options: { mainKey?: 'callback.main' | 'callback.mainAge'; net?: Net } = {},
): ScriptBody {
  return {
    title,
    safety,
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: context },
      { id: 'explain', lines: [agent(note), main(tc(w, options.mainKey ?? 'callback.main'))] },
      { id: 'next-steps', lines: [action(tc(w, 'callback.action')), safetyNetLine(w, options.net ?? 'measurement'), agent(w.t('callback.action.agent'))] },
      teachBackStep(w, w.t('callback.teachBack'), tc(w, 'callback.reexplain')),
      closeStep(w),
    ],
  };
}

/** A clinician calls back today: a newborn's result, a value near a critical limit, or a sensitive test. */
function sameDayCallbackBody(w: Words, title: string, context: ScriptLine[], notes: string[], mainKey: 'today.main' | 'sensitive.main'): ScriptBody {
  const note = notes.join(' ');
  return {
    title,
    safety: 'clinician-only',
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: context },
      { id: 'explain', lines: [...notes.map(agent), main(tc(w, mainKey))] },
      { id: 'next-steps', lines: [action(tc(w, 'today.action')), agent(w.t('today.agent'))] },
      teachBackStep(w, w.t('today.teachBack'), w.t('today.reexplain')),
      closeStep(w),
    ],
  };
}

/**
 * A sensitive test: the same words whatever it found, its name never said. The call is today when a positive would
 * need it (HIV, syphilis), whatever this result is, so the timing gives nothing away either.
 */
function sensitiveBody(w: Words, title: string, ctx: Context, today: boolean): ScriptBody {
  const minor = ctx.ageNow !== undefined && ctx.ageNow.max >= 12 && ctx.ageNow.min < 18;
  const notes = [w.t('sensitive.agent'), ...(minor ? [w.t('sensitive.minor.agent')] : [])];
  const context = contextLines(w, ctx, 'result');
  if (today) return sameDayCallbackBody(w, title, context, notes, 'sensitive.main');
  const body = callbackBody(w, title, context, notes.join(' '), 'clinician-only');
  return { ...body, steps: body.steps.map((s) => (s.id === 'explain' ? { id: 'explain', lines: [...notes.map(agent), main(w.t('sensitive.mainLater'))] } : s)) };
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
    case 'comparator':
      return w.t('unknown.whyComparator');
    default:
      return w.t('unknown.whyValue');
  }
}

/** A callback says nothing about the value, so a vital sign's safety net presumes no more than a measurement's. */
const calm = (net: Net): Net => (net === 'vital' ? 'measurement' : net);

/** The callback script for a result that may not be explained, with the right reason for the agent. */
function notExplainedBody(w: Words, title: string, context: ScriptLine[], o: Outcome, net: Net): ScriptBody {
  if (o.kind === 'clinician') {
    if (o.sameDay) {
      const note = o.why === 'newborn' ? 'newborn.agent' : o.why === 'same-day' ? 'sameDay.agent' : 'clinicianOnly.agent';
      return sameDayCallbackBody(w, title, context, [w.t(note)], 'today.main');
    }
    // No usual range for this age: said plainly, so an ordinary reading does not sound like bad news.
    const age = o.why === 'age';
    return callbackBody(w, title, context, w.t(age ? 'clinicianAge.agent' : 'clinicianOnly.agent'), 'clinician-only', { mainKey: age ? 'callback.mainAge' : 'callback.main', net: calm(net) });
  }
  return callbackBody(w, title, context, w.t('unknown.agent', { why: whyUnknown(w, o) }), 'unknown', { net: calm(net) });
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
  // How old the newest critical result is: an old one still goes to the nurse, without "needs care soon".
  const days = Math.min(...critical.map((c) => c.days ?? 0));
  const past = days > CRITICAL_PAST_DAYS && ctx.date !== undefined;
  // A young baby with a fresh critical result who cannot wait goes to the emergency room: the agent is never told to
  // book a callback for one. A month-old reading does not make a well baby an emergency today (round 4, M10).
  const infant = ctx.ageNow !== undefined && ctx.ageNow.max < INFANT_AGE && !past;
  const note = w.t(infant ? 'critical.agent.infant' : 'critical.agent', { why });
  // Who the words are for is decided by the patient's age now (a parent calls about a child).
  const child = w.child;
  const variant = (key: string) => (child ? `${key}.child` : key);
  const explain = [agent(note), ...(past ? [agent(w.t('critical.past.agent', { days: Math.floor(days) }))] : [])];
  explain.push(main(past ? tc(w, 'critical.mainPast', { date: ctx.date! }) : tc(w, 'critical.main')));
  // A test's own 911 signs are written for an adult ("if you have…"); a child's critical script has the child signs.
  const signs = child ? [] : critical.flatMap((c) => (c.entry?.warningSigns ? [w.p(c.entry.warningSigns)] : []));
  return {
    title,
    safety: 'critical',
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: contextLines(w, ctx, 'critical') },
      { id: 'explain', lines: explain },
      { id: 'next-steps', lines: [action(w.t(variant('critical.action'))), ...[...new Set(signs)].map(say)] },
      teachBackStep(w, w.t(variant('critical.teachBack')), w.t(variant('critical.reexplain')), infant ? 'branch.loopExit.critical.infant.agent' : 'branch.loopExit.critical.agent'),
      // The call ends at the transfer: no "anything else?" after it. A young baby who cannot wait is seen in the
      // emergency room, not called back.
      {
        id: 'close',
        lines: [
          say(w.t('critical.transfer')),
          infant
            ? branch(w.t('branch.cannotStay.infant.agent'), w.t('critical.cannotStay.infant'))
            : branch(w.t('branch.cannotStay.agent'), w.t(variant('critical.cannotStay'))),
        ],
      },
    ],
  };
}

/** A positive test the patient hears about, with a clinician callback booked for today. */
function todayBody(w: Words, title: string, ctx: Context, found: ScriptLine[], details: ScriptLine[], note = w.t('today.agent'), panel = false): ScriptBody {
  return {
    title,
    safety: 'callback-today',
    safetyNote: note,
    steps: [
      verifyStep(w),
      { id: 'context', lines: contextLines(w, ctx, 'result') },
      { id: 'explain', lines: [...found, main(tc(w, 'today.main', {}, panel)), ...details] },
      { id: 'next-steps', lines: [action(tc(w, 'today.action')), agent(w.t('today.agent'))] },
      teachBackStep(w, w.t('today.teachBack'), tc(w, 'today.reexplain', {}, panel)),
      closeStep(w),
    ],
  };
}

type Group = 'within' | 'outside' | 'found' | 'today' | 'callback';

function groupOf(c: Classified): Group {
  const o = c.outcome;
  switch (o.kind) {
    case 'within':
    case 'not-detected':
    case 'no-range':
      return 'within';
    case 'higher':
    case 'lower':
    case 'outside':
      return o.urgent ? 'today' : 'outside';
    case 'detected':
      return 'found';
    case 'callback-today':
      return 'today';
    case 'clinician':
      return o.sameDay ? 'today' : 'callback';
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
function onRecord(w: Words, o: Outcome, name?: string): ScriptLine[] {
  if (!measured(o)) return [];
  const r = 'range' in o ? o.range : undefined;
  const range = r?.low && r.high ? `${r.low.shown}–${r.high.shown}` : r?.low ? `≥ ${r.low.shown}` : r?.high ? `≤ ${r.high.shown}` : '';
  const value = name ? `${name}: ${o.value.shown}` : o.value.shown;
  return [agent(range ? w.t('result.onRecordRange.agent', { value, range }) : w.t('result.onRecord.agent', { value }))];
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

const isPresence = (c: Classified): c is Classified & { entry: PresenceLab } => c.entry?.result === 'presence';

/** The lines for one result of a report that is not in the usual range: its name and outcome, then its numbers. */
function memberLines(w: Words, c: Classified): ScriptLine[] {
  const o = c.outcome;
  const name = c.recordName && w.lang === 'es' ? 'Esta prueba' : c.name(w.lang);
  if (isPresence(c) && (o.kind === 'detected' || o.kind === 'not-detected' || o.kind === 'callback-today')) {
    const [first, ...rest] = presenceLines(w, c.entry, o);
    return [say(w.t('result.member.said', { name, outcome: first ?? '' })), ...rest.map(say)];
  }
  if (!measured(o)) return [];
  const verdict = o.kind === 'no-range' ? 'result.member.noRange' : `result.member.${o.kind}`;
  const range = rangeLine(w, o);
  return [say(tc(w, 'result.member.value', { name, value: o.value.spoken })), ...(range ? [say(range)] : []), say(w.t(verdict)), ...onRecord(w, o), ...background(w, c)];
}

/** careTeam: a report whose only results to follow up are ones the care team explains (no number is outside). */
type FollowUp = 'within' | 'noRange' | 'outside' | 'found' | 'notDetected' | 'old' | 'careTeam';

function explainedBody(
  w: Words,
  title: string,
  ctx: Context,
  safety: ScriptSafety,
  explain: ScriptLine[],
  followUp: FollowUp,
  options: { panel?: boolean; net?: Net } = {},
): ScriptBody {
  const panel = options.panel ?? false;
  const next =
    followUp === 'outside' || followUp === 'found' || followUp === 'careTeam'
      ? [action(tc(w, 'result.action.outside')), safetyNetLine(w, options.net ?? 'measurement', true), agent(w.t('result.action.outside.agent'))]
      : followUp === 'old'
        ? [action(tc(w, 'result.action.old', {}, panel)), agent(w.t('result.action.old.agent'))]
        : followUp === 'notDetected'
          ? [action(tc(w, 'result.action.within')), say(tc(w, 'result.action.notDetected'))]
          : [action(tc(w, followUp === 'noRange' ? 'result.action.noRange' : 'result.action.within'))];
  const question =
    panel && (followUp === 'within' || followUp === 'notDetected')
      ? 'result.teachBack.panel'
      : followUp === 'noRange'
        ? 'result.teachBack.noRange'
        : followUp === 'within' || followUp === 'notDetected'
          ? 'result.teachBack.within'
          : 'result.teachBack.outside';
  return {
    title,
    safety,
    safetyNote: null,
    steps: [
      verifyStep(w),
      { id: 'context', lines: contextLines(w, ctx, 'result') },
      { id: 'explain', lines: explain },
      { id: 'next-steps', lines: next },
      teachBackStep(w, tc(w, question, {}, panel), tc(w, `result.reexplain.${followUp}`, {}, panel)),
      closeStep(w),
    ],
  };
}

/** Whether a follow-up for a result this old is offered rather than sent. */
const isOld = (c: Classified) => (c.days ?? 0) > OLD_DAYS;

function reportBody(w: Words, entry: LabEntry | undefined, title: string, ctx: Context, classified: Classified[]): ScriptBody {
  const groups = classified.map(groupOf);
  const of = (g: Group) => classified.filter((_, i) => groups[i] === g);
  const names = (list: Classified[]) => listOf(list.map((c) => spokenName(w, c)), w.lang);
  const outside = of('outside');
  const found = [...of('found'), ...of('today').filter(isPresence)];
  const within = of('within');
  const callbacks = [...of('callback'), ...of('today').filter((c) => !isPresence(c) && !measured(c.outcome))];
  const summary: string[] = [plural(w, 'result.panel.count', classified.length)];
  if (within.length === classified.length) summary.push(plural(w, 'result.panel.allWithin', classified.length));
  else {
    const measuredOutside = [...outside, ...of('today').filter((c) => measured(c.outcome))];
    if (measuredOutside.length > 0) summary.push(plural(w, 'result.panel.outside', measuredOutside.length, { names: names(measuredOutside) }));
    if (found.length > 0) summary.push(plural(w, 'result.panel.found', found.length, { names: names(found) }));
  }
  const details: ScriptLine[] = [...(entry ? [say(w.p(entry.why))] : [])];
  // Numbers only for the results that are not in the usual range: the others are named, their numbers on screen.
  for (const c of classified) if (groupOf(c) !== 'within' && groupOf(c) !== 'callback') details.push(...memberLines(w, c));
  // A result with no usual range is read with its number: it is not "in the usual range".
  for (const c of within.filter((x) => !measured(x.outcome) || x.outcome.kind === 'no-range')) details.push(...memberLines(w, c));
  const withinMeasured = within.filter((c) => measured(c.outcome) && c.outcome.kind !== 'no-range');
  if (withinMeasured.length > 0) {
    const list = { names: names(withinMeasured) };
    if (within.length !== classified.length) {
      // After the results outside the range: how many others are in it, and their names only if the patient asks.
      details.push(say(plural(w, 'result.panel.othersWithin', withinMeasured.length)));
      details.push(branch(w.t('branch.whichOthers.agent'), w.t('result.panel.someWithin', list)));
    } else if (withinMeasured.length > LIST_MAX) details.push(branch(w.t('branch.whichOthers.agent'), w.t('result.panel.allNames', list)));
    else details.push(say(w.t('result.panel.allNames', list)));
    for (const c of withinMeasured) details.push(...onRecord(w, c.outcome, c.name(w.lang)));
  }
  if (callbacks.length > 0) {
    details.push(say(plural(w, 'result.panel.careTeam', callbacks.length)));
    details.push(agent(w.t('result.recordName.agent', { name: listOf(callbacks.map((c) => c.name(w.lang)), w.lang) })));
  }
  const mainLines = summary.map(main);
  if (of('today').length > 0) return todayBody(w, title, ctx, mainLines, details, undefined, true);
  const attention = outside.length + found.length > 0;
  const followUp: FollowUp =
    attention || callbacks.length > 0 ? (classified.every(isOld) ? 'old' : !attention ? 'careTeam' : found.length > 0 && outside.length === 0 ? 'found' : 'outside') : 'within';
  const net = netOf([entry ? { entry } : {}, ...outside, ...found, ...callbacks]);
  return explainedBody(w, title, ctx, attention ? 'outside-range' : 'explain', [...mainLines, ...details], followUp, { panel: true, net });
}

/** One result on its own: the main message, what the test measures, then its number and usual range. */
function singleBody(w: Words, title: string, ctx: Context, c: Classified): ScriptBody {
  const o = c.outcome;
  const e = c.entry;
  const test = ctx.test === undefined ? '' : spokenName(w, c);
  const measures = e ? [say(w.p(e.measures))] : [];
  if (isPresence(c) && (o.kind === 'detected' || o.kind === 'not-detected' || o.kind === 'callback-today')) {
    const [first, ...rest] = presenceLines(w, c.entry, o);
    const foundLines = [main(first ?? ''), ...rest.map(say)];
    if (o.kind === 'callback-today') return todayBody(w, title, ctx, foundLines, measures);
    if (o.kind === 'detected') return explainedBody(w, title, ctx, 'outside-range', [...foundLines, ...measures], isOld(c) ? 'old' : 'found', { net: netOf([c]) });
    // A negative infection test: the patient may still be unwell.
    const infection = c.entry.whenDetected !== 'explain';
    return explainedBody(w, title, ctx, 'explain', [...foundLines, ...measures], infection ? 'notDetected' : 'within');
  }
  if (!measured(o)) return notExplainedBody(w, title, contextLines(w, ctx, 'result'), o, netOf([c]));
  if (o.kind === 'no-range') {
    const lines = [main(tc(w, 'result.main.noRange', { test })), ...measures, say(tc(w, 'result.value', { value: o.value.spoken })), ...onRecord(w, o)];
    return explainedBody(w, title, ctx, 'explain', lines, 'noRange');
  }
  const range = rangeLine(w, o);
  const lines = [
    main(tc(w, `result.main.${o.kind}`, { test })),
    ...measures,
    say(tc(w, 'result.value', { value: o.value.spoken })),
    ...(range ? [say(range)] : []),
    ...(o.kind !== 'within' ? [say(tc(w, 'result.meaning.outside'))] : []),
    ...onRecord(w, o),
    ...background(w, c),
  ];
  if (o.urgent) return todayBody(w, title, ctx, lines.slice(0, 1), lines.slice(1), w.t('sameDay.agent'));
  const outside = o.kind !== 'within';
  return explainedBody(w, title, ctx, outside ? 'outside-range' : 'explain', lines, outside ? (isOld(c) ? 'old' : 'outside') : 'within', { net: netOf([c]) });
}

/** An Observation's components as Observations of their own (a blood-pressure panel's systolic and diastolic). */
function components(o: Json): Json[] {
  return arr(o.component).flatMap((c) => {
    const part = obj(c);
    return part ? [{ ...part, resourceType: 'Observation', effectiveDateTime: o.effectiveDateTime, status: o.status }] : [];
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
  const taken = str(resource.effectiveDateTime) ?? str(obj(resource.effectivePeriod)?.start) ?? str(resource.issued);
  const parts = panelMembers(resource, members);
  const isPanel = parts.length > 0;
  const classified = isPanel ? parts.map((m) => classify(pack, m, patient, lang)) : [own];
  // A sensitive member makes the whole report private: its name, and the report's, are not said.
  const sensitive = [own, ...classified].filter((c) => c.entry?.sensitive);
  const unnamed = sensitive.length > 0 || own.privateName;
  const ctx: Context = {
    date: formatDate(taken, lang),
    test: unnamed ? undefined : title,
    notes: unnamed ? [agent(w.t('result.recordName.agent', { name: title }))] : [],
    age: ageInterval(patient.birthDate, taken, patient.now),
    ageNow: ageInterval(patient.birthDate, undefined, patient.now),
  };

  // The report's own critical flag counts too.
  const critical = [...classified, ...(isPanel && own.outcome.kind === 'critical' ? [own] : [])].filter((c) => c.outcome.kind === 'critical');
  if (critical.length > 0) return criticalBody(w, title, ctx, critical);
  if (sensitive.length > 0) {
    return sensitiveBody(w, title, ctx, sensitive.some((c) => c.entry?.result === 'presence' && c.entry.whenDetected !== 'explain'));
  }

  const context = contextLines(w, ctx, 'result');
  if (own.entry?.explain === 'clinician') {
    return notExplainedBody(w, title, context, own.outcome.kind === 'clinician' ? own.outcome : { kind: 'clinician', why: 'entry' }, netOf([own]));
  }
  if (!isPanel) return singleBody(w, title, ctx, own);

  // A member the app cannot name that found something (or whose text is unclear) makes the whole report a callback.
  if (classified.some((c) => c.outcome.kind === 'unknown' && c.outcome.why === 'code' && c.presence !== undefined && c.presence !== 'not-detected')) {
    return callbackBody(w, title, context, w.t('unknown.agent', { why: w.t('unknown.whyPanelMember') }), 'unknown', { net: netOf([own, ...classified]) });
  }
  if (classified.every((c) => groupOf(c) === 'callback')) return notExplainedBody(w, title, context, classified[0]!.outcome, netOf([own, ...classified]));
  return reportBody(w, own.entry, title, ctx, classified);
}
