import type { ScriptLine, ScriptStep } from '../../../preload/contract';
import type { Language, Localized } from '../knowledge/schema';
import type { RenderText } from './texts';

/** What a script is written with, in the script's language. */
export interface ScriptWords {
  /** A scripts.yaml sentence by its key, with the values it names filled in (recorded for the guardrails). */
  text: RenderText;
  /** The patient is a child (under 13 now): the caller is a parent, and lines that have a ".child" form use it. */
  child: boolean;
  /** A sentence from the pack, in the script's language (recorded for the guardrails). */
  fromPack: (text: Localized) => string;
  language: Language;
}

/**
 * A sentence in the form that fits the call, each only where scripts.yaml has it: its "Panel" form (`${key}Panel`)
 * for a report of several results, then its ".child" form when the patient is a child.
 */
export function fittingText(words: ScriptWords, key: string, params: Record<string, string | number> = {}, panel = false): string {
  const base = panel && words.text.has(`${key}Panel`) ? `${key}Panel` : key;
  return words.child && words.text.has(`${base}.child`) ? words.text(`${base}.child`, params) : words.text(base, params);
}

/** Read to the patient. */
export const say = (text: string): ScriptLine => ({ text, say: true });
/** On screen for the agent only. */
export const agentNote = (text: string): ScriptLine => ({ text, say: false });
/** The script's main message: said first, shown in bold. */
export const mainMessage = (text: string): ScriptLine => ({ text, say: true, emphasis: 'main' });
/** The one thing the patient is asked to do (or told will happen), and why. */
export const callToAction = (text: string): ScriptLine => ({ text, say: true, emphasis: 'action' });
/** Read only in the case `when` names. */
export const branch = (when: string, text: string): ScriptLine => ({ text, say: true, when });

export function verifyStep(words: ScriptWords): ScriptStep {
  return { id: 'verify', lines: [agentNote(words.text('verify.agent')), agentNote(words.text('verify.proxy.agent')), say(words.text('verify.say'))] };
}

export function closeStep(words: ScriptWords): ScriptStep {
  return { id: 'close', lines: [say(words.text('close.say'))] };
}

/**
 * Teach-back as AHRQ describes it: the question, then another way to say it when the answer misses, then ask again;
 * and a way out of the loop when the second answer misses too.
 */
export function teachBackStep(words: ScriptWords, question: string, reexplain: string, exit = 'branch.loopExit.agent'): ScriptStep {
  return {
    id: 'teach-back',
    lines: [
      say(question),
      branch(words.text('branch.wrongAnswer.agent'), reexplain),
      agentNote(words.text('branch.askAgain.agent')),
      agentNote(words.text(exit)),
    ],
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
