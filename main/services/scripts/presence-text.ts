/**
 * Reads a lab's qualitative result ("None detected", "Positivo", "Negative for A; positive for B") as detected, not
 * detected or unknown. A wrong reading tells a patient that germs were found, or were not, so anything this reader is
 * not sure of is 'unknown', and the app offers a clinician callback instead.
 *
 * How a text is read:
 * - Only texts of at most 500 characters (after trimming) are read. A longer value is a narrative report whose unread
 *   part may contradict the rest (a second analyte, a correction, "specimen rejected"), so it is 'unknown'. This is
 *   also what keeps the work linear: no regular expression runs on more than 500 characters, and none can backtrack.
 * - Case and accents do not matter; punctuation splits the text into words and sentences.
 * - Words that say something was found ("detected", "positive", "isolated", "growth", "trace", "1+", "se aisló")
 *   count as found unless a negation ("no", "not", "none", "without", "non", "sin", "ningún", "…n't") comes before
 *   them in the same sentence, after the previous such word. Words that say nothing was found ("negative", "absent",
 *   "nonreactive", "ausente") count as not found; a negation before them ("not negative") is unknown.
 * - Mixed readings ("Influenza A detected, influenza B not detected"), hedges ("indeterminate", "presumptive negative",
 *   "see comment", "to follow", "?"), a negation that governs nothing ("Detected: No", "Test not performed") and
 *   unknown words alone are all 'unknown'.
 * - Reference text describes the usual result, not this one, and is skipped: from "Ref", "Reference", "Referencia",
 *   "V.R.", or "Normal", "Expected", "Esperado" followed by ":" or "range", to the closing bracket or, outside brackets,
 *   to the end, because reference legends list several categories ("Negative <0.9; Equivocal 0.9-1.1; Positive >1.1").
 *   A skipped word that does not belong in such a legend ("Ref: Not detected; Flu B: Detected") makes it unknown.
 * - "Presumptive positive" is read as detected: it is a result category of its own (SNOMED CT 720735008) that CDC and
 *   public health labs handle as positive, and a positive result is the one that must reach a nurse the same day.
 *   "Presumptive negative" is unknown.
 * - "Normal flora" (with "only" or "present") is read as not detected: labs report it when no pathogen grew. Any other
 *   flora ("mixed", "skin", "urogenital") suggests contamination and is unknown.
 */

export type PresenceReading = 'detected' | 'not-detected' | 'unknown';

const maxChars = 500;

/** Words that say the analyte was found. */
const found = new Set([
  'detected',
  'detect',
  'detects',
  'detectable',
  'positive',
  'pos',
  'present',
  'reactive',
  'isolated',
  'isolate',
  'isolates',
  'seen',
  'found',
  'identified',
  'grew',
  'grown',
  'growth',
  'observed',
  'visualized',
  'visualised',
  'recovered',
  'detectado',
  'detectada',
  'detectados',
  'detectadas',
  'detecta',
  'detectan',
  'detecto',
  'detectaron',
  'detectables',
  'positivo',
  'positiva',
  'positivos',
  'positivas',
  'presente',
  'presentes',
  'reactivo',
  'reactiva',
  'reactivos',
  'reactivas',
  'aislado',
  'aislada',
  'aislados',
  'aisladas',
  'aislo',
  'aislaron',
  'aislamiento',
  'crecimiento',
  'crecio',
  'crecieron',
  'desarrollo',
  'observa',
  'observan',
  'observo',
  'observaron',
  'observado',
  'observada',
  'observados',
  'observadas',
  'encontrado',
  'encontrada',
  'encontrados',
  'encontradas',
  'encontro',
  'encontraron',
  'identificado',
  'identificada',
  'identificados',
  'identificadas',
  'identifico',
  'identificaron',
]);

/** Dipstick and semi-quantitative grades: something was found. */
const grades = new Set([
  'trace',
  'small',
  'moderate',
  'large',
  '1+',
  '2+',
  '3+',
  '4+',
  'traza',
  'trazas',
  'indicios',
  'escaso',
  'escasa',
  'escasos',
  'escasas',
  'moderado',
  'moderada',
  'moderados',
  'moderadas',
  'abundante',
  'abundantes',
]);

/** Words that say the analyte was not found. */
const notFound = new Set([
  'negative',
  'neg',
  'absent',
  'nonreactive',
  'undetected',
  'undetectable',
  'nondetected',
  'nondetectable',
  'negativo',
  'negativa',
  'negativos',
  'negativas',
  'ausente',
  'ausentes',
  'indetectable',
  'indetectables',
  'noreactivo',
  'noreactiva',
]);

const negations = new Set([
  'no',
  'not',
  'none',
  'without',
  'non',
  'neither',
  'never',
  'nothing',
  'absence',
  'lack',
  'sin',
  'ningun',
  'ninguno',
  'ninguna',
  'ningunos',
  'ningunas',
  'nada',
  'nunca',
  'ausencia',
  'tampoco',
]);

/** "nor"/"ni" continue a negation ("No se detectó A ni B"); alone they start one ("Ni A ni B detectados"). */
const continuations = new Set(['nor', 'ni']);

/** Start a new sentence: what follows is read on its own. */
const contrasts = new Set(['but', 'however', 'although', 'though', 'whereas', 'pero', 'aunque']);

/** Words that make the whole text unknown: hedges, failed or unfinished tests, pointers to text we do not have. */
const unsure = new Set([
  'indeterminate',
  'indeterminant',
  'undetermined',
  'indeterminado',
  'indeterminada',
  'equivocal',
  'equivoco',
  'equivoca',
  'inconclusive',
  'inconcluso',
  'inconclusa',
  'concluyente',
  'invalid',
  'invalido',
  'invalida',
  'borderline',
  'limitrofe',
  'zone',
  'zona',
  'ambiguous',
  'unclear',
  'uncertain',
  'incierto',
  'incierta',
  'intermediate',
  'intermedio',
  'pending',
  'pendiente',
  'pendientes',
  'preliminary',
  'prelim',
  'preliminar',
  'provisional',
  'progress',
  'proceso',
  'incubating',
  'follow',
  'far',
  'reflex',
  'reflexed',
  'confirmatory',
  'confirmation',
  'confirmacion',
  'confirmatoria',
  'confirmar',
  'rejected',
  'reject',
  'rechazado',
  'rechazada',
  'qns',
  'tnp',
  'insufficient',
  'insuficiente',
  'cancelled',
  'canceled',
  'cancelado',
  'cancelada',
  'unsatisfactory',
  'inadequate',
  'inadecuado',
  'inadecuada',
  'error',
  'errors',
  'unable',
  'unreadable',
  'uninterpretable',
  'interference',
  'interferencia',
  'hemolyzed',
  'hemolysed',
  'hemolizado',
  'hemolizada',
  'lipemic',
  'icteric',
  'clotted',
  'coagulado',
  'coagulada',
  'leaked',
  'expired',
  'mislabeled',
  'unlabeled',
  'contaminated',
  'contamination',
  'contaminant',
  'contaminants',
  'contaminado',
  'contaminada',
  'contaminacion',
  'mixed',
  'mixta',
  'mixto',
  'repeat',
  'repetir',
  'recollect',
  'redraw',
  'resubmit',
  'retest',
  'see',
  'ver',
  'comment',
  'comments',
  'comentario',
  'comentarios',
  'note',
  'notes',
  'nota',
  'notas',
  'refer',
  'corrected',
  'amended',
  'revised',
  'corregido',
  'corregida',
  'previously',
  'previamente',
  'unknown',
  'desconocido',
  'questionable',
  'dudoso',
  'dudosa',
  'possible',
  'possibly',
  'posible',
  'posiblemente',
  'probable',
  'probably',
  'probablemente',
  'likely',
  'unlikely',
  'suspect',
  'suspected',
  'suspicious',
  'sospechoso',
  'sospechosa',
  'sospecha',
  'suggest',
  'suggests',
  'suggestive',
  'suggested',
  'sugestivo',
  'sugestiva',
  'sugiere',
  'consistent',
  'compatible',
  'may',
  'might',
  'could',
  'puede',
  'podria',
  'cannot',
  'rule',
  'ruled',
  'if',
  'si',
  'unless',
  'false',
  'falso',
  'falsa',
  'except',
  'excepto',
  'salvo',
  // "ND" is "not detected" in some labs and "not done" in others; "NR" is "nonreactive" or "not reported".
  'nd',
  'nr',
]);

/** "Presumptive positive" is a positive; "presumptive negative" is unknown. */
const tentative = new Set(['presumptive', 'presumed', 'presuntivo', 'presuntiva', 'presunto', 'presunta']);

/** "Gram negative rods", "coagulase-negative staphylococci", "control positivo": a trait or a control, not a result. */
const traitBefore = new Set([
  'gram',
  'coagulase',
  'coagulasa',
  'catalase',
  'catalasa',
  'oxidase',
  'oxidasa',
  'lactose',
  'lactosa',
  'indole',
  'indol',
  'urease',
  'ureasa',
  'esbl',
  'lactamase',
  'lactamasa',
  'control',
]);
const traitAfter = new Set(['control', 'controls', 'ctrl', 'predictive', 'predictivo', 'predictiva']);
const positiveOrNegative = new Set([
  'positive',
  'pos',
  'negative',
  'neg',
  'positivo',
  'positiva',
  'positivos',
  'positivas',
  'negativo',
  'negativa',
  'negativos',
  'negativas',
]);

const flora = new Set(['flora', 'microbiota']);
const usualFlora = new Set(['normal', 'normales', 'habitual', 'usual', 'commensal', 'comensal']);
/** "Normal flora present/only": the word after the flora belongs to it. */
const floraTail = new Set(['present', 'presente', 'only', 'solamente', 'isolated', 'aislada', 'seen', 'identified', 'identificada']);

/** Always start reference text. */
const referenceWords = new Set(['ref', 'reference', 'referencia', 'referencias', 'vr']);
/** Start reference text when followed by ":" / "=" or by one of `referenceNouns` ("Normal range", "Expected result"). */
const referenceLeads = new Set(['normal', 'normales', 'expected', 'esperado', 'esperada', 'usual', 'habitual', 'deseable', 'range', 'rango']);
const referenceNouns = new Set(['range', 'ranges', 'interval', 'value', 'values', 'result', 'results', 'rango', 'intervalo', 'valor', 'valores', 'resultado']);

/**
 * Words that may appear in reference text ("Negative <0.9 index; Equivocal 0.9-1.1; Positive >1.1"). Any other word
 * there ("Flu B: Detected") may be a second result written after the reference, so the reading becomes unknown.
 */
const legendWords = new Set([
  ...referenceWords,
  ...referenceLeads,
  ...referenceNouns,
  'of',
  'de',
  'del',
  'la',
  'el',
  'los',
  'las',
  'r',
  'v',
  'to',
  'and',
  'or',
  'than',
  'less',
  'greater',
  'below',
  'above',
  'under',
  'over',
  'up',
  'from',
  'between',
  'equal',
  'hasta',
  'menor',
  'mayor',
  'menos',
  'mas',
  'que',
  'a',
  'y',
  'o',
  'entre',
  'desde',
  'inferior',
  'superior',
  'igual',
  'index',
  'indice',
  'ratio',
  'u',
  'ml',
  'iu',
  'ui',
  'mg',
  'dl',
  'l',
  'mmol',
  'umol',
  's',
  'co',
  'au',
  'units',
  'unidades',
  'cutoff',
  'cut',
  'off',
  'titer',
  'titre',
  'titulo',
  'copies',
  'copias',
  'cfu',
  'ufc',
  'numero',
  'equivocal',
  'equivoco',
  'indeterminate',
  'indeterminado',
  'borderline',
  'limitrofe',
  'inconclusive',
  'intermediate',
  'zone',
  'zona',
  'gray',
  'grey',
  'gris',
]);
const isLegendWord = (w: string) => legendWords.has(w) || found.has(w) || notFound.has(w) || grades.has(w) || negations.has(w) || /^[\d.,+]+$/.test(w);

/** Abbreviations whose dot does not end a sentence when a lowercase word follows ("Salmonella spp. isolated"). */
const abbreviations = new Set(['spp', 'sp', 'ssp', 'subsp', 'var']);

type Token = { kind: 'word'; word: string } | { kind: 'weak'; mark: string } | { kind: 'stop' | 'question' | 'open' | 'close' };

const letterOrDigit = /[\p{L}\p{N}]/u;
const combiningMarks = /[\u0300-\u036f]/g;

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLowerLetter = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const isUpperLetter = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let digitsOnly = true;
  let plusOnly = true;
  const flush = () => {
    if (word) tokens.push({ kind: 'word', word: word.toLowerCase() });
    word = '';
    digitsOnly = true;
    plusOnly = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (letterOrDigit.test(c)) {
      if (word.endsWith('+')) flush();
      word += c;
      digitsOnly &&= isDigit(c);
      plusOnly = false;
      continue;
    }
    if (c === "'" || c === '\u2019') {
      // "wasn't", "isn’t"
      if (word && letterOrDigit.test(next)) {
        word += "'";
        digitsOnly = plusOnly = false;
      } else flush();
      continue;
    }
    if (c === '+') {
      // "1+" and "++" are grades; a plus joined to a letter ("Influenza A+B") only joins names.
      if (!word || (digitsOnly && !word.endsWith('+')) || plusOnly) word += c;
      else flush();
      continue;
    }
    if (c === '.') {
      const prev = text[i - 1] ?? '';
      const after = text[i + 2] ?? '';
      if (isDigit(prev) && isDigit(next)) {
        word += c;
        digitsOnly = false;
        continue;
      }
      // "E. coli", "S. aureus", "spp. isolated": not the end of a sentence.
      const initial = word.length === 1 && isUpperLetter(word);
      if (next === ' ' && isLowerLetter(after) && (initial || abbreviations.has(word.toLowerCase()))) {
        flush();
        continue;
      }
      // "No. 12": a number sign, not a negation.
      if (word.toLowerCase() === 'no' && (isDigit(next) || (next === ' ' && isDigit(after)))) {
        word = '';
        digitsOnly = plusOnly = true;
        tokens.push({ kind: 'word', word: 'numero' });
        continue;
      }
      flush();
      tokens.push({ kind: 'stop' });
      continue;
    }
    flush();
    if (c === ';' || c === '!' || c === '\n' || c === '\r' || c === '|' || c === '\u2022') tokens.push({ kind: 'stop' });
    else if (c === '?' || c === '\u00bf') tokens.push({ kind: 'question' });
    else if (c === ',' || c === ':' || c === '=') tokens.push({ kind: 'weak', mark: c });
    else if (c === '(' || c === '[' || c === '{') tokens.push({ kind: 'open' });
    else if (c === ')' || c === ']' || c === '}') tokens.push({ kind: 'close' });
  }
  flush();
  return tokens;
}

const wordAt = (tokens: Token[], i: number): string | undefined => {
  const t = tokens[i];
  return t?.kind === 'word' ? t.word : undefined;
};

function startsReference(tokens: Token[], i: number, word: string): boolean {
  if (referenceWords.has(word)) return true;
  // "V.R." (valor de referencia)
  if (word === 'v' && tokens[i + 1]?.kind === 'stop' && wordAt(tokens, i + 2) === 'r') return true;
  if (!referenceLeads.has(word)) return false;
  const next = tokens[i + 1];
  if (next?.kind === 'weak') return next.mark === ':' || next.mark === '=';
  return next?.kind === 'word' && referenceNouns.has(next.word);
}

/** How a lab's free-text qualitative result reads: detected, not detected, or unknown when it is ambiguous. */
export function readPresenceText(text: string): PresenceReading {
  if (typeof text !== 'string') return 'unknown';
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > maxChars) return 'unknown';
  const tokens = tokenize(trimmed.normalize('NFD').replace(combiningMarks, ''));

  let sawFound = false;
  let sawNotFound = false;
  let doubt = false;

  let depth = 0;
  let skipFrom = -1; // bracket depth where reference text began; -1 while reading
  let cues = 0; // negations since the last finding in this sentence
  let cueJustSeen = false;
  let lastWasAbsence = false;
  let hedged = false;
  let sentence: string[] = [];
  let absorbTail = false;

  const endSentence = () => {
    if (cues > 0) doubt = true; // a negation that governs nothing: "Detected: No", "Test not performed"
    cues = 0;
    cueJustSeen = false;
    lastWasAbsence = false;
    hedged = false;
    sentence = [];
    absorbTail = false;
  };
  const finding = (kind: 'found' | 'not-found') => {
    const negated = cues > 0;
    if (cues > 1 || (kind === 'not-found' && negated)) doubt = true; // "not non-reactive", "not negative"
    const absent = kind === 'not-found' || negated;
    if (absent && hedged) doubt = true; // "presumptive negative"
    if (absent) sawNotFound = true;
    else sawFound = true;
    lastWasAbsence = absent;
    cues = 0;
  };

  for (let i = 0; i < tokens.length && !doubt; i++) {
    const tok = tokens[i];
    if (!tok) break;
    if (skipFrom >= 0) {
      if (tok.kind === 'word' && !isLegendWord(tok.word)) doubt = true;
      else if (tok.kind === 'open') depth++;
      else if (tok.kind === 'close') {
        if (skipFrom > 0 && depth === skipFrom) skipFrom = -1;
        depth = Math.max(0, depth - 1);
      }
      continue;
    }
    // A negation followed by a comma or a closing bracket governs nothing: "No, detected".
    if (cueJustSeen && (tok.kind === 'weak' || tok.kind === 'close')) doubt = true;
    cueJustSeen = false;
    if (tok.kind === 'question') doubt = true;
    else if (tok.kind === 'stop') endSentence();
    else if (tok.kind === 'open') depth++;
    else if (tok.kind === 'close') depth = Math.max(0, depth - 1);
    if (tok.kind !== 'word') continue;

    const w = tok.word;
    const next = wordAt(tokens, i + 1);
    if (startsReference(tokens, i, w)) {
      endSentence();
      skipFrom = depth;
      continue;
    }
    if (contrasts.has(w) || (w === 'sin' && next === 'embargo') || (w === 'no' && next === 'obstante')) {
      endSentence();
      if (w === 'sin' || w === 'no') i++;
      continue;
    }
    if (unsure.has(w) || (w === 'date' && wordAt(tokens, i - 1) === 'to')) {
      doubt = true;
      continue;
    }
    const tail = absorbTail;
    absorbTail = false;
    sentence.push(w);
    if (tail && floraTail.has(w)) continue;
    if (tentative.has(w)) {
      hedged = true;
      continue;
    }
    if (continuations.has(w) && (cues > 0 || lastWasAbsence)) continue;
    if (negations.has(w) || continuations.has(w) || w.endsWith("n't")) {
      cues++;
      cueJustSeen = true;
      continue;
    }
    if (flora.has(w)) {
      const before = sentence.slice(-4, -1);
      if (!before.some((b) => usualFlora.has(b)) && !(next !== undefined && usualFlora.has(next))) {
        doubt = true; // mixed, skin or urogenital flora: possible contamination
        continue;
      }
      finding('not-found');
      absorbTail = true;
      continue;
    }
    if (positiveOrNegative.has(w) && (traitBefore.has(wordAt(tokens, i - 1) ?? '') || traitAfter.has(next ?? ''))) continue;
    if (found.has(w) || grades.has(w) || w.startsWith('+')) finding('found');
    else if (notFound.has(w)) finding('not-found');
  }
  if (skipFrom < 0) endSentence();

  if (doubt || sawFound === sawNotFound) return 'unknown';
  return sawFound ? 'detected' : 'not-detected';
}

/**
 * Answer codes seen as Observation.valueCodeableConcept in real feeds. Sources: SNOMED CT qualifiers from the WHO DDCC
 * and CDC/APHL COVID-19 value sets (WorldHealthOrganization/ddcc, logicahealth/covid-19) and the German MII lab module
 * (medizininformatik-initiative/kernddatensatzmodul-labor); LOINC answers from LOINC answer lists LL1055-4
 * (detected / not detected / equivocal / inconclusive / specimen unsatisfactory), LL2206-2 (negative / borderline /
 * positive / strong positive), LL733-7 (urine strip: negative, trace, small, moderate, large), LL1971-2 (present /
 * absent), reactive / nonreactive / invalid answers used in HIV rapid-test IGs; HL7 v3 ObservationInterpretation
 * detection codes, which some feeds (e.g. SMART Cumulus COVID PCR mappings) send as the value itself.
 */
const codeReadings = new Map<string, PresenceReading>([
  // SNOMED CT
  ['260373001', 'detected'], // Detected
  ['10828004', 'detected'], // Positive
  ['52101004', 'detected'], // Present
  ['11214006', 'detected'], // Reactive
  ['720735008', 'detected'], // Presumptive positive (see the note at the top)
  ['260405006', 'detected'], // Trace
  ['260347006', 'detected'], // +
  ['260348001', 'detected'], // ++
  ['260349009', 'detected'], // +++
  ['260350009', 'detected'], // ++++
  ['260415000', 'not-detected'], // Not detected
  ['260385009', 'not-detected'], // Negative
  ['2667000', 'not-detected'], // Absent
  ['131194007', 'not-detected'], // Non-reactive
  ['410594000', 'not-detected'], // Definitely NOT present
  ['42425007', 'unknown'], // Equivocal
  ['419984006', 'unknown'], // Inconclusive
  ['82334004', 'unknown'], // Indeterminate
  ['280416009', 'unknown'], // Indeterminate result
  ['455371000124106', 'unknown'], // Invalid result
  ['125154007', 'unknown'], // Specimen unsatisfactory for evaluation
  ['415684004', 'unknown'], // Suspected
  // LOINC answers
  ['LA11882-0', 'detected'], // Detected
  ['LA6576-8', 'detected'], // Positive
  ['LA18996-1', 'detected'], // Strong positive
  ['LA9633-4', 'detected'], // Present
  ['LA15255-5', 'detected'], // Reactive
  ['LA11832-5', 'detected'], // Trace
  ['LA8983-4', 'detected'], // Small
  ['LA6751-7', 'detected'], // Moderate
  ['LA8981-8', 'detected'], // Large
  ['LA11841-6', 'detected'], // 1+
  ['LA11842-4', 'detected'], // 2+
  ['LA11843-2', 'detected'], // 3+
  ['LA11844-0', 'detected'], // 4+
  ['LA11883-8', 'not-detected'], // Not detected
  ['LA6577-6', 'not-detected'], // Negative
  ['LA9634-2', 'not-detected'], // Absent
  ['LA15256-3', 'not-detected'], // Nonreactive
  ['LA11884-6', 'unknown'], // Indeterminate
  ['LA11885-3', 'unknown'], // Equivocal
  ['LA9663-1', 'unknown'], // Inconclusive
  ['LA4259-3', 'unknown'], // Borderline
  ['LA15841-2', 'unknown'], // Invalid
  ['LA13548-5', 'unknown'], // Specimen unsatisfactory for evaluation
  // HL7 v3 ObservationInterpretation (detection)
  ['POS', 'detected'],
  ['DET', 'detected'],
  ['NEG', 'not-detected'],
  ['ND', 'not-detected'],
  ['IND', 'unknown'],
  ['E', 'unknown'],
]);

/** The same for SNOMED CT / HL7 v3 / LOINC answer codes (valueCodeableConcept.coding[].code); undefined if no code is known. */
export function readPresenceCode(code: string): PresenceReading | undefined {
  if (typeof code !== 'string') return undefined;
  return codeReadings.get(code.trim().toUpperCase());
}
