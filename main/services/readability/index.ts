import { englishCounts, fleschKincaidGrade } from './english';
import { fernandezHuerta, infleszBand, spanishCounts, szigrisztPazos } from './spanish';
import { spokenForm } from './spoken';

/** The bars a script read to patients must meet. */
export const englishMaxGrade = 6;
export const spanishMinInflesz = 65;

export type ReadabilityLanguage = 'en' | 'es';

export interface ReadabilityScore {
  language: ReadabilityLanguage;
  index: 'flesch-kincaid-grade' | 'inflesz';
  /** Rounded to one decimal. */
  score: number;
  /** "Grade 5.2" or "INFLESZ 72.4 (bastante fácil)". */
  label: string;
  passes: boolean;
  /** "grade ≤ 6.0" or "INFLESZ ≥ 65". */
  bar: string;
  words: number;
  sentences: number;
  syllables: number;
  /** Spanish only, for display next to INFLESZ. */
  fernandezHuerta?: number;
}

// `+ 0` turns −0 into 0.
const oneDecimal = (value: number) => Math.round(value * 10) / 10 + 0;

/**
 * Scores a script as it is said aloud: symbols and units count as the words a person says for them ("%" is
 * "percent", "mL/min" is "mL per min"). The verdict is taken on the rounded score, so the label and `passes` never
 * disagree. Text with no words scores 0 and passes: there is nothing hard to read (callers can check `words`).
 */
export function readability(text: string, language: ReadabilityLanguage): ReadabilityScore {
  const spoken = spokenForm(text, language);
  return language === 'en' ? english(spoken) : spanish(spoken);
}

function english(text: string): ReadabilityScore {
  const counts = englishCounts(text);
  const score = counts.words === 0 ? 0 : oneDecimal(fleschKincaidGrade(counts));
  return {
    language: 'en',
    index: 'flesch-kincaid-grade',
    score,
    label: counts.words === 0 ? 'Grade 0.0 (no text)' : `Grade ${score.toFixed(1)}`,
    passes: score <= englishMaxGrade,
    bar: `grade ≤ ${englishMaxGrade.toFixed(1)}`,
    ...counts,
  };
}

function spanish(text: string): ReadabilityScore {
  const counts = spanishCounts(text);
  const bar = `INFLESZ ≥ ${spanishMinInflesz}`;
  if (counts.words === 0) {
    const label = 'INFLESZ 0.0 (sin texto)';
    return { language: 'es', index: 'inflesz', score: 0, label, passes: true, bar, ...counts };
  }
  const score = oneDecimal(szigrisztPazos(counts));
  return {
    language: 'es',
    index: 'inflesz',
    score,
    label: `INFLESZ ${score.toFixed(1)} (${infleszBand(score)})`,
    passes: score >= spanishMinInflesz,
    bar,
    ...counts,
    fernandezHuerta: oneDecimal(fernandezHuerta(counts)),
  };
}
