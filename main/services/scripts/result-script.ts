import type { ScriptLine, ScriptSafety, ScriptStep } from '../../../preload/contract';
import { arr, conceptText, obj, str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import type { LabEntry, PresenceLab } from '../knowledge/schema';
import { classify, type Amount, type Classified, type Outcome, type PatientFacts } from './classify';
import { formatDate } from './format';
import {
  agentNote,
  branch,
  callToAction,
  closeStep,
  fittingText,
  listOf,
  mainMessage,
  midSentence,
  say,
  teachBackStep,
  verifyStep,
  type ScriptWords,
} from './lines';
import { ageInterval, type AgeInterval } from './patient-age';

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

const pluralText = (words: ScriptWords, key: string, count: number, params: Record<string, string | number> = {}) =>
  fittingText(words, `${key}_${count === 1 ? 'one' : 'other'}`, { count, ...params });

/** Which safety net is read while the patient waits for a call (the pack's `safetyNet`; omitted: a measurement). */
type Net = 'measurement' | 'symptoms' | 'vital';

/** The strongest safety net the results ask for: a vital sign's, then a symptom test's, else a measurement's. */
function strongestSafetyNet(results: readonly { entry?: LabEntry | undefined }[]): Net {
  const nets = results.map((c) => c.entry?.safetyNet);
  return nets.includes('vital') ? 'vital' : nets.includes('symptoms') ? 'symptoms' : 'measurement';
}

/**
 * What to do before the care team calls. A measurement presumes nothing about how the patient feels; a child's vital
 * sign outside its usual range names the child danger signs (`signs`), elsewhere it is read like a symptom test.
 */
function safetyNetLine(words: ScriptWords, net: Net, signs = false): ScriptLine {
  if (net === 'vital' && signs && words.child) return say(words.text('safetyNet.vital.child'));
  return say(fittingText(words, net === 'measurement' ? 'safetyNet.measurement' : 'safetyNet.symptoms'));
}

/** What the patient hears as a test's name; a private name (a sensitive or unknown test) is never said. */
function spokenName(words: ScriptWords, c: Pick<Classified, 'name' | 'recordName'>): string {
  if (c.recordName && words.language === 'es') return 'esta prueba';
  return midSentence(c.name(words.language), words.language);
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

function contextLines(words: ScriptWords, ctx: Context, kind: 'result' | 'critical'): ScriptLine[] {
  const key = ctx.test === undefined ? 'result.contextUnnamed' : `${kind}.context`;
  const line = ctx.date ? fittingText(words, key, { date: ctx.date, test: ctx.test ?? '' }) : fittingText(words, `${key}NoDate`, { test: ctx.test ?? '' });
  return [say(line), ...ctx.notes];
}

/**
 * The script when nothing may be explained: a clinician callback, with the reason for the agent. `mainKey` says why in
 * the patient's words where that helps (no usual range for this age); `net` is the safety net while they wait.
 */
export function callbackBody(
  words: ScriptWords,
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
      verifyStep(words),
      { id: 'context', lines: context },
      { id: 'explain', lines: [agentNote(note), mainMessage(fittingText(words, options.mainKey ?? 'callback.main'))] },
      {
        id: 'next-steps',
        lines: [
          callToAction(fittingText(words, 'callback.action')),
          safetyNetLine(words, options.net ?? 'measurement'),
          agentNote(words.text('callback.action.agent')),
        ],
      },
      teachBackStep(words, words.text('callback.teachBack'), fittingText(words, 'callback.reexplain')),
      closeStep(words),
    ],
  };
}

/** A clinician calls back today: a newborn's result, a value near a critical limit, or a sensitive test. */
function sameDayCallbackBody(words: ScriptWords, title: string, context: ScriptLine[], notes: string[], mainKey: 'today.main' | 'sensitive.main'): ScriptBody {
  const note = notes.join(' ');
  return {
    title,
    safety: 'clinician-only',
    safetyNote: note,
    steps: [
      verifyStep(words),
      { id: 'context', lines: context },
      { id: 'explain', lines: [...notes.map(agentNote), mainMessage(fittingText(words, mainKey))] },
      { id: 'next-steps', lines: [callToAction(fittingText(words, 'today.action')), agentNote(words.text('today.agent'))] },
      teachBackStep(words, words.text('today.teachBack'), words.text('today.reexplain')),
      closeStep(words),
    ],
  };
}

/**
 * A sensitive test: the same words whatever it found, its name never said. The call is today when a positive would
 * need it (HIV, syphilis), whatever this result is, so the timing gives nothing away either.
 */
function sensitiveBody(words: ScriptWords, title: string, ctx: Context, today: boolean): ScriptBody {
  const minor = ctx.ageNow !== undefined && ctx.ageNow.max >= 12 && ctx.ageNow.min < 18;
  const notes = [words.text('sensitive.agent'), ...(minor ? [words.text('sensitive.minor.agent')] : [])];
  const context = contextLines(words, ctx, 'result');
  if (today) return sameDayCallbackBody(words, title, context, notes, 'sensitive.main');
  const body = callbackBody(words, title, context, notes.join(' '), 'clinician-only');
  return {
    ...body,
    steps: body.steps.map((s) =>
      s.id === 'explain' ? { id: 'explain', lines: [...notes.map(agentNote), mainMessage(words.text('sensitive.mainLater'))] } : s,
    ),
  };
}

function whyUnknown(words: ScriptWords, o: Outcome): string {
  if (o.kind !== 'unknown') return words.text('unknown.whyValue');
  switch (o.why) {
    case 'code':
      return words.text('unknown.whyCode');
    case 'unit':
      return words.text('unknown.whyUnit', { unit: o.unit ?? '?' });
    case 'patient':
      return words.text('unknown.whyPatient');
    case 'text':
      return words.text('unknown.whyText');
    case 'preliminary':
      return words.text('unknown.whyPreliminary');
    case 'withdrawn':
      return words.text('unknown.whyWithdrawn');
    case 'comparator':
      return words.text('unknown.whyComparator');
    default:
      return words.text('unknown.whyValue');
  }
}

/** A callback says nothing about the value, so a vital sign's safety net presumes no more than a measurement's. */
const callbackSafetyNet = (net: Net): Net => (net === 'vital' ? 'measurement' : net);

/** The callback script for a result that may not be explained, with the right reason for the agent. */
function notExplainedBody(words: ScriptWords, title: string, context: ScriptLine[], o: Outcome, net: Net): ScriptBody {
  if (o.kind === 'clinician') {
    if (o.sameDay) {
      const note = o.why === 'newborn' ? 'newborn.agent' : o.why === 'same-day' ? 'sameDay.agent' : 'clinicianOnly.agent';
      return sameDayCallbackBody(words, title, context, [words.text(note)], 'today.main');
    }
    // No usual range for this age: said plainly, so an ordinary reading does not sound like bad news.
    const age = o.why === 'age';
    return callbackBody(words, title, context, words.text(age ? 'clinicianAge.agent' : 'clinicianOnly.agent'), 'clinician-only', {
      mainKey: age ? 'callback.mainAge' : 'callback.main',
      net: callbackSafetyNet(net),
    });
  }
  return callbackBody(words, title, context, words.text('unknown.agent', { why: whyUnknown(words, o) }), 'unknown', { net: callbackSafetyNet(net) });
}

function criticalBody(words: ScriptWords, title: string, ctx: Context, critical: Classified[]): ScriptBody {
  const why = critical
    .map((c) => {
      const o = c.outcome;
      const name = c.name(words.language);
      if (o.kind !== 'critical') return '';
      if (o.why === 'limit') return words.text('critical.whyLimit', { name, limit: o.limit ?? '' });
      if (o.why === 'detected') return words.text('critical.whyDetected', { name });
      if (o.why === 'abnormal') return words.text('critical.whyAbnormal', { name });
      return words.text('critical.whyFlag', { name });
    })
    .join(' ');
  // How old the newest critical result is: an old one still goes to the nurse, without "needs care soon".
  const days = Math.min(...critical.map((c) => c.days ?? 0));
  const past = days > CRITICAL_PAST_DAYS && ctx.date !== undefined;
  // A young baby with a fresh critical result who cannot wait goes to the emergency room: the agent is never told to
  // book a callback for one. A month-old reading does not make a well baby an emergency today (round 4, M10).
  const infant = ctx.ageNow !== undefined && ctx.ageNow.max < INFANT_AGE && !past;
  const note = words.text(infant ? 'critical.agent.infant' : 'critical.agent', { why });
  // Who the words are for is decided by the patient's age now (a parent calls about a child).
  const child = words.child;
  const variant = (key: string) => (child ? `${key}.child` : key);
  const explain = [agentNote(note), ...(past ? [agentNote(words.text('critical.past.agent', { days: Math.floor(days) }))] : [])];
  explain.push(mainMessage(past ? fittingText(words, 'critical.mainPast', { date: ctx.date! }) : fittingText(words, 'critical.main')));
  // A test's own 911 signs are written for an adult ("if you have…"); a child's critical script has the child signs.
  const signs = child ? [] : critical.flatMap((c) => (c.entry?.warningSigns ? [words.fromPack(c.entry.warningSigns)] : []));
  return {
    title,
    safety: 'critical',
    safetyNote: note,
    steps: [
      verifyStep(words),
      { id: 'context', lines: contextLines(words, ctx, 'critical') },
      { id: 'explain', lines: explain },
      { id: 'next-steps', lines: [callToAction(words.text(variant('critical.action'))), ...[...new Set(signs)].map(say)] },
      teachBackStep(
        words,
        words.text(variant('critical.teachBack')),
        words.text(variant('critical.reexplain')),
        infant ? 'branch.loopExit.critical.infant.agent' : 'branch.loopExit.critical.agent',
      ),
      // The call ends at the transfer: no "anything else?" after it. A young baby who cannot wait is seen in the
      // emergency room, not called back.
      {
        id: 'close',
        lines: [
          say(words.text('critical.transfer')),
          infant
            ? branch(words.text('branch.cannotStay.infant.agent'), words.text('critical.cannotStay.infant'))
            : branch(words.text('branch.cannotStay.agent'), words.text(variant('critical.cannotStay'))),
        ],
      },
    ],
  };
}

/** A positive test the patient hears about, with a clinician callback booked for today. */
function todayBody(
  words: ScriptWords,
  title: string,
  ctx: Context,
  found: ScriptLine[],
  details: ScriptLine[],
  note = words.text('today.agent'),
  panel = false,
): ScriptBody {
  return {
    title,
    safety: 'callback-today',
    safetyNote: note,
    steps: [
      verifyStep(words),
      { id: 'context', lines: contextLines(words, ctx, 'result') },
      { id: 'explain', lines: [...found, mainMessage(fittingText(words, 'today.main', {}, panel)), ...details] },
      { id: 'next-steps', lines: [callToAction(fittingText(words, 'today.action')), agentNote(words.text('today.agent'))] },
      teachBackStep(words, words.text('today.teachBack'), fittingText(words, 'today.reexplain', {}, panel)),
      closeStep(words),
    ],
  };
}

type Group = 'within' | 'outside' | 'found' | 'today' | 'callback';

function groupOfResult(c: Classified): Group {
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

const isMeasured = (o: Outcome): o is Extract<Outcome, { value: Amount }> => 'value' in o;

function rangeLine(words: ScriptWords, o: Outcome): string | undefined {
  if (!isMeasured(o) || !('range' in o) || !o.range) return undefined;
  const { low, high } = o.range;
  if (low && high) return words.text('result.range', { low: low.spoken, high: high.spoken });
  if (low) return words.text('result.rangeAbove', { low: low.spoken });
  if (high) return words.text('result.rangeBelow', { high: high.spoken });
  return undefined;
}

/** What the record itself says, for the agent: the value and range with their units as written. */
function recordedValueLines(words: ScriptWords, o: Outcome, name?: string): ScriptLine[] {
  if (!isMeasured(o)) return [];
  const r = 'range' in o ? o.range : undefined;
  const range = r?.low && r.high ? `${r.low.shown}–${r.high.shown}` : r?.low ? `≥ ${r.low.shown}` : r?.high ? `≤ ${r.high.shown}` : '';
  const value = name ? `${name}: ${o.value.shown}` : o.value.shown;
  return [agentNote(range ? words.text('result.onRecordRange.agent', { value, range }) : words.text('result.onRecord.agent', { value }))];
}

/** What a higher or lower value can mean in general: background for the agent, never said as this patient's cause. */
function backgroundLines(words: ScriptWords, c: Classified): ScriptLine[] {
  const e = c.entry;
  if (e?.result !== 'quantity') return [];
  const meaning = c.outcome.kind === 'higher' ? e.higher : c.outcome.kind === 'lower' ? e.lower : undefined;
  return meaning ? [agentNote(words.text('result.background.agent', { meaning: words.fromPack(meaning) }))] : [];
}

function presenceLines(words: ScriptWords, entry: PresenceLab, o: Outcome): string[] {
  if (o.kind === 'detected' || o.kind === 'callback-today') return [words.fromPack(entry.detected)];
  if (o.kind !== 'not-detected') return [];
  const caveat = entry.notDetectedCaveat;
  const applies = caveat && (caveat.ageMax === undefined || o.age === undefined || o.age.min < caveat.ageMax);
  return [words.fromPack(entry.notDetected), ...(applies ? [words.fromPack(caveat.text)] : [])];
}

const isPresence = (c: Classified): c is Classified & { entry: PresenceLab } => c.entry?.result === 'presence';

/** The lines for one result of a report that is not in the usual range: its name and outcome, then its numbers. */
function memberLines(words: ScriptWords, c: Classified): ScriptLine[] {
  const o = c.outcome;
  const name = c.recordName && words.language === 'es' ? 'Esta prueba' : c.name(words.language);
  if (isPresence(c) && (o.kind === 'detected' || o.kind === 'not-detected' || o.kind === 'callback-today')) {
    const [first, ...rest] = presenceLines(words, c.entry, o);
    return [say(words.text('result.member.said', { name, outcome: first ?? '' })), ...rest.map(say)];
  }
  if (!isMeasured(o)) return [];
  const verdict = o.kind === 'no-range' ? 'result.member.noRange' : `result.member.${o.kind}`;
  const range = rangeLine(words, o);
  return [
    say(fittingText(words, 'result.member.value', { name, value: o.value.spoken })),
    ...(range ? [say(range)] : []),
    say(words.text(verdict)),
    ...recordedValueLines(words, o),
    ...backgroundLines(words, c),
  ];
}

/** careTeam: a report whose only results to follow up are ones the care team explains (no number is outside). */
type FollowUp = 'within' | 'noRange' | 'outside' | 'found' | 'notDetected' | 'old' | 'careTeam';

function explainedBody(
  words: ScriptWords,
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
      ? [
          callToAction(fittingText(words, 'result.action.outside')),
          safetyNetLine(words, options.net ?? 'measurement', true),
          agentNote(words.text('result.action.outside.agent')),
        ]
      : followUp === 'old'
        ? [callToAction(fittingText(words, 'result.action.old', {}, panel)), agentNote(words.text('result.action.old.agent'))]
        : followUp === 'notDetected'
          ? [callToAction(fittingText(words, 'result.action.within')), say(fittingText(words, 'result.action.notDetected'))]
          : [callToAction(fittingText(words, followUp === 'noRange' ? 'result.action.noRange' : 'result.action.within'))];
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
      verifyStep(words),
      { id: 'context', lines: contextLines(words, ctx, 'result') },
      { id: 'explain', lines: explain },
      { id: 'next-steps', lines: next },
      teachBackStep(words, fittingText(words, question, {}, panel), fittingText(words, `result.reexplain.${followUp}`, {}, panel)),
      closeStep(words),
    ],
  };
}

/** Whether a follow-up for a result this old is offered rather than sent. */
const isOld = (c: Classified) => (c.days ?? 0) > OLD_DAYS;

function reportBody(words: ScriptWords, entry: LabEntry | undefined, title: string, ctx: Context, classified: Classified[]): ScriptBody {
  const groups = classified.map(groupOfResult);
  const inGroup = (g: Group) => classified.filter((_, i) => groups[i] === g);
  const names = (list: Classified[]) =>
    listOf(
      list.map((c) => spokenName(words, c)),
      words.language,
    );
  const outside = inGroup('outside');
  const found = [...inGroup('found'), ...inGroup('today').filter(isPresence)];
  const within = inGroup('within');
  const callbacks = [...inGroup('callback'), ...inGroup('today').filter((c) => !isPresence(c) && !isMeasured(c.outcome))];
  const summary: string[] = [pluralText(words, 'result.panel.count', classified.length)];
  if (within.length === classified.length) summary.push(pluralText(words, 'result.panel.allWithin', classified.length));
  else {
    const measuredOutside = [...outside, ...inGroup('today').filter((c) => isMeasured(c.outcome))];
    if (measuredOutside.length > 0) summary.push(pluralText(words, 'result.panel.outside', measuredOutside.length, { names: names(measuredOutside) }));
    if (found.length > 0) summary.push(pluralText(words, 'result.panel.found', found.length, { names: names(found) }));
  }
  const details: ScriptLine[] = [...(entry ? [say(words.fromPack(entry.why))] : [])];
  // Numbers only for the results that are not in the usual range: the others are named, their numbers on screen.
  for (const c of classified) if (groupOfResult(c) !== 'within' && groupOfResult(c) !== 'callback') details.push(...memberLines(words, c));
  // A result with no usual range is read with its number: it is not "in the usual range".
  for (const c of within.filter((x) => !isMeasured(x.outcome) || x.outcome.kind === 'no-range')) details.push(...memberLines(words, c));
  const withinMeasured = within.filter((c) => isMeasured(c.outcome) && c.outcome.kind !== 'no-range');
  if (withinMeasured.length > 0) {
    const list = { names: names(withinMeasured) };
    if (within.length !== classified.length) {
      // After the results outside the range: how many others are in it, and their names only if the patient asks.
      details.push(say(pluralText(words, 'result.panel.othersWithin', withinMeasured.length)));
      details.push(branch(words.text('branch.whichOthers.agent'), words.text('result.panel.someWithin', list)));
    } else if (withinMeasured.length > LIST_MAX) details.push(branch(words.text('branch.whichOthers.agent'), words.text('result.panel.allNames', list)));
    else details.push(say(words.text('result.panel.allNames', list)));
    for (const c of withinMeasured) details.push(...recordedValueLines(words, c.outcome, c.name(words.language)));
  }
  if (callbacks.length > 0) {
    details.push(say(pluralText(words, 'result.panel.careTeam', callbacks.length)));
    details.push(
      agentNote(
        words.text('result.recordName.agent', {
          name: listOf(
            callbacks.map((c) => c.name(words.language)),
            words.language,
          ),
        }),
      ),
    );
  }
  const mainLines = summary.map(mainMessage);
  if (inGroup('today').length > 0) return todayBody(words, title, ctx, mainLines, details, undefined, true);
  const attention = outside.length + found.length > 0;
  const followUp: FollowUp =
    attention || callbacks.length > 0
      ? classified.every(isOld)
        ? 'old'
        : !attention
          ? 'careTeam'
          : found.length > 0 && outside.length === 0
            ? 'found'
            : 'outside'
      : 'within';
  const net = strongestSafetyNet([entry ? { entry } : {}, ...outside, ...found, ...callbacks]);
  return explainedBody(words, title, ctx, attention ? 'outside-range' : 'explain', [...mainLines, ...details], followUp, { panel: true, net });
}

/** One result on its own: the main message, what the test measures, then its number and usual range. */
function singleBody(words: ScriptWords, title: string, ctx: Context, c: Classified): ScriptBody {
  const o = c.outcome;
  const e = c.entry;
  const test = ctx.test === undefined ? '' : spokenName(words, c);
  const measures = e ? [say(words.fromPack(e.measures))] : [];
  if (isPresence(c) && (o.kind === 'detected' || o.kind === 'not-detected' || o.kind === 'callback-today')) {
    const [first, ...rest] = presenceLines(words, c.entry, o);
    const foundLines = [mainMessage(first ?? ''), ...rest.map(say)];
    if (o.kind === 'callback-today') return todayBody(words, title, ctx, foundLines, measures);
    if (o.kind === 'detected')
      return explainedBody(words, title, ctx, 'outside-range', [...foundLines, ...measures], isOld(c) ? 'old' : 'found', { net: strongestSafetyNet([c]) });
    // A negative infection test: the patient may still be unwell.
    const infection = c.entry.whenDetected !== 'explain';
    return explainedBody(words, title, ctx, 'explain', [...foundLines, ...measures], infection ? 'notDetected' : 'within');
  }
  if (!isMeasured(o)) return notExplainedBody(words, title, contextLines(words, ctx, 'result'), o, strongestSafetyNet([c]));
  if (o.kind === 'no-range') {
    const lines = [
      mainMessage(fittingText(words, 'result.main.noRange', { test })),
      ...measures,
      say(fittingText(words, 'result.value', { value: o.value.spoken })),
      ...recordedValueLines(words, o),
    ];
    return explainedBody(words, title, ctx, 'explain', lines, 'noRange');
  }
  const range = rangeLine(words, o);
  const lines = [
    mainMessage(fittingText(words, `result.main.${o.kind}`, { test })),
    ...measures,
    say(fittingText(words, 'result.value', { value: o.value.spoken })),
    ...(range ? [say(range)] : []),
    ...(o.kind !== 'within' ? [say(fittingText(words, 'result.meaning.outside'))] : []),
    ...recordedValueLines(words, o),
    ...backgroundLines(words, c),
  ];
  if (o.urgent) return todayBody(words, title, ctx, lines.slice(0, 1), lines.slice(1), words.text('sameDay.agent'));
  const outside = o.kind !== 'within';
  return explainedBody(words, title, ctx, outside ? 'outside-range' : 'explain', lines, outside ? (isOld(c) ? 'old' : 'outside') : 'within', {
    net: strongestSafetyNet([c]),
  });
}

/** An Observation's components as Observations of their own (a blood-pressure panel's systolic and diastolic). */
function componentObservations(o: Json): Json[] {
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
  const top = resource.resourceType === 'Observation' && arr(resource.component).length > 0 ? componentObservations(resource) : [...members];
  return top.flatMap((m) =>
    arr(m.component).length > 0 && m.valueQuantity === undefined && m.valueCodeableConcept === undefined ? componentObservations(m) : [m],
  );
}

/** A script for an Observation or DiagnosticReport. `members` are the report's results, read from the cache. */
export function resultBody(words: ScriptWords, pack: KnowledgePack, resource: Json, members: readonly Json[], patient: PatientFacts): ScriptBody {
  const lang = words.language;
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
    notes: unnamed ? [agentNote(words.text('result.recordName.agent', { name: title }))] : [],
    age: ageInterval(patient.birthDate, taken, patient.now),
    ageNow: ageInterval(patient.birthDate, undefined, patient.now),
  };

  // The report's own critical flag counts too.
  const critical = [...classified, ...(isPanel && own.outcome.kind === 'critical' ? [own] : [])].filter((c) => c.outcome.kind === 'critical');
  if (critical.length > 0) return criticalBody(words, title, ctx, critical);
  if (sensitive.length > 0) {
    return sensitiveBody(
      words,
      title,
      ctx,
      sensitive.some((c) => c.entry?.result === 'presence' && c.entry.whenDetected !== 'explain'),
    );
  }

  const context = contextLines(words, ctx, 'result');
  if (own.entry?.explain === 'clinician') {
    return notExplainedBody(
      words,
      title,
      context,
      own.outcome.kind === 'clinician' ? own.outcome : { kind: 'clinician', why: 'entry' },
      strongestSafetyNet([own]),
    );
  }
  if (!isPanel) return singleBody(words, title, ctx, own);

  // A member the app cannot name that found something (or whose text is unclear) makes the whole report a callback.
  if (classified.some((c) => c.outcome.kind === 'unknown' && c.outcome.why === 'code' && c.presence !== undefined && c.presence !== 'not-detected')) {
    return callbackBody(words, title, context, words.text('unknown.agent', { why: words.text('unknown.whyPanelMember') }), 'unknown', {
      net: strongestSafetyNet([own, ...classified]),
    });
  }
  if (classified.every((c) => groupOfResult(c) === 'callback'))
    return notExplainedBody(words, title, context, classified[0]!.outcome, strongestSafetyNet([own, ...classified]));
  return reportBody(words, own.entry, title, ctx, classified);
}
