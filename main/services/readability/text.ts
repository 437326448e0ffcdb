/**
 * Tokenising shared by the English and Spanish scores.
 *
 * Sentences
 * - A sentence ends at a run of `.`, `!` or `?` (closing quotes or brackets may follow) that is followed
 *   by whitespace or the end of the text, and at every line break, so bullet-like lines without a final
 *   period are sentences of their own.
 * - A period not followed by whitespace never ends one ("6.8", "$1,234.56", "e.g.,"), nor does the period
 *   of a known abbreviation ("Dr. Lee", "vs. last year").
 * - Spanish "¿…?" and "¡…!" need nothing extra: the closing mark ends the sentence and the opening mark
 *   is punctuation that word stripping removes.
 * - A list marker at the start of a line ("-", "•", "1.", "2)") is dropped, so "1. Take your pills" is one
 *   sentence of four words rather than two sentences.
 * - A sentence with no word in it (empty line, "—", "...") is not counted.
 *
 * Words
 * - Whitespace-separated tokens with leading and trailing punctuation and symbols stripped: "(glucose)" →
 *   "glucose", "$1,234.56" → "1,234.56", "3," → "3", "¿Cómo" → "Cómo". A token left empty is not a word.
 * - Numbers are words; so are units ("mmol/L") and codes ("10*3/uL").
 */

export interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
}

/** Syllables of a run of letters that contains a vowel; each language brings its own. */
export type LetterSyllables = (letters: string) => number;

const lineBreak = /\r\n|[\n\r\u2028\u2029]/u;
const listMarker = /^\s*(?:[-*•·–—]|\d{1,3}[.)])\s+/u;
const terminator = /[.!?]+["'”’»)\]]*(?=\s|$)/gu;
const edgePunctuation = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu;
const wordPart = /\d+|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

// Lower case, without the final period. Month names that are also words ("mar", "ago", "may") are left out.
const abbreviations = new Set([
  'dr',
  'dra',
  'drs',
  'dres',
  'mr',
  'mrs',
  'ms',
  'sr',
  'sra',
  'srta',
  'sres',
  'prof',
  'st',
  'jr',
  'ud',
  'uds',
  'etc',
  'e.g',
  'i.e',
  'vs',
  'approx',
  'aprox',
  'p.ej',
  'jan',
  'feb',
  'apr',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'ene',
  'abr',
  'dic',
]);

function endsWithAbbreviation(textBeforePeriod: string): boolean {
  const lastToken = textBeforePeriod.split(/\s+/u).at(-1) ?? '';
  return abbreviations.has(lastToken.replace(/^[^\p{L}]+/u, '').toLowerCase());
}

export function splitWords(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\s+/u)
    .map((token) => token.replace(edgePunctuation, ''))
    .filter((word) => word !== '');
}

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const keep = (candidate: string) => {
    const sentence = candidate.trim();
    if (splitWords(sentence).length > 0) sentences.push(sentence);
  };
  for (const rawLine of text.normalize('NFC').split(lineBreak)) {
    const line = rawLine.replace(listMarker, '');
    let start = 0;
    for (const match of line.matchAll(terminator)) {
      if (match[0] === '.' && endsWithAbbreviation(line.slice(start, match.index))) continue;
      const end = match.index + match[0].length;
      keep(line.slice(start, end));
      start = end;
    }
    keep(line.slice(start));
  }
  return sentences;
}

function hasVowelLetter(letters: string): boolean {
  return /[aeiouy]/iu.test(letters.normalize('NFD').replace(/\p{M}/gu, ''));
}

/**
 * Syllables of one word. Letters go to the language's counter; everything else follows our convention:
 * - Each run of digits is one syllable, so a number has one syllable per digit group separated by "." or
 *   "," ("6.8" → 2, "$1,234.56" → 3, "2026" → 1). Reading a number aloud takes more, but written figures
 *   are quick to take in and the count stays stable across languages.
 * - Letters are counted run by run, so "/" and other symbols split a token: "mmol/L" is "mmol" + "L",
 *   "10*3/uL" is 10 + 3 + "uL".
 * - A run with no vowel letter (units and initials such as "L", "mg", "dL", "mmHg") counts one syllable
 *   per group of up to three letters: "mg" → 1, "mmHg" → 2.
 * - A word has at least one syllable.
 */
export function tokenSyllables(word: string, letterSyllables: LetterSyllables): number {
  let total = 0;
  for (const [part] of word.matchAll(wordPart)) {
    if (/^\d/u.test(part)) total += 1;
    else if (hasVowelLetter(part)) total += Math.max(1, letterSyllables(part));
    else total += Math.ceil([...part].length / 3);
  }
  return Math.max(1, total);
}

export function countText(text: string, wordSyllables: (word: string) => number): TextCounts {
  const sentences = splitSentences(text);
  const words = sentences.flatMap(splitWords);
  const syllables = words.reduce((sum, word) => sum + wordSyllables(word), 0);
  return { words: words.length, sentences: sentences.length, syllables };
}
