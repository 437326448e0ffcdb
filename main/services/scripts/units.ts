/** Linear conversions between UCUM units we see for the same measure (value in `from` → value in `to`). */
const conversions: { from: string; to: string; f: (v: number) => number }[] = [
  { from: '[degF]', to: 'Cel', f: (v) => ((v - 32) * 5) / 9 },
  { from: 'Cel', to: '[degF]', f: (v) => (v * 9) / 5 + 32 },
  { from: '[lb_av]', to: 'kg', f: (v) => v * 0.45359237 },
  { from: 'kg', to: '[lb_av]', f: (v) => v / 0.45359237 },
  { from: '[in_i]', to: 'cm', f: (v) => v * 2.54 },
  { from: 'cm', to: '[in_i]', f: (v) => v / 2.54 },
];

/** Spellings of the same UCUM unit that labs send as the human-readable `unit`. */
const synonyms: Record<string, string> = {
  'mmhg': 'mm[Hg]',
  'beats/min': '/min',
  'breaths/min': '/min',
  '{beats}/min': '/min',
  '{breaths}/min': '/min',
  'degf': '[degF]',
  '°f': '[degF]',
  'degc': 'Cel',
  '°c': 'Cel',
  'lb': '[lb_av]',
  'lbs': '[lb_av]',
  'in': '[in_i]',
  'miu/l': 'm[IU]/L',
  'uiu/ml': 'm[IU]/L',
  'ml/min/1.73m2': 'mL/min/{1.73_m2}',
  'ml/min/{1.73_m2}': 'mL/min/{1.73_m2}',
  'ph': '[pH]',
  'k/ul': '10*3/uL',
  'm/ul': '10*6/uL',
};

export function canonicalUnit(unit: string | undefined): string | undefined {
  if (!unit) return undefined;
  return synonyms[unit.trim().toLowerCase()] ?? unit.trim();
}

/** A function taking a value in `from` to `to`, or undefined when we do not know how (never guess). */
export function converter(from: string | undefined, to: string): ((v: number) => number) | undefined {
  const a = canonicalUnit(from);
  if (a === undefined) return undefined;
  if (a === to || a.toLowerCase() === to.toLowerCase()) return (v) => v;
  return conversions.find((c) => c.from === a && c.to === to)?.f;
}

/** How a UCUM code reads on screen and aloud when the record gives no human-readable unit of its own. */
const shown: Record<string, string> = {
  '10*3/uL': '×10³/µL',
  '10*6/uL': '×10⁶/µL',
  'm[IU]/L': 'mIU/L',
  'mm[Hg]': 'mmHg',
  '[degF]': '°F',
  Cel: '°C',
  '[lb_av]': 'lb',
  '[in_i]': 'in',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  '{beats}/min': 'beats/min',
  '{breaths}/min': 'breaths/min',
  '[pH]': '',
  '1': '',
};

export function displayUnit(unit: string): string {
  return shown[unit] ?? unit;
}
