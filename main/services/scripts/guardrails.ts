import type { Language } from '../knowledge/schema';

/**
 * Words an ambassador's script must never use (matched case-insensitively, also inside longer words): naming a
 * disease or condition, advising on medicine, or promising an outcome. Test names such as "COVID-19 test" are
 * allowed; saying what a patient has is not.
 */
export const forbidden: Record<Language, { diagnostic: string[]; medication: string[]; promise: string[] }> = {
  en: {
    diagnostic: [
      'diabet', 'prediabet', 'anemi', 'cancer', 'tumor', 'leukemia', 'lymphoma', 'hypothyroid', 'hyperthyroid',
      'hypertension', 'hypotension', 'hyperkalemia', 'hypokalemia', 'hyponatremia', 'hypernatremia', 'hypoglycemi',
      'hyperglycemi', 'disease', 'disorder', 'syndrome', 'diagnos', 'failure', 'cirrhosis', 'hepatitis',
      'heart attack', 'stroke', 'dehydrat', 'sepsis', 'pneumonia', 'obese', 'obesity', 'high blood pressure',
      'infection', 'infected', 'normal',
    ],
    medication: ['medication', 'medicine', 'dose', 'dosage', 'pill', 'prescription', 'stop taking', 'take more', 'take less'],
    promise: ['guarantee', "don't worry", 'do not worry', 'nothing to worry', 'will be fine', 'definitely', 'i promise', '\\bcure'],
  },
  es: {
    diagnostic: [
      'diabet', 'prediabet', 'anemi', 'cáncer', 'cancer', 'tumor', 'leucemia', 'linfoma', 'hipotiroid', 'hipertiroid',
      'hipertensión', 'hipotensión', 'hiperpotasemia', 'hipopotasemia', 'hiponatremia', 'hipernatremia', 'hipoglucemi',
      'hiperglucemi', 'enfermedad', 'trastorno', 'síndrome', 'diagnóst', 'diagnost', 'insuficiencia', 'cirrosis',
      'hepatitis', 'infarto', 'derrame', 'deshidrat', 'sepsis', 'neumonía', 'obesidad', 'presión alta', 'infección',
      'infectad', 'normal',
    ],
    medication: ['medicamento', 'medicina', 'dosis', 'pastilla', 'receta', 'deje de tomar', 'tome más', 'tome menos'],
    promise: ['garantiz', 'no se preocupe', 'estará bien', 'definitivamente', 'le prometo', '\\bcurar'],
  },
};

const patterns = Object.fromEntries(
  (Object.keys(forbidden) as Language[]).map((lang) => [
    lang,
    Object.entries(forbidden[lang]).flatMap(([kind, words]) => words.map((w) => ({ kind, word: w.replace('\\b', ''), re: new RegExp(w, 'iu') }))),
  ]),
) as Record<Language, { kind: string; word: string; re: RegExp }[]>;

export interface Violation {
  kind: string;
  word: string;
  text: string;
}

/** Every forbidden word in the given texts (authored sentences, not values from the record). */
export function findViolations(texts: readonly string[], lang: Language): Violation[] {
  const found: Violation[] = [];
  for (const text of texts) {
    for (const p of patterns[lang]) if (p.re.test(text)) found.push({ kind: p.kind, word: p.word, text });
  }
  return found;
}
