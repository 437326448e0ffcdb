export const en = {
  app: {
    title: 'Ambassador Desk',
    loading: 'Starting Ambassador Desk…',
    unreachable: 'Ambassador Desk cannot reach its local service: {{error}}',
    disconnected: 'Connection to the local service lost. Reconnecting…',
    dismiss: 'Dismiss',
    notices: 'Messages from the app',
  },
  regions: {
    softphone: 'Softphone',
    patientHeader: 'Patient',
    timeline: 'Timeline',
    scriptPanel: 'Explanation script',
    wrapUp: 'Wrap-up',
    status: 'Status',
  },
  softphone: {
    training: 'TRAINING',
    trainingHint: 'No telephony is configured: practice calls will use the local data.',
    live: 'Telephony: {{endpoint}}',
  },
  search: {
    label: 'Find a patient',
    placeholder: 'Name, date of birth (YYYY-MM-DD) or MRN',
    shortcut: 'Ctrl+K',
    searching: 'Searching…',
    none: 'No patient matches “{{query}}”.',
    count_one: '{{count}} patient found',
    count_other: '{{count}} patients found',
    results: 'Search results',
    born: 'Born {{date}}',
    mrn: 'MRN {{mrn}}',
    failed: 'Search failed: {{error}}',
  },
  patient: {
    none: 'No patient selected. Search for a patient, or take a call.',
    born: 'Date of birth',
    mrn: 'MRN',
    phone: 'Phone',
    language: 'Language',
    gender: 'Sex',
    unknown: 'Not recorded',
    clear: 'Close patient',
  },
  timeline: {
    empty: 'The patient’s encounters, results, bills and earlier contacts will appear here.',
    selectFirst: 'Select a patient to see their timeline.',
  },
  script: {
    empty: 'Select a result or a bill in the timeline to open a plain-language script.',
  },
  wrapUp: {
    empty: 'Disposition, notes and callbacks for the current contact will be recorded here.',
  },
  settings: {
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    language: 'Language',
    saveFailed: 'Could not save the setting: {{error}}',
  },
  status: {
    mode: 'Mode',
    modeElectron: 'Desktop',
    modeHost: 'Browser host',
    data: 'Data folder',
    schema: 'Cache schema v{{version}}, encrypted',
    version: 'Version {{version}}',
  },
};

export type Strings = typeof en;
