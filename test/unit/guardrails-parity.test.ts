import { describe, expect, it } from 'vitest';
import type { Language } from '../../main/services/knowledge/schema';
import { findViolations, forbidden } from '../../main/services/scripts/guardrails';

type Kind = keyof (typeof forbidden)['en'];

/**
 * Every forbidden entry, paired with the entries that cover the same idea in the other language, and sentences in
 * both languages that must trip one of the row's own entries. A new entry without a row, or a row whose example no
 * longer trips it, fails here: the English and Spanish lists cannot drift apart.
 */
interface Row {
  kind: Kind;
  en: string[];
  es: string[];
  trips: { en: string[]; es: string[] };
}

const rows: Row[] = [
  // ---------- Naming a disease or condition ----------
  {
    kind: 'diagnostic',
    en: ['diabet', 'prediabet'],
    es: ['diabet', 'prediabet'],
    trips: {
      en: ['This can be a sign of diabetes.', 'You may be prediabetic.'],
      es: ['Esto puede indicar diabetes.', 'Usted es prediabética.'],
    },
  },
  {
    kind: 'diagnostic',
    en: ['anemi'],
    es: ['anemi'],
    trips: { en: ['You may have anemia.'], es: ['Usted está anémica.', 'Puede estar anémico.', 'Puede tener anemia.'] },
  },
  {
    kind: 'diagnostic',
    en: ['cancer'],
    es: ['cáncer'],
    trips: { en: ['This is not cancer.'], es: ['Esto no es cáncer.', 'No hay células cancerosas.'] },
  },
  { kind: 'diagnostic', en: ['tumor'], es: ['tumor'], trips: { en: ['It may be a tumor.'], es: ['Puede ser un tumor.'] } },
  { kind: 'diagnostic', en: ['malign'], es: ['malign'], trips: { en: ['It is not malignant.'], es: ['No es maligno.'] } },
  {
    kind: 'diagnostic',
    en: ['leukemia'],
    es: ['leucemia'],
    trips: { en: ['This rules out leukemia.'], es: ['Esto descarta la leucemia.'] },
  },
  {
    kind: 'diagnostic',
    en: ['lymphoma'],
    es: ['linfoma'],
    trips: { en: ['This can be seen with lymphoma.'], es: ['Esto se ve con un linfoma.'] },
  },
  {
    kind: 'diagnostic',
    en: ['hypothyroid', 'hyperthyroid'],
    es: ['hipotiroid', 'hipertiroid'],
    trips: {
      en: ['You may be hypothyroid.', 'This looks like hyperthyroidism.'],
      es: ['Puede tener hipotiroidismo.', 'Usted es hipertiroidea.'],
    },
  },
  {
    kind: 'diagnostic',
    en: ['hypertensi', 'hypotensi', '(high|low) blood pressure'],
    es: ['hipertens', 'hipotens', 'presión (arterial )?(alta|baja)'],
    trips: {
      en: ['You have hypertension.', 'You are hypertensive.', 'This is hypotension.', 'You have high blood pressure.', 'You have low blood pressure.'],
      es: [
        'Usted es hipertenso.',
        'Usted tiene hipotensión.',
        'Usted tiene presión alta.',
        'Tiene la presión baja.',
        'Tiene presión arterial alta.',
        'Tiene presion baja.',
      ],
    },
  },
  {
    kind: 'diagnostic',
    en: ['hyperkalemi', 'hypokalemi'],
    es: ['hiperpotasemia', 'hipopotasemia', 'hiperkalemi', 'hipokalemi'],
    trips: {
      en: ['This is hyperkalemia.', 'You may be hypokalemic.'],
      es: ['Esto es hiperpotasemia.', 'Esto es hipopotasemia.', 'Esto es hiperkalemia.', 'Esto es hipokalemia.'],
    },
  },
  {
    kind: 'diagnostic',
    en: ['hyponatremi', 'hypernatremi'],
    es: ['hiponatremia', 'hipernatremia'],
    trips: { en: ['This is hyponatremia.', 'This is hypernatremia.'], es: ['Esto es hiponatremia.', 'Esto es hipernatremia.'] },
  },
  {
    kind: 'diagnostic',
    en: ['hypoglycemi', 'hyperglycemi', '(high|low) (blood )?(sugar|glucose)'],
    es: ['hipoglucemi', 'hiperglucemi', 'hipoglicemi', 'hiperglicemi', 'azúcar (en la sangre )?(alt|baj)[oa]', 'glucosa (alt|baj)a'],
    trips: {
      en: ['This is hypoglycemia.', 'You have hyperglycemia.', 'You have high blood sugar.', 'This means low blood sugar.', 'You have high glucose.'],
      es: [
        'Esto es hipoglucemia.',
        'Tiene hiperglucemia.',
        'Tiene hipoglicemia.',
        'Tiene hiperglicemia.',
        'Usted tiene el azúcar alta.',
        'Usted tiene el azúcar alto.',
        'Tiene azúcar en la sangre baja.',
        'Tiene la glucosa alta.',
      ],
    },
  },
  {
    kind: 'diagnostic',
    en: ['high cholesterol'],
    es: ['colesterol alto'],
    trips: { en: ['You have high cholesterol.'], es: ['Usted tiene el colesterol alto.'] },
  },
  {
    kind: 'diagnostic',
    en: ['disease', '\\bsick'],
    es: ['enfermedad', '\\benferm[oa]s?\\b'],
    trips: {
      en: ['This is a kidney disease.', 'You are sick.', 'It can mean sickness.'],
      es: ['Es una enfermedad del riñón.', 'Usted está enferma.', 'Puede estar enfermo.', 'Hay varias enfermedades posibles.'],
    },
  },
  {
    kind: 'diagnostic',
    en: ['disorder'],
    es: ['trastorno'],
    trips: { en: ['It is a blood disorder.'], es: ['Es un trastorno de la sangre.'] },
  },
  {
    kind: 'diagnostic',
    en: ['syndrome'],
    es: ['síndrom'],
    trips: { en: ['This is a syndrome.'], es: ['Es un síndrome.', 'Es un sindrome.'] },
  },
  {
    kind: 'diagnostic',
    en: ['diagnos'],
    es: ['diagnóst'],
    trips: { en: ['Your diagnosis is clear.', 'You were diagnosed.'], es: ['Su diagnóstico es claro.', 'Le diagnosticaron algo.'] },
  },
  {
    kind: 'diagnostic',
    en: ['failure', 'insufficiency'],
    es: ['insuficiencia', '\\bfall[ao] (renal|cardi|hepát|multiorg)', '\\bfall[ao] (del|de los|de) (corazón|riñ|hígado)'],
    trips: {
      en: ['This points to kidney failure.', 'It may be heart failure.', 'This is renal insufficiency.'],
      es: [
        'Esto indica insuficiencia renal.',
        'Puede ser falla renal.',
        'Puede ser una falla cardiaca.',
        'Puede ser una falla cardíaca.',
        'Es un fallo renal.',
        'Es un fallo hepático.',
        'Es una falla de los riñones.',
        'Es una falla del corazón.',
      ],
    },
  },
  {
    kind: 'diagnostic',
    en: ['cirrhosis'],
    es: ['cirrosis'],
    trips: { en: ['This can mean cirrhosis.'], es: ['Esto puede ser cirrosis.'] },
  },
  { kind: 'diagnostic', en: ['hepatitis'], es: ['hepatitis'], trips: { en: ['You may have hepatitis.'], es: ['Puede tener hepatitis.'] } },
  {
    kind: 'diagnostic',
    en: ['heart attack', 'infarct'],
    es: ['infarto', 'ataque (al|de) corazón', 'ataque cardi'],
    trips: {
      en: ['You had a heart attack.', 'This shows a myocardial infarction.'],
      es: ['Tuvo un infarto.', 'Tuvo un ataque al corazón.', 'Tuvo un ataque de corazón.', 'Tuvo un ataque cardiaco.', 'Tuvo un ataque cardíaco.'],
    },
  },
  {
    kind: 'diagnostic',
    en: ['cardiac arrest'],
    es: ['paro cardi'],
    trips: { en: ['This can lead to cardiac arrest.'], es: ['Esto puede causar un paro cardiaco.'] },
  },
  {
    kind: 'diagnostic',
    en: ['stroke', 'cerebrovascular'],
    es: ['derrame', 'ataque cerebral', 'cerebrovascular'],
    trips: {
      en: ['You may have had a stroke.', 'This is a cerebrovascular event.'],
      es: ['Puede haber tenido un derrame.', 'Fue un ataque cerebral.', 'Es un accidente cerebrovascular.'],
    },
  },
  { kind: 'diagnostic', en: ['embol'], es: ['embol'], trips: { en: ['This can be an embolism.'], es: ['Le dio una embolia.'] } },
  {
    kind: 'diagnostic',
    en: ['dehydrat'],
    es: ['deshidrat'],
    trips: { en: ['You are dehydrated.'], es: ['Usted está deshidratada.', 'Es deshidratación.'] },
  },
  {
    kind: 'diagnostic',
    en: ['sepsis', '\\bseptic'],
    es: ['sepsis', '\\bséptic'],
    trips: { en: ['This may be sepsis.', 'You may be septic.'], es: ['Puede ser sepsis.', 'Es un choque séptico.'] },
  },
  {
    kind: 'diagnostic',
    en: ['pneumonia'],
    es: ['neumon', 'pulmonía'],
    trips: { en: ['You have pneumonia.'], es: ['Tiene neumonía.', 'Tiene pulmonía.', 'Tiene neumonia.'] },
  },
  {
    kind: 'diagnostic',
    en: ['obes', 'overweight'],
    es: ['obes', 'sobrepeso'],
    trips: {
      en: ['You are obese.', 'This is obesity.', 'You are overweight.'],
      es: ['Usted es obeso.', 'Usted es obesa.', 'Esto es obesidad.', 'Usted tiene sobrepeso.'],
    },
  },
  {
    kind: 'diagnostic',
    en: ['infect'],
    es: ['infec'],
    trips: {
      en: ['You have an infection.', 'The wound is infected.', 'It is infectious.'],
      es: ['Tiene una infección.', 'Tiene infecciones.', 'Tiene infecciones de orina.', 'La herida está infectada.', 'Es infeccioso.'],
    },
  },
  {
    kind: 'diagnostic',
    en: ['normal'],
    es: ['normal'],
    trips: { en: ['Your result is normal.', 'It is abnormal.'], es: ['Su resultado es normal.', 'Es anormal.'] },
  },

  // ---------- Advising on medicine ----------
  {
    kind: 'medication',
    en: ['medication'],
    es: ['medicamento'],
    trips: { en: ['Bring your medications.'], es: ['Traiga sus medicamentos.'] },
  },
  { kind: 'medication', en: ['medicine'], es: ['medicina'], trips: { en: ['Take your medicine.'], es: ['Tome su medicina.'] } },
  { kind: 'medication', en: ['drug'], es: ['fármaco'], trips: { en: ['This drug can do that.'], es: ['Este fármaco puede hacer eso.'] } },
  {
    kind: 'medication',
    en: ['dose', 'dosage'],
    es: ['dosis'],
    trips: { en: ['Change your dose.', 'Check the dosage.'], es: ['Cambie la dosis.'] },
  },
  {
    kind: 'medication',
    en: ['pill'],
    es: ['pastilla', 'píldora'],
    trips: { en: ['Take a pill.'], es: ['Tome una pastilla.', 'Tome una píldora.'] },
  },
  {
    kind: 'medication',
    en: ['prescri'],
    es: ['recet'],
    trips: { en: ['Ask for a prescription.', 'Your doctor prescribed it.'], es: ['Pida una receta.', 'Su médico se lo recetó.'] },
  },
  {
    kind: 'medication',
    en: ['remed'],
    es: ['remedio'],
    trips: { en: ['Try a home remedy.'], es: ['Tome su remedio.', 'Deje los remedios.'] },
  },
  {
    kind: 'medication',
    en: ['stop taking', 'discontinu'],
    es: ['deje de tomar', 'suspend'],
    trips: { en: ['Stop taking it.', 'Discontinue it today.'], es: ['Deje de tomarla. Deje de tomar eso.', 'Suspenda el tratamiento.'] },
  },
  {
    kind: 'medication',
    en: ["\\b(do not|don't) take\\b"],
    es: ['\\bno (l[aeo]s? )?tome\\b'],
    trips: { en: ['Do not take it today.', 'Don’t take it today.'], es: ['No tome nada hoy.', 'No la tome hoy.', 'No los tome juntos.'] },
  },
  {
    kind: 'medication',
    en: ['take more', 'take less'],
    es: ['tome más', 'tome menos'],
    trips: { en: ['Take more of it.', 'Take less of it.'], es: ['Tome más agua.', 'Tome menos sal.', 'Tome mas agua.'] },
  },

  // ---------- Promising an outcome ----------
  {
    kind: 'promise',
    en: ['guarant'],
    es: ['garant'],
    trips: { en: ['I guarantee it.', 'It is guaranteed.'], es: ['Se lo garantizo.', 'Tiene garantía.'] },
  },
  {
    kind: 'promise',
    en: ["don't worry", 'do not worry'],
    es: ['no se preocupe'],
    trips: { en: ["Don't worry about it.", 'Don’t worry.', 'Please do not worry.'], es: ['No se preocupe por eso.'] },
  },
  {
    kind: 'promise',
    en: ['nothing to worry'],
    es: ['(de|por) qué preocupar'],
    trips: {
      en: ['There is nothing to worry about.'],
      es: ['No hay de qué preocuparse.', 'No hay nada de qué preocuparse.', 'No hay por qué preocuparse.', 'No hay de que preocuparse.'],
    },
  },
  {
    kind: 'promise',
    en: ['no need to worry', 'no reason to worry'],
    es: ['no tiene que preocupar'],
    trips: { en: ['There is no need to worry.', 'There is no reason to worry.'], es: ['No tiene que preocuparse.'] },
  },
  {
    kind: 'promise',
    en: ['(will|going to) be (fine|okay|ok|all right|alright)\\b'],
    es: ['estarán? bien', 'van? a (estar|salir) bien', 'saldrán? bien'],
    trips: {
      en: ['You will be fine.', 'Everything is going to be okay.', 'It will be all right.'],
      es: ['Usted estará bien.', 'Todo va a estar bien.', 'Todo va a salir bien.', 'Todo saldrá bien.', 'Sus riñones estarán bien.'],
    },
  },
  {
    kind: 'promise',
    en: ['definitely'],
    es: ['definitivamente'],
    trips: { en: ['It is definitely nothing.'], es: ['Definitivamente no es nada.'] },
  },
  { kind: 'promise', en: ['no doubt'], es: ['sin duda'], trips: { en: ['No doubt it will pass.'], es: ['Sin duda se le va a pasar.'] } },
  {
    kind: 'promise',
    en: ['i promise', 'we promise'],
    es: ['\\bprometo', '\\bprometemos'],
    trips: {
      en: ['I promise it is fine.', 'We promise to fix it.'],
      es: ['Se lo prometo.', 'Le prometo que no es nada.', 'Le prometemos que se arregla.'],
    },
  },
  {
    kind: 'promise',
    en: ['\\bcure'],
    es: ['\\bcura'],
    trips: { en: ['This can be cured.', 'There is a cure.'], es: ['Esto se cura.', 'Tiene cura.', 'Se puede curar.'] },
  },
];

/** Sentences in the pack's own style that must pass: comparatives, test names, insurance words, the nurse line. */
const safe: Record<Language, string[]> = {
  es: [
    'Puede procurar llegar temprano.',
    'Su seguro de salud pagó esta parte.',
    'Por seguridad, necesito confirmar con quién hablo.',
    'La presión arterial tiene dos números.',
    'Su presión está más alta de lo usual.',
    'La prueba de azúcar mide el azúcar en la sangre.',
    'Un número más alto de lo usual puede indicar que su azúcar en la sangre estuvo alto en los últimos meses.',
    'El colesterol HDL ayuda a sacar la grasa de la sangre.',
    'Su resultado está dentro de lo usual.',
    'Le puedo pasar con enfermería ahora mismo. ¿Está bien?',
    'Una enfermera puede revisar este resultado con usted hoy.',
    'Ofrezca ahora una transferencia asistida a la línea de enfermería.',
    'Si le preocupa algo, llame a su equipo de salud.',
    'Un nivel más alto de lo usual puede indicar que algo está afectando las células del hígado.',
    'Los riñones limpian la sangre. El corazón late más rápido de lo usual.',
    'Ayuda a su equipo de salud a saber si hay señales de este virus en su muestra.',
    'Su orina está más oscura de lo usual.',
    'La llamada falló. Puede tomar más tiempo recibir la factura.',
    'Su explicación de beneficios muestra si usted debe esta parte.',
    'Su prima es el pago mensual de su plan. Revise su tarjeta del seguro.',
    'Nos comprometemos a proteger su información de salud.',
    'Su médico le puede explicar el resultado.',
    'Los glóbulos blancos ayudan a combatir algunos gérmenes.',
    'La curita cubre el lugar del pinchazo.',
    'Prueba de influenza A (gripe). Prueba de COVID-19.',
    'Con una apelación, usted le pide a su plan que revise de nuevo su decisión de no pagar.',
  ],
  en: [
    'Your result is in the usual range.',
    'Your blood pressure is higher than usual.',
    'A higher level can mean extra sugar is staying in your blood.',
    'Your insurance paid this part. Keep your data secure.',
    'I can connect you with a nurse right now. Is that okay?',
    'Offer a warm transfer to the nurse line now.',
    'If you are worried about anything, call your care team.',
    'This test checks if there are signs of this virus in your sample.',
    'Blood sugar (glucose). Hemoglobin A1c (average blood sugar).',
    'Your provider can fix it and send it again.',
    'Some care needs your plan’s OK before you get it.',
    'I will ask our billing office to check them for you.',
    'It may take a few weeks to get the bill.',
    'These cells help your body fight germs.',
  ],
};

const langs: Language[] = ['en', 'es'];
const plain = (entry: string) => entry.replaceAll('\\b', '');
const entries = (lang: Language) => (Object.keys(forbidden[lang]) as Kind[]).flatMap((kind) => forbidden[lang][kind].map((word) => ({ kind, word })));

describe('the English and Spanish guardrails cover the same ground', () => {
  it.each(langs)('every %s entry has a row, in its own kind, with a counterpart in the other language', (lang) => {
    const other: Language = lang === 'en' ? 'es' : 'en';
    const missing = entries(lang)
      .filter(({ kind, word }) => !rows.some((r) => r.kind === kind && r[lang].includes(word) && r[other].length > 0))
      .map(({ kind, word }) => `${kind} "${word}"`);
    expect(missing, `entries with no counterpart in the table: ${missing.join(', ')}`).toEqual([]);
  });

  it('names only entries the guardrails have, each in one row', () => {
    for (const lang of langs) {
      const listed = rows.flatMap((r) => r[lang].map((word) => `${r.kind} ${word}`));
      expect(new Set(listed).size, `${lang}: an entry is in two rows`).toBe(listed.length);
      const known = new Set(entries(lang).map(({ kind, word }) => `${kind} ${word}`));
      expect(
        listed.filter((x) => !known.has(x)),
        `${lang}: rows name entries the guardrails do not have`,
      ).toEqual([]);
    }
  });

  it('has more than 40 sentences that must trip, in each language, and more than 20 safe Spanish ones', () => {
    for (const lang of langs) expect(rows.flatMap((r) => r.trips[lang]).length).toBeGreaterThan(40);
    expect(safe.es.length).toBeGreaterThan(20);
  });

  it.each(rows.map((r) => [`${r.en.join(' / ')} = ${r.es.join(' / ')}`, r] as const))('%s', (_name, row) => {
    for (const lang of langs) {
      expect(row.trips[lang].length, `${lang}: the row needs a sentence`).toBeGreaterThan(0);
      const own = new Set(row[lang].map(plain));
      for (const sentence of row.trips[lang]) {
        const hits = findViolations([sentence], lang);
        expect(
          hits.some((v) => own.has(v.word) && v.kind === row.kind),
          `${lang} "${sentence}" should trip ${row[lang].join(' or ')}; it tripped: ${hits.map((v) => v.word).join(', ') || 'nothing'}`,
        ).toBe(true);
      }
    }
  });
});

describe('the guardrails do not trip on safe sentences', () => {
  it.each(langs.flatMap((lang) => safe[lang].map((s) => [lang, s] as const)))('%s: %s', (lang, sentence) => {
    expect(findViolations([sentence], lang).map((v) => `${v.kind} "${v.word}"`)).toEqual([]);
  });

  it('matches in its own language only: a Spanish sentence is not checked against the English list', () => {
    expect(findViolations(['Su resultado es normal.'], 'en').map((v) => v.word)).toEqual(['normal']);
    expect(findViolations(['Tome su medicina.'], 'en')).toEqual([]);
    expect(findViolations(['Take your medicine.'], 'es')).toEqual([]);
  });

  it('reports the sentence as written, with its accents', () => {
    expect(findViolations(['Usted está anémica.'], 'es')).toEqual([{ kind: 'diagnostic', word: 'anemi', text: 'Usted está anémica.' }]);
  });
});
