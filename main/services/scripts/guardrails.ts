import type { Language } from '../knowledge/schema';

/**
 * Words an ambassador's script must never use (matched case-insensitively, also inside longer words): naming a
 * disease or condition, advising on medicine, or promising an outcome. Test names such as "COVID-19 test" are
 * allowed; saying what a patient has is not.
 *
 * Each entry is a regular expression. Texts and entries are compared without accents, so one entry catches
 * "anémica" and "anemia", "cardíaco" and "cardiaco", "infección" and "infecciones". Every entry has a counterpart in
 * the other language; test/unit/guardrails-parity.test.ts pairs them and holds sentences that must and must not trip.
 */
export const forbidden: Record<Language, { diagnostic: string[]; medication: string[]; promise: string[] }> = {
  en: {
    diagnostic: [
      'diabet',
      'prediabet',
      'anemi',
      'cancer',
      'tumor',
      'malign',
      'leukemia',
      'lymphoma',
      'hypothyroid',
      'hyperthyroid',
      'hypertensi',
      'hypotensi',
      'hyperkalemi',
      'hypokalemi',
      'hyponatremi',
      'hypernatremi',
      'hypoglycemi',
      'hyperglycemi',
      'disease',
      '\\bsick',
      'disorder',
      'syndrome',
      'diagnos',
      'failure',
      'insufficiency',
      'cirrhosis',
      'hepatitis',
      'heart attack',
      'infarct',
      'cardiac arrest',
      'stroke',
      'cerebrovascular',
      'embol',
      'dehydrat',
      'sepsis',
      '\\bseptic',
      'pneumonia',
      'obes',
      'overweight',
      '(high|low) blood pressure',
      '(high|low) (blood )?(sugar|glucose)',
      'high cholesterol',
      'infect',
      'normal',
    ],
    medication: [
      'medication',
      'medicine',
      'drug',
      'dose',
      'dosage',
      'pill',
      'prescri',
      'remed',
      'stop taking',
      'discontinu',
      "\\b(do not|don't) take\\b",
      'take more',
      'take less',
    ],
    promise: [
      'guarant',
      "don't worry",
      'do not worry',
      'nothing to worry',
      'no need to worry',
      'no reason to worry',
      '(will|going to) be (fine|okay|ok|all right|alright)\\b',
      'definitely',
      'no doubt',
      'i promise',
      'we promise',
      '\\bcure',
    ],
  },
  es: {
    diagnostic: [
      'diabet',
      'prediabet',
      'anemi',
      'cáncer',
      'tumor',
      'malign',
      'leucemia',
      'linfoma',
      'hipotiroid',
      'hipertiroid',
      'hipertens',
      'hipotens',
      'hiperpotasemia',
      'hipopotasemia',
      'hiperkalemi',
      'hipokalemi',
      'hiponatremia',
      'hipernatremia',
      'hipoglucemi',
      'hiperglucemi',
      'hipoglicemi',
      'hiperglicemi',
      'enfermedad',
      '\\benferm[oa]s?\\b',
      'trastorno',
      'síndrom',
      'diagnóst',
      'insuficiencia',
      '\\bfall[ao] (renal|cardi|hepát|multiorg)',
      '\\bfall[ao] (del|de los|de) (corazón|riñ|hígado)',
      'cirrosis',
      'hepatitis',
      'infarto',
      'ataque (al|de) corazón',
      'ataque cardi',
      'paro cardi',
      'derrame',
      'ataque cerebral',
      'cerebrovascular',
      'embol',
      'deshidrat',
      'sepsis',
      '\\bséptic',
      'neumon',
      'pulmonía',
      'obes',
      'sobrepeso',
      'presión (arterial )?(alta|baja)',
      'azúcar (en la sangre )?(alt|baj)[oa]',
      'glucosa (alt|baj)a',
      'colesterol alto',
      'infec',
      'normal',
    ],
    medication: [
      'medicamento',
      'medicina',
      'fármaco',
      'dosis',
      'pastilla',
      'píldora',
      'recet',
      'remedio',
      'deje de tomar',
      'suspend',
      '\\bno (l[aeo]s? )?tome\\b',
      'tome más',
      'tome menos',
    ],
    promise: [
      'garant',
      'no se preocupe',
      'no tiene que preocupar',
      '(de|por) qué preocupar',
      'estarán? bien',
      'van? a (estar|salir) bien',
      'saldrán? bien',
      'definitivamente',
      'sin duda',
      '\\bprometo',
      '\\bprometemos',
      '\\bcura',
    ],
  },
};

/** Without accents or other marks, with one kind of apostrophe and single spaces: the form both sides are compared in. */
const comparableForm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ');

const patterns = Object.fromEntries(
  (Object.keys(forbidden) as Language[]).map((lang) => [
    lang,
    Object.entries(forbidden[lang]).flatMap(([kind, words]) =>
      words.map((w) => ({ kind, word: w.replaceAll('\\b', ''), re: new RegExp(comparableForm(w), 'iu') })),
    ),
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
    const folded = comparableForm(text);
    for (const p of patterns[lang]) if (p.re.test(folded)) found.push({ kind: p.kind, word: p.word, text });
  }
  return found;
}
