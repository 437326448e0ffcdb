/** How a UCUM code reads on screen when the record gives no human-readable unit of its own. */
const shown = new Map<string, string>(
  Object.entries({
    '10*3/uL': '×10³/µL',
    '10*6/uL': '×10⁶/µL',
    '10*9/L': '×10⁹/L',
    '10*12/L': '×10¹²/L',
    '/uL': '/µL',
    'm[IU]/L': 'mIU/L',
    'm[IU]/mL': 'mIU/mL',
    'u[IU]/mL': 'µIU/mL',
    '[IU]/L': 'IU/L',
    'meq/L': 'mEq/L',
    'umol/L': 'µmol/L',
    'ug/dL': 'µg/dL',
    'ug/L': 'µg/L',
    'ukat/L': 'µkat/L',
    'mm[Hg]': 'mmHg',
    '[degF]': '°F',
    Cel: '°C',
    '[lb_av]': 'lb',
    '[in_i]': 'in',
    'kg/m2': 'kg/m²',
    'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
    '{beats}/min': 'beats/min',
    '{breaths}/min': 'breaths/min',
    '[pH]': '',
    '1': '',
    '{ratio}': '',
    '{INR}': '',
  }),
);

export function displayUnit(unit: string): string {
  return shown.get(unit) ?? unit;
}
