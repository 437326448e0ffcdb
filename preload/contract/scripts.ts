import { z } from 'zod';
import { channel } from './channel';
import { ScriptSource } from './script-sources';

export const ScriptLanguage = z.enum(['en', 'es']);
export type ScriptLanguage = z.infer<typeof ScriptLanguage>;

/** In the order a script is read: teach-back comes after the next step it checks (AHRQ). */
export const stepIds = ['verify', 'context', 'explain', 'next-steps', 'teach-back', 'close'] as const;
export const StepId = z.enum(stepIds);
export type StepId = z.infer<typeof StepId>;

/**
 * What the guardrails decided. explain: the ambassador explains it; outside-range: says it is outside the usual
 * range and books a care-team callback; critical: no interpretation, warm transfer to the nurse line (or a nurse
 * callback today); callback-today: a positive test the patient hears about, with a same-day clinician callback;
 * clinician-only: this kind of result (or a result at this age) is never explained by an ambassador; unknown: no safe
 * explanation (unknown code, missing value, unclear text, units we cannot compare) — a clinician callback is offered.
 */
export const ScriptSafety = z.enum(['explain', 'outside-range', 'critical', 'callback-today', 'clinician-only', 'unknown']);
export type ScriptSafety = z.infer<typeof ScriptSafety>;

/**
 * A line of a step: `say` lines are read to the patient; the others are directions for the agent. `emphasis` marks the
 * script's main message and its call to action (shown in bold); `when` makes the line a branch the agent reads only
 * in that case ("If the patient cannot stay on the line").
 */
export const ScriptLine = z.object({
  text: z.string(),
  say: z.boolean(),
  emphasis: z.enum(['main', 'action']).optional(),
  when: z.string().optional(),
});
export type ScriptLine = z.infer<typeof ScriptLine>;

export const ScriptStep = z.object({ id: StepId, lines: z.array(ScriptLine) });
export type ScriptStep = z.infer<typeof ScriptStep>;

/** One service line of a bill, with its arithmetic. Amounts in cents; null where the document does not say. */
export const BillLine = z.object({
  service: z.string(),
  date: z.string().nullable(),
  chargedCents: z.number().int().nullable(),
  allowedCents: z.number().int().nullable(),
  planPaidCents: z.number().int().nullable(),
  deductibleCents: z.number().int(),
  copayCents: z.number().int(),
  coinsuranceCents: z.number().int(),
  notCoveredCents: z.number().int(),
  /** What the line states the patient owes (member liability, else its cost shares); null when it states none. */
  patientCents: z.number().int().nullable(),
  denied: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  /** The line's arithmetic in the script's language, e.g. "$200.00 − $50.00 = $150.00". */
  math: z.array(z.string()),
});
export type BillLine = z.infer<typeof BillLine>;

export const BillCheck = z.object({
  /** Whether the sum of the lines agrees with the document's own totals (every total it states). */
  matches: z.boolean(),
  /** One entry per total compared. */
  totals: z.array(
    z.object({
      what: z.enum(['charged', 'planPaid', 'patient']),
      linesCents: z.number().int(),
      documentCents: z.number().int().nullable(),
      matches: z.boolean(),
    }),
  ),
});

export const BillState = z.enum([
  'void',
  'pending',
  'estimate',
  'uninsured',
  'not-shown',
  'credit',
  'protected',
  'open',
  'nothing',
  'paid',
  'paid-more',
  'owe',
]);
export type BillState = z.infer<typeof BillState>;

export const Bill = z.object({
  currency: z.string(),
  adjudicated: z.boolean(),
  /** What the script may say (main/services/billing/state.ts). */
  state: BillState,
  lines: z.array(BillLine),
  chargedCents: z.number().int(),
  planPaidCents: z.number().int(),
  /** The payer's own figure for the patient's part; null when the document states none. */
  patientCents: z.number().int().nullable(),
  /** What the document says the patient already paid (at the desk, at the pharmacy). */
  alreadyPaidCents: z.number().int().nullable(),
  check: BillCheck,
});
export type Bill = z.infer<typeof Bill>;

export const Readability = z.object({
  language: ScriptLanguage,
  index: z.enum(['flesch-kincaid-grade', 'inflesz']),
  score: z.number(),
  label: z.string(),
  passes: z.boolean(),
  bar: z.string(),
});
export type Readability = z.infer<typeof Readability>;

export const Script = z.object({
  patientId: z.string(),
  source: z.object({ type: z.string(), id: z.string() }),
  kind: z.enum(['result', 'bill']),
  title: z.string(),
  language: ScriptLanguage,
  /** From Patient.communication; null when the record does not say. */
  preferredLanguage: ScriptLanguage.nullable(),
  safety: ScriptSafety,
  /** Why, for the agent, in the script's language. */
  safetyNote: z.string().nullable(),
  steps: z.array(ScriptStep),
  bill: Bill.nullable(),
  readability: Readability,
});
export type Script = z.infer<typeof Script>;

export const ScriptRequest = z
  .object({
    patientId: z.string().min(1).max(80),
    source: ScriptSource,
    /** Omitted: the patient's preferred language, else English. */
    language: ScriptLanguage.optional(),
  })
  .strict();

export const scriptsChannels = {
  build: channel('scripts.build', ScriptRequest, Script),
};
