import type { ReadabilityLanguage } from './index';

/**
 * Text as a person reads it aloud, for scoring: symbols and units have no syllables on paper, but "165 ×10³/µL" or
 * "7 mL/min/1.73m2" is the hardest part of a script to say and to hear. Each symbol becomes the words said for it.
 */
const symbols: [RegExp, Record<ReadabilityLanguage, string>][] = [
  [/×\s?10[³3]\s?\/\s?[µu]L/gu, { en: ' times ten to the third per microliter', es: ' por diez a la tercera por microlitro' }],
  [/×\s?10⁶\s?\/\s?[µu]L/gu, { en: ' times ten to the sixth per microliter', es: ' por diez a la sexta por microlitro' }],
  [/\$\s?(\d[\d,]*(?:\.\d+)?)/gu, { en: '$1 dollars', es: '$1 dólares' }],
  [/(\d)\s?%/gu, { en: '$1 percent', es: '$1 por ciento' }],
  [/°\s?F\b/gu, { en: ' degrees Fahrenheit', es: ' grados Fahrenheit' }],
  [/°\s?C\b/gu, { en: ' degrees Celsius', es: ' grados Celsius' }],
  [/°/gu, { en: ' degrees', es: ' grados' }],
  [/µ|μ/gu, { en: 'micro', es: 'micro' }],
  [/≥/gu, { en: ' at least ', es: ' al menos ' }],
  [/≤/gu, { en: ' at most ', es: ' como máximo ' }],
  [/(?<=\s|^)<(?=\s|\d)/gu, { en: ' less than ', es: ' menos de ' }],
  [/(?<=\s|^)>(?=\s|\d)/gu, { en: ' more than ', es: ' más de ' }],
  [/(?<=\s)=(?=\s)/gu, { en: ' equals ', es: ' es igual a ' }],
  [/(?<=\s)[−-](?=\s)/gu, { en: ' minus ', es: ' menos ' }],
  [/(?<=\s)\+(?=\s)/gu, { en: ' plus ', es: ' más ' }],
  [/(?<=\s)&(?=\s)/gu, { en: ' and ', es: ' y ' }],
  [/²/gu, { en: ' squared', es: ' al cuadrado' }],
  [/³/gu, { en: ' cubed', es: ' al cubo' }],
  [/(?<=[\p{L}\d\]])\/(?=[\p{L}\d[{])/gu, { en: ' per ', es: ' por ' }],
  [/\*/gu, { en: ' times ', es: ' por ' }],
  [/\^/gu, { en: ' to the ', es: ' a la ' }],
];

export function spokenForm(text: string, language: ReadabilityLanguage): string {
  let out = text;
  for (const [re, words] of symbols) out = out.replace(re, words[language]);
  return out;
}
