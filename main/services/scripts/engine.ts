import { isBillSource, type Bill, type Script, type ScriptLanguage } from '../../../preload/contract';
import { str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import { readability } from '../readability';
import { billBody } from './bill-script';
import type { PatientFacts } from './classify';
import { findViolations, type Violation } from './guardrails';
import { callbackBody, resultBody, type ScriptBody } from './result-script';
import { agentNote, type ScriptWords } from './lines';
import { ageInterval } from './patient-age';
import { textRenderer } from './texts';

/** Under this age the caller is taken to be a parent or guardian. */
export const CHILD_AGE = 13;

export interface ScriptInput {
  patient: PatientFacts & { id: string; language: string | null };
  /** The resource as cached; null when it is not there (deleted, or never imported). */
  resource: Json | null;
  source: { type: string; id: string };
  /** For a DiagnosticReport: its results, read from the cache. */
  members: readonly Json[];
  /** For a bill: the person's Coverage resources. */
  coverages?: readonly Json[];
  /** The Claim asked about has an ExplanationOfBenefit, which `resource` now is. */
  routedFromClaim?: boolean;
  /** Omitted: the patient's preferred language, else English. */
  language?: ScriptLanguage | undefined;
}

export interface BuildOptions {
  /** Told when the guardrails replaced a script (what tripped, never patient data). */
  onViolation?: (violations: Violation[], source: { type: string; id: string }) => void;
}

function scriptLanguageOf(language: string | null): ScriptLanguage | null {
  return language === 'es' || language === 'en' ? language : null;
}

function wordsFor(pack: KnowledgePack, language: ScriptLanguage, child = false): { words: ScriptWords; authored: string[] } {
  const authored: string[] = [];
  const text = textRenderer(pack, language, authored);
  return {
    authored,
    words: {
      text,
      language,
      child,
      fromPack: (sentence) => {
        authored.push(sentence[language]);
        return sentence[language];
      },
    },
  };
}

function scriptBodyFor(pack: KnowledgePack, input: ScriptInput, words: ScriptWords): { body: ScriptBody; bill: Bill | null; kind: Script['kind'] } {
  const resource = input.resource;
  const kind = isBillSource(input.source.type) ? 'bill' : 'result';
  if (!resource)
    return {
      kind,
      bill: null,
      body: callbackBody(words, words.language === 'es' ? 'Registro' : 'Record', [], words.text('unknown.agent', { why: words.text('unknown.whyMissing') })),
    };
  if (kind === 'bill') {
    const billScript = billBody(words, pack, resource, input.coverages ?? []);
    if (input.routedFromClaim) {
      const explain = billScript.body.steps.find((s) => s.id === 'explain');
      explain?.lines.splice(1, 0, agentNote(words.text('bill.routedFromClaim.agent')));
    }
    return { kind, ...billScript };
  }
  return { kind, bill: null, body: resultBody(words, pack, resource, input.members, input.patient) };
}

/**
 * Builds the explanation script for one result or bill: verify identity → set context → explain → teach-back →
 * next steps → close, in the patient's language. The guardrails are enforced here: every authored sentence the
 * script uses is checked, and a script that trips them is replaced by the clinician-callback script.
 */
export function buildScript(pack: KnowledgePack, input: ScriptInput, options: BuildOptions = {}): Script {
  const preferredLanguage = scriptLanguageOf(input.patient.language);
  const language = input.language ?? preferredLanguage ?? 'en';
  // A child's results are asked about by a parent: lines that have a form for that use it.
  const ageNow = ageInterval(input.patient.birthDate, undefined, input.patient.now);
  const child = !isBillSource(input.source.type) && ageNow !== undefined && ageNow.max < CHILD_AGE;
  const { words, authored } = wordsFor(pack, language, child);
  let built = scriptBodyFor(pack, input, words);
  const violations = findViolations(authored, language);
  if (violations.length > 0) {
    options.onViolation?.(violations, input.source);
    const fresh = wordsFor(pack, language, child).words;
    built = {
      kind: built.kind,
      bill: null,
      body: callbackBody(fresh, built.body.title, [], fresh.text('unknown.agent', { why: fresh.text('unknown.whyGuardrail') })),
    };
  }
  const spoken = built.body.steps.flatMap((s) => s.lines.filter((l) => l.say).map((l) => l.text)).join('\n');
  const score = readability(spoken, language);
  return {
    patientId: input.patient.id,
    source: input.source,
    kind: built.kind,
    title: built.body.title,
    language,
    preferredLanguage,
    safety: built.body.safety,
    safetyNote: built.body.safetyNote,
    steps: built.body.steps,
    bill: built.bill,
    readability: { language, index: score.index, score: score.score, label: score.label, passes: score.passes, bar: score.bar },
  };
}

/** A script's input from what the cache holds for it (scripts/queries.ts `scriptSources`). */
export function inputFromSources(
  rows: { patient: Json | null; language: string | null; resource: Json | null; members: Json[]; coverages: Json[]; routedFromClaim: boolean },
  a: { patientId: string; source: { type: string; id: string }; language?: ScriptLanguage | undefined; now?: number },
): ScriptInput {
  return {
    patient: patientFacts(a.patientId, rows.patient, rows.language, a.now),
    resource: rows.resource,
    members: rows.members,
    coverages: rows.coverages,
    routedFromClaim: rows.routedFromClaim,
    source: a.source,
    language: a.language,
  };
}

/** The patient facts a script needs, from the cached Patient resource. `now` (ms) is when the script is read. */
export function patientFacts(id: string, patient: Json | null, language: string | null, now?: number): ScriptInput['patient'] {
  const gender = str(patient?.gender);
  return {
    id,
    sex: gender === 'female' || gender === 'male' ? gender : null,
    birthDate: str(patient?.birthDate) ?? null,
    language,
    ...(now !== undefined ? { now } : {}),
  };
}
