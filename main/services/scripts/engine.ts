import type { Bill, Script, ScriptLanguage } from '../../../preload/contract';
import { str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import { readability } from '../readability';
import { billBody } from './bill-script';
import type { PatientFacts } from './classify';
import { findViolations, type Violation } from './guardrails';
import { callbackBody, resultBody, type ScriptBody, type Words } from './result-script';
import { agent } from './lines';
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

function preferred(language: string | null): ScriptLanguage | null {
  return language === 'es' || language === 'en' ? language : null;
}

function words(pack: KnowledgePack, lang: ScriptLanguage, child = false): { w: Words; authored: string[] } {
  const authored: string[] = [];
  const t = textRenderer(pack, lang, authored);
  return {
    authored,
    w: {
      t,
      lang,
      child,
      p: (text) => {
        authored.push(text[lang]);
        return text[lang];
      },
    },
  };
}

function body(pack: KnowledgePack, input: ScriptInput, w: Words): { body: ScriptBody; bill: Bill | null; kind: Script['kind'] } {
  const r = input.resource;
  const kind = input.source.type === 'Claim' || input.source.type === 'ExplanationOfBenefit' ? 'bill' : 'result';
  if (!r) return { kind, bill: null, body: callbackBody(w, w.lang === 'es' ? 'Registro' : 'Record', [], w.t('unknown.agent', { why: w.t('unknown.whyMissing') })) };
  if (kind === 'bill') {
    const b = billBody(w, pack, r, input.coverages ?? []);
    if (input.routedFromClaim) {
      const explain = b.body.steps.find((s) => s.id === 'explain');
      explain?.lines.splice(1, 0, agent(w.t('bill.routedFromClaim.agent')));
    }
    return { kind, ...b };
  }
  return { kind, bill: null, body: resultBody(w, pack, r, input.members, input.patient) };
}

/**
 * Builds the explanation script for one result or bill: verify identity → set context → explain → teach-back →
 * next steps → close, in the patient's language. The guardrails are enforced here: every authored sentence the
 * script uses is checked, and a script that trips them is replaced by the clinician-callback script.
 */
export function buildScript(pack: KnowledgePack, input: ScriptInput, options: BuildOptions = {}): Script {
  const preferredLanguage = preferred(input.patient.language);
  const language = input.language ?? preferredLanguage ?? 'en';
  // A child's results are asked about by a parent: lines that have a form for that use it.
  const ageNow = ageInterval(input.patient.birthDate, undefined, input.patient.now);
  const child = input.source.type !== 'Claim' && input.source.type !== 'ExplanationOfBenefit' && ageNow !== undefined && ageNow.max < CHILD_AGE;
  const { w, authored } = words(pack, language, child);
  let built = body(pack, input, w);
  const violations = findViolations(authored, language);
  if (violations.length > 0) {
    options.onViolation?.(violations, input.source);
    const fresh = words(pack, language, child).w;
    built = { kind: built.kind, bill: null, body: callbackBody(fresh, built.body.title, [], fresh.t('unknown.agent', { why: fresh.t('unknown.whyGuardrail') })) };
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
