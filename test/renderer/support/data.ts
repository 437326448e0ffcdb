import type { CallerLookup, CallerMatch, Contact, PatientSummary, Script, TimelineEvent } from '../../../preload/contract';

/** Synthetic patients and records for renderer tests (no real PHI). */
export function patient(id: string, name: string, more: Partial<PatientSummary> = {}): PatientSummary {
  return {
    id,
    name,
    birthDate: '1961-04-02',
    gender: 'female',
    mrn: `MRN-${id}`,
    phone: '+15551230001',
    language: 'en',
    active: true,
    deceased: null,
    mergedInto: null,
    phones: [],
    source: 'local files',
    linked: [],
    ...more,
  };
}

export function match(p: PatientSummary, more: Partial<CallerMatch> = {}): CallerMatch {
  return { patient: p, phoneUse: 'mobile', lastContactAt: null, via: 'own', viaLabel: null, mergedFrom: null, autoSelect: true, ...more };
}

export const lookup = (e164: string, matches: CallerMatch[]): CallerLookup => ({ e164, matches });

export function contact(id: string, patientId: string | null, more: Partial<Contact> = {}): Contact {
  const at = '2026-12-01T10:00:00.000Z';
  return {
    id,
    patientId,
    channel: 'call',
    startedAt: at,
    updatedAt: at,
    scripts: [],
    call: null,
    identity: null,
    disposition: null,
    notes: '',
    callback: null,
    closedAt: null,
    ...more,
  };
}

export function resultEvent(id: number, patientId: string, sourceId: string, title: string): TimelineEvent {
  return {
    id,
    patientId,
    at: '2026-11-20T09:00:00.000Z',
    localDate: '2026-11-20',
    precision: 'time',
    tz: null,
    kind: 'result',
    title,
    status: 'final',
    source: { type: 'Observation', id: sourceId },
    value: '5.4',
    unit: 'mmol/L',
    interpretation: null,
    flag: 'normal',
    amount: null,
    detail: null,
  };
}

export function script(patientId: string, sourceId: string, title: string, language: 'en' | 'es' = 'en'): Script {
  return {
    patientId,
    source: { type: 'Observation', id: sourceId },
    kind: 'result',
    title,
    language,
    preferredLanguage: 'en',
    safety: 'explain',
    safetyNote: null,
    steps: (['verify', 'context', 'explain', 'next-steps', 'teach-back', 'close'] as const).map((id) => ({
      id,
      lines: [{ text: `${title}: ${id} (${language})`, say: true }],
    })),
    bill: null,
    readability: { language, index: 'flesch-kincaid-grade', score: 5, label: 'grade 5', passes: true, bar: 'grade 6' },
  };
}
