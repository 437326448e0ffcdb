import { z } from 'zod';
import { LocalId } from './ids';

/** The resources a script can explain: a result (Observation, DiagnosticReport) or a bill (Claim, ExplanationOfBenefit). */
export const scriptSourceTypes = ['Observation', 'DiagnosticReport', 'Claim', 'ExplanationOfBenefit'] as const;
export const ScriptSourceType = z.enum(scriptSourceTypes);
export type ScriptSourceType = z.infer<typeof ScriptSourceType>;

const sourceTypes = new Set<string>(scriptSourceTypes);
export const isScriptSourceType = (type: string): type is ScriptSourceType => sourceTypes.has(type);

/** A bill's script (what the document says the patient owes) rather than a result's. */
export const isBillSource = (type: string): boolean => type === 'Claim' || type === 'ExplanationOfBenefit';

/** One resource a script is asked for. */
export const ScriptSource = z.object({ type: ScriptSourceType, id: LocalId }).strict();
export type ScriptSource = z.infer<typeof ScriptSource>;
