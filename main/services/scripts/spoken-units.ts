import type { Language, QuantityLab } from '../knowledge/schema';

/**
 * How a unit is said to a patient on the phone, by UCUM code. Lab units (mg/dL, mmol/L, U/L…) are not said at all:
 * the number and the usual range are given in the same unit, and "milligrams per deciliter" means nothing to most
 * listeners (CDC Clear Communication Index, item 7). Counts are said as "thousand"/"million", as portals show them.
 */
const words: Record<string, Record<Language, string>> = {
  '10*3/uL': { en: 'thousand', es: 'mil' },
  '10*9/L': { en: 'thousand', es: 'mil' },
  '10*6/uL': { en: 'million', es: 'millones' },
  '10*12/L': { en: 'million', es: 'millones' },
  '%': { en: 'percent', es: 'por ciento' },
  '[degF]': { en: 'degrees', es: 'grados Fahrenheit' },
  Cel: { en: 'degrees Celsius', es: 'grados centígrados' },
  kg: { en: 'kilograms', es: 'kilos' },
  g: { en: 'grams', es: 'gramos' },
  '[lb_av]': { en: 'pounds', es: 'libras' },
  cm: { en: 'centimeters', es: 'centímetros' },
  '[in_i]': { en: 'inches', es: 'pulgadas' },
  '/min': { en: 'a minute', es: 'por minuto' },
  s: { en: 'seconds', es: 'segundos' },
};

export function spokenUnit(ucum: string | undefined, lang: Language, entry?: QuantityLab): string {
  if (!ucum) return '';
  if (ucum === '/min' && entry?.spokenUnit) return entry.spokenUnit[lang];
  return words[ucum]?.[lang] ?? '';
}
