import { countText, tokenSyllables, type TextCounts } from './text';

export type InfleszBand = 'muy difícil' | 'algo difícil' | 'normal' | 'bastante fácil' | 'muy fácil';

// S strong vowel, W weak vowel, - anything else. An accented í or ú carries the stress, so it is strong and
// breaks a diphthong (dí-a, pa-ís).
type LetterShape = 'S' | 'W' | '-';

function letterShape(letter: string, next: string | undefined): LetterShape {
  if ('aeoáéíóú'.includes(letter)) return 'S';
  if ('iuü'.includes(letter)) return 'W';
  // "y" is a consonant before a vowel (yo, mayo, reyes) and a weak vowel otherwise (y, hoy, muy, Paraguay).
  if (letter === 'y') return next !== undefined && letterShape(next, undefined) !== '-' ? '-' : 'W';
  const base = letter.normalize('NFD').charAt(0);
  if ('aeo'.includes(base)) return 'S';
  return 'iu'.includes(base) ? 'W' : '-';
}

/**
 * Syllables of a Spanish word, counted as vowel nuclei:
 * - the u of "que", "qui", "gue", "gui" is silent (que, gui-ta-rra); "güe", "güi" keep it (pin-güi-no);
 * - in a run of vowels with no consonant between them, each strong vowel (a, e, o, á, é, í, ó, ú) is a
 *   nucleus of its own (hiatus: le-er, po-e-ta, dí-a) and weak vowels (i, u, ü, vowel y) join a neighbour
 *   (diphthong, triphthong: ciu-dad, buey, cui-da-do); a run of weak vowels alone is one nucleus;
 * - "h" is a consonant (bú-ho), at least one syllable.
 * "huir" and "guion" come out as one syllable, as the RAE Ortografía (2010) counts them for accents.
 */
export function spanishLetterSyllables(letters: string): number {
  const chars = [...letters.toLowerCase().replace(/([qg])u(?=[eéií])/gu, '$1')];
  const shape = chars.map((letter, i) => letterShape(letter, chars[i + 1])).join('');
  const vowelRuns = shape.match(/[SW]+/gu) ?? [];
  const nuclei = vowelRuns.reduce((sum, run) => sum + Math.max(1, run.replaceAll('W', '').length), 0);
  return Math.max(1, nuclei);
}

export function spanishSyllables(word: string): number {
  return tokenSyllables(word, spanishLetterSyllables);
}

export function spanishCounts(text: string): TextCounts {
  return countText(text, spanishSyllables);
}

/** Szigriszt-Pazos perspicuity, the score INFLESZ bands: 206.835 − 62.3 × syllables/word − words/sentence. */
export function szigrisztPazos(counts: TextCounts): number {
  return 206.835 - 62.3 * (counts.syllables / counts.words) - counts.words / counts.sentences;
}

/** Fernández-Huerta, corrected (Law 2011): 206.84 − 0.60 × syllables per 100 words − 1.02 × words/sentence. */
export function fernandezHuerta(counts: TextCounts): number {
  return 206.84 - 0.6 * ((100 * counts.syllables) / counts.words) - 1.02 * (counts.words / counts.sentences);
}

/** INFLESZ bands (Barrio-Cantalejo et al. 2008); each lower bound belongs to the band above it. */
export function infleszBand(perspicuity: number): InfleszBand {
  if (perspicuity < 40) return 'muy difícil';
  if (perspicuity < 55) return 'algo difícil';
  if (perspicuity < 65) return 'normal';
  if (perspicuity < 80) return 'bastante fácil';
  return 'muy fácil';
}
