import type { ScriptLine, ScriptStep } from '../../../preload/contract';
import type { Language, Localized } from '../knowledge/schema';
import type { RenderText } from './texts';

export interface Words {
  t: RenderText;
  /** The patient is a child (under 13 now): the caller is a parent, and lines that have a ".child" form use it. */
  child: boolean;
  /** A sentence from the pack, in the script's language (recorded for the guardrails). */
  p: (text: Localized) => string;
  lang: Language;
}

/**
 * A sentence in the form that fits the call, each only where scripts.yaml has it: its "Panel" form (`${key}Panel`)
 * for a report of several results, then its ".child" form when the patient is a child.
 */
export function tc(w: Words, key: string, params: Record<string, string | number> = {}, panel = false): string {
  const base = panel && w.t.has(`${key}Panel`) ? `${key}Panel` : key;
  return w.child && w.t.has(`${base}.child`) ? w.t(`${base}.child`, params) : w.t(base, params);
}

/** Read to the patient. */
export const say = (text: string): ScriptLine => ({ text, say: true });
/** On screen for the agent only. */
export const agent = (text: string): ScriptLine => ({ text, say: false });
/** The script's main message: said first, shown in bold. */
export const main = (text: string): ScriptLine => ({ text, say: true, emphasis: 'main' });
/** The one thing the patient is asked to do (or told will happen), and why. */
export const action = (text: string): ScriptLine => ({ text, say: true, emphasis: 'action' });
/** Read only in the case `when` names. */
export const branch = (when: string, text: string): ScriptLine => ({ text, say: true, when });

export function verifyStep(w: Words): ScriptStep {
  return { id: 'verify', lines: [agent(w.t('verify.agent')), agent(w.t('verify.proxy.agent')), say(w.t('verify.say'))] };
}

export function closeStep(w: Words): ScriptStep {
  return { id: 'close', lines: [say(w.t('close.say'))] };
}

/**
 * Teach-back as AHRQ describes it: the question, then another way to say it when the answer misses, then ask again;
 * and a way out of the loop when the second answer misses too.
 */
export function teachBackStep(w: Words, question: string, reexplain: string, exit = 'branch.loopExit.agent'): ScriptStep {
  return {
    id: 'teach-back',
    lines: [say(question), branch(w.t('branch.wrongAnswer.agent'), reexplain), agent(w.t('branch.askAgain.agent')), agent(w.t(exit))],
  };
}

const locale: Record<Language, string> = { en: 'en-US', es: 'es-US' };

/** A pack name inside a sentence: "Blood sugar (glucose)" → "blood sugar (glucose)"; "BUN", "COVID-19 test" stay. */
export function midSentence(name: string, lang: Language): string {
  const [first, second] = [...name];
  if (!first || !second || !/\p{Lu}/u.test(first) || !/\p{Ll}/u.test(second)) return name;
  return first.toLocaleLowerCase(locale[lang]) + name.slice(first.length);
}

/** "a, b and c" / "a, b y c". */
export function listOf(items: readonly string[], lang: Language): string {
  return new Intl.ListFormat(locale[lang], { style: 'long', type: 'conjunction' }).format(items);
}
