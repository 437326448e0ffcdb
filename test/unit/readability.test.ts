import { describe, expect, it } from 'vitest';
import { englishCounts, englishSyllables, fleschKincaidGrade } from '../../main/services/readability/english';
import { englishMaxGrade, readability, spanishMinInflesz } from '../../main/services/readability/index';
import { fernandezHuerta, infleszBand, spanishCounts, spanishSyllables, szigrisztPazos } from '../../main/services/readability/spanish';
import { splitSentences, splitWords } from '../../main/services/readability/text';

const syllablesOf = (count: (word: string) => number, words: string[]) => Object.fromEntries(words.map((word) => [word, count(word)]));

describe('tokenising', () => {
  it('keeps decimals, dates and units inside one sentence', () => {
    const text = 'Your potassium was 6.8 mmol/L on Nov 3, 2026. Dr. Lee will call you.';
    expect(splitSentences(text)).toEqual(['Your potassium was 6.8 mmol/L on Nov 3, 2026.', 'Dr. Lee will call you.']);
    expect(splitWords('Your potassium was 6.8 mmol/L on Nov 3, 2026.')).toEqual(['Your', 'potassium', 'was', '6.8', 'mmol/L', 'on', 'Nov', '3', '2026']);
  });

  it('does not end a sentence at a known abbreviation', () => {
    const text = 'Dr. Lee and Mrs. Ruiz saw you, e.g. on Monday. La Sra. Gómez vs. la Dra. Pérez, etc. todo bien.';
    expect(splitSentences(text)).toEqual(['Dr. Lee and Mrs. Ruiz saw you, e.g. on Monday.', 'La Sra. Gómez vs. la Dra. Pérez, etc. todo bien.']);
  });

  it('ends a sentence at each line break, drops list markers and skips lines without words', () => {
    const text = 'Eat less salt\n- Drink water\r\n1. Take your pills\n\n   \n—\n...\n2) Rest';
    expect(splitSentences(text)).toEqual(['Eat less salt', 'Drink water', 'Take your pills', 'Rest']);
    expect(englishCounts(text).words).toBe(9);
  });

  it('strips currency, brackets and other edge punctuation from words and drops empty tokens', () => {
    expect(splitSentences('It costs: $1,234.56 (glucose) — eGFR is 10*3/uL!')).toHaveLength(1);
    expect(splitWords('It costs $1,234.56 (glucose) — eGFR is 10*3/uL!')).toEqual(['It', 'costs', '1,234.56', 'glucose', 'eGFR', 'is', '10*3/uL']);
  });

  it('splits Spanish ¿…? and ¡…! sentences, including a question that opens mid-sentence', () => {
    const text = '¿Tiene preguntas? ¡Llámenos hoy! Si tiene dudas, ¿puede llamarnos? Gracias.';
    expect(splitSentences(text)).toEqual(['¿Tiene preguntas?', '¡Llámenos hoy!', 'Si tiene dudas, ¿puede llamarnos?', 'Gracias.']);
    expect(splitWords('¿Tiene preguntas? ¡Llámenos!')).toEqual(['Tiene', 'preguntas', 'Llámenos']);
  });

  it('counts one syllable per digit group of a number and splits units on "/"', () => {
    expect(syllablesOf(englishSyllables, ['6.8', '1,234.56', '2026', '3', '10*3/uL', 'mmol/L', 'mg/dL', 'mmHg'])).toEqual({
      '6.8': 2,
      '1,234.56': 3,
      '2026': 1,
      '3': 1,
      '10*3/uL': 3, // 10 + 3 + "uL"
      'mmol/L': 2, // "mmol" + "L" (no vowel: one letter group)
      'mg/dL': 2,
      mmHg: 2, // no vowel, four letters: two groups of up to three
    });
    expect(syllablesOf(spanishSyllables, ['6,8', 'mmol/L', 'mg/dL'])).toEqual({ '6,8': 2, 'mmol/L': 2, 'mg/dL': 2 });
  });
});

describe('English: Flesch-Kincaid grade level', () => {
  it('matches a hand count of a script with a number, a unit and an abbreviation', () => {
    // Your(1) po-tas-si-um(4) was(1) 6.8(2) mmol/L(2) on(1) Nov(1) 3(1) 2026(1) → 9 words, 14 syllables
    // Dr(1) Lee(1) will(1) call(1) you(1) to-mor-row(3)                          → 6 words,  8 syllables
    // 15 words, 2 sentences, 22 syllables:
    // 0.39 × 15/2 + 11.8 × 22/15 − 15.59 = 2.925 + 17.306667 − 15.59 = 4.641667
    const counts = englishCounts('Your potassium was 6.8 mmol/L on Nov 3, 2026. Dr. Lee will call you tomorrow.');
    expect(counts).toEqual({ words: 15, sentences: 2, syllables: 22 });
    expect(fleschKincaidGrade(counts)).toBeCloseTo(4.641667, 5);
  });

  it('reproduces the published platypus example (Wikipedia: 13 words, 26 syllables)', () => {
    // Wikipedia's Flesch–Kincaid article gives this sentence 26 syllables and 13 words (reading ease 24.4);
    // the grade from those counts is 0.39 × 13 + 11.8 × 2 − 15.59 = 13.08, published as 13.1.
    // The-Aus-tra-li-an plat-y-pus is seem-ing-ly a hy-brid of a mam-mal and rep-til-i-an crea-ture
    const text = 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.';
    const handCount = [1, 4, 3, 1, 3, 1, 2, 1, 1, 2, 1, 4, 2];
    const perWord = splitWords(text).map(englishSyllables);
    expect(perWord, `syllable() counted ${perWord.join(' ')}`).toEqual(handCount);
    const counts = englishCounts(text);
    expect(counts).toEqual({ words: 13, sentences: 1, syllables: 26 });
    const readingEase = 206.835 - 1.015 * (counts.words / counts.sentences) - 84.6 * (counts.syllables / counts.words);
    expect(readingEase).toBeCloseTo(24.4, 1);
    expect(fleschKincaidGrade(counts)).toBeCloseTo(13.1, 1);
    expect(readability(text, 'en')).toMatchObject({ score: 13.1, label: 'Grade 13.1', passes: false });
  });

  it('scores "The cat sat on the mat." at about −1.45, far below the bar', () => {
    // 6 one-syllable words in 1 sentence: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45 (Wikipedia: reading ease 116).
    const counts = englishCounts('The cat sat on the mat.');
    expect(counts).toEqual({ words: 6, sentences: 1, syllables: 6 });
    expect(fleschKincaidGrade(counts)).toBeCloseTo(-1.45, 2);
    expect(readability('The cat sat on the mat.', 'en').passes).toBe(true);
  });
});

describe('Spanish syllables', () => {
  it('separates strong vowels (hiatus) and accented í/ú, and joins weak vowels (diphthongs, triphthongs)', () => {
    const words = [
      'día',
      'país',
      'río',
      'oír',
      'Raúl',
      'reír',
      'oído',
      'veía',
      'búho',
      'leer',
      'creer',
      'poeta',
      'caos',
      'aéreo',
      'teatro',
      'ahora',
      'ciudad',
      'buey',
      'Paraguay',
      'Uruguay',
      'cuidado',
      'huevo',
      'murciélago',
      'agua',
      'antiguo',
      'diabetes',
      'farmacia',
      'paciente',
      'estudiáis',
      'averiguáis',
    ];
    expect(syllablesOf(spanishSyllables, words)).toEqual({
      día: 2,
      país: 2,
      río: 2,
      oír: 2,
      Raúl: 2,
      reír: 2,
      oído: 3,
      veía: 3,
      búho: 2,
      leer: 2,
      creer: 2,
      poeta: 3,
      caos: 2,
      aéreo: 4,
      teatro: 3,
      ahora: 3,
      ciudad: 2,
      buey: 1,
      Paraguay: 3,
      Uruguay: 3,
      cuidado: 3,
      huevo: 2,
      murciélago: 4,
      agua: 2,
      antiguo: 3,
      diabetes: 3,
      farmacia: 3,
      paciente: 3,
      estudiáis: 3,
      averiguáis: 4,
    });
  });

  it('treats the u of que/qui/gue/gui as silent and ü as pronounced', () => {
    const words = ['que', 'quién', 'quiosco', 'guitarra', 'guía', 'seguro', 'coseguro', 'pingüino', 'vergüenza', 'lingüística'];
    expect(syllablesOf(spanishSyllables, words)).toEqual({
      que: 1,
      quién: 1,
      quiosco: 2,
      guitarra: 3,
      guía: 2,
      seguro: 3,
      coseguro: 4,
      pingüino: 3,
      vergüenza: 3,
      lingüística: 4,
    });
  });

  it('reads y as a vowel at the end of a word or alone, and as a consonant before a vowel', () => {
    expect(syllablesOf(spanishSyllables, ['y', 'hoy', 'muy', 'ley', 'yo', 'mayo', 'reyes', 'cuyo', 'ayuda', 'ayuno'])).toEqual({
      y: 1,
      hoy: 1,
      muy: 1,
      ley: 1,
      yo: 1,
      mayo: 2,
      reyes: 2,
      cuyo: 2,
      ayuda: 3,
      ayuno: 3,
    });
  });

  it('counts the words of lab and billing scripts', () => {
    const words = [
      'análisis',
      'resultados',
      'potasio',
      'sangre',
      'riñones',
      'azúcar',
      'deducible',
      'hígado',
      'corazón',
      'medicamento',
      'enfermedad',
      'insulina',
      'hospital',
      'colesterol',
    ];
    expect(syllablesOf(spanishSyllables, words)).toEqual({
      análisis: 4,
      resultados: 4,
      potasio: 3,
      sangre: 2,
      riñones: 3,
      azúcar: 3,
      deducible: 4,
      hígado: 3,
      corazón: 3,
      medicamento: 5,
      enfermedad: 4,
      insulina: 4,
      hospital: 3,
      colesterol: 4,
    });
  });

  it('follows the RAE orthographic count for "huir" (one syllable; often pronounced hu-ir)', () => {
    expect(spanishSyllables('huir')).toBe(1);
  });
});

describe('Spanish: INFLESZ and Fernández-Huerta', () => {
  it('matches a hand-worked example', () => {
    // El(1) mé-di-co(3) re-vi-só(3) su(1) a-ná-li-sis(4) de(1) san-gre(2)             → 7 words, 15 syllables
    // Sus(1) ri-ño-nes(3) fun-cio-nan(3) bien(1) pe-ro(2) el(1) po-ta-sio(3) es-tá(2)
    //   un(1) po-co(2) al-to(2)                                                      → 11 words, 21 syllables
    // 18 words, 2 sentences, 36 syllables:
    // INFLESZ (Szigriszt-Pazos) = 206.835 − 62.3 × 36/18 − 18/2 = 206.835 − 124.6 − 9 = 73.235 → 73.2
    // Fernández-Huerta = 206.84 − 0.60 × 200 − 1.02 × 9 = 206.84 − 120 − 9.18 = 77.66 → 77.7
    const text = 'El médico revisó su análisis de sangre. Sus riñones funcionan bien, pero el potasio está un poco alto.';
    const counts = spanishCounts(text);
    expect(counts).toEqual({ words: 18, sentences: 2, syllables: 36 });
    expect(szigrisztPazos(counts)).toBeCloseTo(73.235, 6);
    expect(fernandezHuerta(counts)).toBeCloseTo(77.66, 6);
    expect(readability(text, 'es')).toMatchObject({
      score: 73.2,
      fernandezHuerta: 77.7,
      label: 'INFLESZ 73.2 (bastante fácil)',
      passes: true,
    });
  });

  it('rates a short plain script "bastante fácil" or better', () => {
    const score = readability('Hoy le llamamos. Su azúcar está bien. ¿Tiene preguntas? Llame a su médico.', 'es');
    expect(score.sentences).toBe(4);
    expect(score.score).toBeGreaterThanOrEqual(65);
    expect(score.label).toMatch(/\((bastante|muy) fácil\)$/u);
  });

  it('rates one long technical sentence below 55', () => {
    const text =
      'La determinación cuantitativa de la concentración plasmática de creatinina y la estimación de la tasa de ' +
      'filtración glomerular permiten caracterizar la progresión de la enfermedad renal crónica en pacientes con ' +
      'hipertensión arterial sistémica.';
    const score = readability(text, 'es');
    expect(score.sentences).toBe(1);
    expect(score.score).toBeLessThan(55);
    expect(score.passes).toBe(false);
  });

  it('puts each band boundary in the band above it', () => {
    const at = [39.9, 40, 54.9, 55, 64.9, 65, 79.9, 80].map(infleszBand);
    expect(at).toEqual(['muy difícil', 'algo difícil', 'algo difícil', 'normal', 'normal', 'bastante fácil', 'bastante fácil', 'muy fácil']);
  });
});

describe('readability()', () => {
  it('passes English at grade 6.0, judged on the rounded score, and fails above it', () => {
    // 10 words, 15 syllables, 1 sentence: 0.39 × 10 + 11.8 × 1.5 − 15.59 = 6.01 → "Grade 6.0"
    const atBar = 'Your doctor calls today about the results of your panel.';
    expect(fleschKincaidGrade(englishCounts(atBar))).toBeGreaterThan(englishMaxGrade);
    expect(readability(atBar, 'en')).toEqual({
      language: 'en',
      index: 'flesch-kincaid-grade',
      score: 6,
      label: 'Grade 6.0',
      passes: true,
      bar: 'grade ≤ 6.0',
      words: 10,
      sentences: 1,
      syllables: 15,
    });
    // One more syllable (to-mor-row): 3.9 + 11.8 × 1.6 − 15.59 = 7.19 → 7.2
    expect(readability('Your doctor calls tomorrow about the results of your panel.', 'en')).toMatchObject({
      score: 7.2,
      label: 'Grade 7.2',
      passes: false,
    });
  });

  it('passes Spanish at INFLESZ 65.0 and fails one syllable later', () => {
    // Ma-ña-na su mé-di-co le lla-ma-rá pa-ra ha-blar de los re-sul-ta-dos del e-xa-men: 12 words, 25 syllables
    // 206.835 − 62.3 × 25/12 − 12 = 65.043; Fernández-Huerta 206.84 − 0.60 × 208.33 − 1.02 × 12 = 69.6
    expect(readability('Mañana su médico le llamará para hablar de los resultados del examen.', 'es')).toEqual({
      language: 'es',
      index: 'inflesz',
      score: 65,
      label: 'INFLESZ 65.0 (bastante fácil)',
      passes: true,
      bar: 'INFLESZ ≥ 65',
      words: 12,
      sentences: 1,
      syllables: 25,
      fernandezHuerta: 69.6,
    });
    // e-xa-men → a-ná-li-sis: 26 syllables, 206.835 − 62.3 × 26/12 − 12 = 59.85 → 59.9
    expect(readability('Mañana su médico le llamará para hablar de los resultados del análisis.', 'es')).toMatchObject({
      score: 59.9,
      label: 'INFLESZ 59.9 (normal)',
      passes: false,
    });
  });

  it('reports a grade just below zero as 0, not −0', () => {
    // We got your test back (5 words, 5 syllables). It looks good and your blood is fine (8, 8).
    // Call your doc-tor if you have ques-tions (7, 9). 20 words, 3 sentences, 22 syllables:
    // 0.39 × 20/3 + 11.8 × 22/20 − 15.59 = 2.6 + 12.98 − 15.59 = −0.01, which rounds to −0
    const text = 'We got your test back. It looks good and your blood is fine. Call your doctor if you have questions.';
    expect(readability(text, 'en')).toMatchObject({ words: 20, sentences: 3, syllables: 22, score: 0, label: 'Grade 0.0' });
  });

  it('exports the bars', () => {
    expect([englishMaxGrade, spanishMinInflesz]).toEqual([6, 65]);
  });

  it('scores text without words as 0 and passing', () => {
    expect(readability('', 'en')).toEqual({
      language: 'en',
      index: 'flesch-kincaid-grade',
      score: 0,
      label: 'Grade 0.0 (no text)',
      passes: true,
      bar: 'grade ≤ 6.0',
      words: 0,
      sentences: 0,
      syllables: 0,
    });
    expect(readability('  \n — \n ¿? ', 'es')).toEqual({
      language: 'es',
      index: 'inflesz',
      score: 0,
      label: 'INFLESZ 0.0 (sin texto)',
      passes: true,
      bar: 'INFLESZ ≥ 65',
      words: 0,
      sentences: 0,
      syllables: 0,
    });
  });
});
