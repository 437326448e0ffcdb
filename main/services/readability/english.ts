import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { countText, tokenSyllables, type TextCounts } from './text';

export function englishSyllables(word: string): number {
  return tokenSyllables(word, syllable);
}

export function englishCounts(text: string): TextCounts {
  return countText(text, englishSyllables);
}

/**
 * Flesch-Kincaid grade level (Kincaid et al. 1975): 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
 * NaN when any count is 0.
 */
export function fleschKincaidGrade(counts: TextCounts): number {
  return fleschKincaid({ sentence: counts.sentences, word: counts.words, syllable: counts.syllables });
}
