import { describe, expect, it } from 'vitest';
import { readPresenceCode, readPresenceText, type PresenceReading } from '../../main/services/scripts/presence-text';

// Where a string comes from a public example, the comment says so. Others follow the wording of the clinical review
// (/work/shared/reviews/clinical-review-2026-12-03.md, D7 point 5) or common laboratory practice. All data is made up.
const cases: Array<[text: string, expected: PresenceReading, note?: string]> = [
  // Not detected: English
  ['Not detected', 'not-detected'],
  ['NOT DETECTED', 'not-detected'],
  ['  not   Detected.  ', 'not-detected'],
  ['[Not Detected]', 'not-detected'],
  ['None detected', 'not-detected', 'review D7.5: was read as detected'],
  ['No Group A Streptococcus detected', 'not-detected', 'review D7.5: was read as detected'],
  ['Not present', 'not-detected', 'review D7.5: was read as detected'],
  ['No group A Streptococcus detected.', 'not-detected', 'rapid strep interpretation in a public EHR training app'],
  ['No Group A Streptococcus isolated. Normal flora present.', 'not-detected', 'throat culture template, public EHR simulator'],
  ['Normal oropharyngeal flora. Group A Streptococcus: Negative. Rapid Strep: Negative.', 'not-detected', 'same simulator'],
  ['Negative for Group A Streptococcus. Negative for Corynebacterium diphtheriae.', 'not-detected', 'same simulator'],
  ['No antibodies to HIV-1 detected.', 'not-detected', 'LabCorp ORU sample NTE, adonis2014/OpenLIS MsgSample.java'],
  ['Result: NEGATIVE by EIA screen.', 'not-detected', 'same LabCorp sample'],
  ['NEGATIVE^Negative^L', 'not-detected', 'HL7 v2 CWE left in valueString, public HL7-to-FHIR converter test'],
  ['Not detected (qualifier value)', 'not-detected', 'SNOMED CT 260415000 display, as in Synthea COVID-19 records'],
  ['No growth', 'not-detected'],
  ['No growth at 48 hours', 'not-detected'],
  ['Absent', 'not-detected'],
  ['Negative', 'not-detected'],
  ['negative', 'not-detected', 'valueString in Sara Alert FHIR API docs'],
  ['Negative for influenza A and B', 'not-detected'],
  ['NEG', 'not-detected'],
  ['Neg.', 'not-detected'],
  ['Non-reactive', 'not-detected'],
  ['Nonreactive', 'not-detected'],
  ['NON REACTIVE', 'not-detected'],
  ['Undetected', 'not-detected'],
  ['Not isolated', 'not-detected'],
  ["Organism wasn't isolated", 'not-detected'],
  ['None seen', 'not-detected'],
  ['No organisms seen', 'not-detected'],
  ['Normal flora only', 'not-detected'],
  ['No Salmonella, Shigella, or Campylobacter isolated', 'not-detected'],
  ['No E. coli O157:H7 isolated', 'not-detected'],
  ['Salmonella spp. not isolated', 'not-detected'],
  ['Neither influenza A nor influenza B detected', 'not-detected'],
  ['SARS-CoV-2 RNA: Not Detected', 'not-detected'],
  ['Influenza A: Not detected. Influenza B: Not detected. RSV: Not detected.', 'not-detected'],
  ['Not detected. Positive control valid.', 'not-detected'],
  ['Negative (<0.01%)', 'not-detected', 'valueString in a public FHIR client test'],
  ['Specimen No. 12: Negative', 'not-detected'],
  ['Influenza A+B: Negative', 'not-detected'],
  // Not detected: Spanish
  ['No detectado', 'not-detected'],
  ['No detectada', 'not-detected'],
  ['NO DETECTADO', 'not-detected'],
  ['No se detectó', 'not-detected'],
  ['No se detecto ARN de SARS-CoV-2', 'not-detected'],
  ['Negativo', 'not-detected'],
  ['Negativa', 'not-detected'],
  ['No reactivo', 'not-detected'],
  ['NO REACTIVO', 'not-detected'],
  ['Ausente', 'not-detected'],
  ['No se aisló Streptococcus pyogenes', 'not-detected'],
  ['Sin crecimiento', 'not-detected'],
  ['Sin crecimiento bacteriano a las 48 horas', 'not-detected'],
  ['Sin desarrollo bacteriano', 'not-detected'],
  ['No se detectó influenza A ni influenza B', 'not-detected'],
  ['Flora normal', 'not-detected'],
  ['Indetectable', 'not-detected'],
  // Detected: English
  ['Detected', 'detected'],
  ['DETECTED (A)', 'detected'],
  ['Detected (qualifier value)', 'detected', 'SNOMED CT 260373001 display, as in Synthea COVID-19 records'],
  ['Positive', 'detected'],
  ['***POSITIVE***', 'detected'],
  ['POS', 'detected'],
  ['Present', 'detected'],
  ['Reactive', 'detected'],
  ['Repeatedly reactive', 'detected'],
  ['Weakly reactive', 'detected'],
  ['Isolated', 'detected'],
  ['Group A Streptococcus detected', 'detected'],
  ['Influenza A virus RNA detected', 'detected'],
  ['Positive for influenza A (H3)', 'detected'],
  ['Growth of Staphylococcus aureus', 'detected'],
  ['Gram-negative bacilli isolated', 'detected'],
  ['Coagulase-negative Staphylococcus isolated', 'detected'],
  ['Moderate Gram positive cocci in clusters', 'detected'],
  ['Trace', 'detected', 'LOINC answer list LL733-7 (2514-8 ketones strip), NLM LHC-Forms data'],
  ['Small', 'detected', 'same answer list'],
  ['Moderate', 'detected', 'same answer list'],
  ['Large', 'detected', 'same answer list'],
  ['Trace-lysed', 'detected'],
  ['1+', 'detected'],
  ['2+ (Moderate)', 'detected'],
  ['4+', 'detected'],
  ['++', 'detected'],
  ['(+)', 'detected'],
  ['Protein: +++', 'detected'],
  ['Presumptive positive', 'detected', 'SNOMED CT 720735008; a positive pending confirmation is handled as positive'],
  ['Presumptive Positive for SARS-CoV-2', 'detected'],
  // Detected: Spanish
  ['Detectado', 'detected'],
  ['Detectada', 'detected'],
  ['Se detectó', 'detected'],
  ['Positivo', 'detected'],
  ['Positiva', 'detected'],
  ['Positivo débil', 'detected'],
  ['Reactivo', 'detected'],
  ['Presente', 'detected'],
  ['Se aisló Escherichia coli', 'detected'],
  ['Desarrollo de Escherichia coli > 100.000 UFC/ml', 'detected'],
  ['Trazas', 'detected'],
  // Mixed results in one text
  ['Negative for A; positive for B', 'unknown', 'review D7.5: was read as not detected'],
  ['Influenza A detected, influenza B not detected', 'unknown'],
  ['Influenza A: Negative, Influenza B: Positive', 'unknown'],
  ['Salmonella not detected, Shigella detected', 'unknown'],
  ['Negativo para influenza A; positivo para influenza B', 'unknown'],
  ['Influenza A: No detectado; Influenza B: Detectado', 'unknown'],
  ['Not detected, but Rhinovirus detected', 'unknown'],
  ['All targets not detected except Rhinovirus', 'unknown'],
  ['Detected/Not detected', 'unknown'],
  ['Heavy growth of normal flora', 'unknown'],
  // Ambiguous, unfinished or failed
  ['Indeterminate', 'unknown'],
  ['Equivocal', 'unknown'],
  ['Inconclusive', 'unknown'],
  ['Invalid', 'unknown'],
  ['Borderline', 'unknown'],
  ['See comment', 'unknown'],
  ['Positive (see comment)', 'unknown'],
  ['Pending', 'unknown'],
  ['Test not performed', 'unknown'],
  ['Specimen rejected', 'unknown'],
  ['QNS', 'unknown'],
  ['Quantity not sufficient', 'unknown'],
  ['', 'unknown'],
  ['   ', 'unknown'],
  ['12.5', 'unknown'],
  ['0', 'unknown'],
  ['Yellow', 'unknown'],
  ['Lorem ipsum dolor', 'unknown'],
  ['None', 'unknown'],
  ['No', 'unknown'],
  ['Detected: No', 'unknown'],
  ['No, detected', 'unknown'],
  ['Detected?', 'unknown'],
  ['Not negative', 'unknown'],
  ['Not non-reactive', 'unknown'],
  ['Presumptive negative', 'unknown'],
  ['ND', 'unknown', '"not detected" or "not done"'],
  ['NR', 'unknown', '"nonreactive" or "not reported"'],
  ['Gram negative rods', 'unknown'],
  ['Mixed flora', 'unknown'],
  ['Mixed urogenital flora, suggest recollection', 'unknown'],
  ['No growth to date', 'unknown'],
  ['No growth at 48 hours; final report to follow', 'unknown'],
  ['Culture in progress', 'unknown'],
  ['Reactive, confirmation to follow', 'unknown'],
  ['A negative result does not rule out infection', 'unknown'],
  ['Positive (Not Type 16/18)', 'unknown', 'answer option in a public cervical screening questionnaire'],
  ['No pathogens', 'unknown'],
  ['Below detection limit', 'unknown'],
  ['-', 'unknown'],
  ['Indeterminado', 'unknown'],
  ['Zona gris', 'unknown', 'Argentine lab PDF reader, public repository'],
  ['Pendiente', 'unknown'],
  ['Muestra rechazada', 'unknown'],
  ['Ver comentario', 'unknown'],
  ['No concluyente', 'unknown'],
  ['Negativo. Sin embargo, se recomienda repetir la prueba', 'unknown'],
  // Reference text is not the result
  ['Not detected (ref: Not detected)', 'not-detected'],
  ['Detected (ref: Not detected)', 'detected'],
  ['Positive (Reference range: Negative)', 'detected'],
  ['Detected Ref Range: Not Detected', 'detected'],
  ['Result: Detected. Reference Range: Not Detected', 'detected'],
  ['Not Detected (Normal: Not Detected)', 'not-detected'],
  ['Positive (Expected: Negative)', 'detected'],
  ['Positive. Ref: Negative <0.9; Equivocal 0.9-1.1; Positive >1.1', 'detected'],
  ['Reactive (ref [Nonreactive])', 'detected'],
  ['(ref: Negative)', 'unknown'],
  ['Ref range: Negative', 'unknown'],
  ['Reference: Negative <0.9; Equivocal 0.9-1.1; Positive >1.1', 'unknown'],
  ['Positivo (Valor de referencia: Negativo)', 'detected'],
  ['Reactivo. Valores de referencia: No reactivo', 'detected'],
  ['Negativo (V.R.: Negativo)', 'not-detected', 'V.R. = valor de referencia, Argentine lab reports'],
  ['Negativo (valor normal: negativo)', 'not-detected'],
  ['Negative (Index <0.90; ref: Negative <0.90 index, Positive >=1.10 index)', 'not-detected'],
  ['Flu A: Not detected Ref: Not detected, Flu B: Detected', 'unknown'],
  ['Not detected. Reference range: Not detected. Specimen hemolyzed', 'unknown'],
];

describe('readPresenceText', () => {
  it('has a large table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('%j reads as %s', (text, expected) => {
    expect(readPresenceText(text)).toBe(expected);
  });

  it('does not read a text longer than 500 characters, even when it starts clearly', () => {
    const tail = ' This assay was validated by the performing laboratory.'.repeat(10);
    expect(readPresenceText(`Not detected.${tail}`.slice(0, 500))).toBe('not-detected');
    expect(readPresenceText(`Not detected.${tail}`)).toBe('unknown');
    expect(readPresenceText(`Not detected.${' '.repeat(1000)}`)).toBe('not-detected');
  });

  it('turns any clear reading into unknown when a second, contrary result is added', () => {
    const clear = cases.filter(([, r]) => r !== 'unknown');
    for (const [text, reading] of clear) {
      const other = reading === 'detected' ? 'Influenza B: Not detected' : 'Influenza B: Detected';
      expect(readPresenceText(`${text}; ${other}`), text).toBe('unknown');
      // After reference text a lone category may belong to the legend, so this one holds only without it.
      if (!/\bref|referencia|expected|normal:|v\.r\./i.test(text)) expect(readPresenceText(`${text}. Indeterminate`), text).toBe('unknown');
    }
  });
});

describe('readPresenceCode', () => {
  it.each([
    ['260373001', 'detected'],
    ['10828004', 'detected'],
    ['52101004', 'detected'],
    ['11214006', 'detected'],
    ['720735008', 'detected'],
    ['260415000', 'not-detected'],
    ['260385009', 'not-detected'],
    ['2667000', 'not-detected'],
    ['131194007', 'not-detected'],
    ['42425007', 'unknown'],
    ['419984006', 'unknown'],
    ['82334004', 'unknown'],
    ['455371000124106', 'unknown'],
    ['LA11882-0', 'detected'],
    ['LA6576-8', 'detected'],
    ['LA9633-4', 'detected'],
    ['LA15255-5', 'detected'],
    ['LA11832-5', 'detected'],
    ['LA11883-8', 'not-detected'],
    ['LA6577-6', 'not-detected'],
    ['LA9634-2', 'not-detected'],
    ['LA15256-3', 'not-detected'],
    ['LA11884-6', 'unknown'],
    ['LA11885-3', 'unknown'],
    ['LA9663-1', 'unknown'],
    ['LA15841-2', 'unknown'],
    ['POS', 'detected'],
    ['DET', 'detected'],
    ['NEG', 'not-detected'],
    ['ND', 'not-detected'],
    ['IND', 'unknown'],
    ['E', 'unknown'],
    [' la6577-6 ', 'not-detected'],
  ] as Array<[string, PresenceReading]>)('%s reads as %s', (code, expected) => {
    expect(readPresenceCode(code)).toBe(expected);
  });

  it.each(['', '123', 'LA15255-6', 'A', 'N', 'H', '840539006', 'Detected'])('does not know %j', (code) => {
    expect(readPresenceCode(code)).toBeUndefined();
  });
});

describe('hostile input', () => {
  // Deterministic, so a failure can be replayed.
  function random(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const vocabulary = [
    'not',
    'no',
    'none',
    'detected',
    'negative',
    'positive',
    'present',
    'absent',
    'reactive',
    'non',
    'sin',
    'ni',
    'nor',
    'ref',
    'normal',
    'flora',
    'gram',
    'trace',
    '1+',
    '+',
    'E',
    'spp',
    'No',
    'V',
    'R',
    'presumptive',
    'detectado',
    'se',
    'aisló',
    'crecimiento',
    'embargo',
    'obstante',
    "n't",
    'x',
    '0.5',
    'ñ',
    'é',
    '\u0301',
    '😀',
    '\u0000',
  ];
  const marks = [' ', ' ', ' ', '.', ',', ';', ':', '=', '(', ')', '[', ']', '?', '¿', '\n', '-', '/', '^', "'", '’', '+', '..'];

  function text(next: () => number, length: number): string {
    const parts: string[] = [];
    let size = 0;
    while (size < length) {
      const part = next() < 0.6 ? vocabulary[Math.floor(next() * vocabulary.length)]! : marks[Math.floor(next() * marks.length)]!;
      parts.push(part);
      size += part.length;
    }
    return parts.join('').slice(0, length);
  }

  it('reads random words and punctuation, up to 200,000 characters, quickly and without throwing', () => {
    const next = random(20261203);
    const lengths = [0, 1, 2, 5, 50, 200, 499, 500, 501, 1000, 10_000, 200_000];
    for (let round = 0; round < 300; round++) {
      const length = round < lengths.length ? lengths[round]! : Math.floor(next() ** 3 * 200_000);
      const input = text(next, length);
      const started = performance.now();
      const reading = readPresenceText(input);
      const took = performance.now() - started;
      expect(['detected', 'not-detected', 'unknown']).toContain(reading);
      expect(took, `length ${length}`).toBeLessThan(50);
      if (input.trim().length > 500) expect(reading).toBe('unknown');
    }
  });

  it.each([
    ['brackets', '('.repeat(500)],
    ['closing brackets', ')'.repeat(500)],
    ['negations', 'not '.repeat(125)],
    ['plus signs', '+'.repeat(500)],
    ['initials', 'E. '.repeat(166)],
    ['apostrophes', "'".repeat(500)],
    ['combining accents', `n${'\u0301'.repeat(499)}`],
    ['reference markers', 'ref: '.repeat(100)],
    ['long word', 'a'.repeat(500)],
    ['huge text', `${'no detected; '.repeat(15_000)}`],
  ])('handles %s', (_name, input) => {
    const started = performance.now();
    expect(['detected', 'not-detected', 'unknown']).toContain(readPresenceText(input));
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('treats non-strings as unknown', () => {
    expect(readPresenceText(undefined as unknown as string)).toBe('unknown');
    expect(readPresenceText(42 as unknown as string)).toBe('unknown');
    expect(readPresenceCode(null as unknown as string)).toBeUndefined();
  });
});
