import type { EventKind } from '../../../preload/contract';

/** Filter groups the agent thinks in; each maps to one or more event kinds. */
export const filterGroups = [
  { id: 'visits', kinds: ['encounter', 'appointment'] },
  { id: 'results', kinds: ['result', 'report'] },
  { id: 'conditions', kinds: ['condition', 'allergy', 'careplan'] },
  { id: 'medications', kinds: ['medication', 'immunization'] },
  { id: 'procedures', kinds: ['procedure'] },
  { id: 'bills', kinds: ['claim', 'eob', 'coverage'] },
  { id: 'contacts', kinds: ['contact'] },
] as const satisfies readonly { id: string; kinds: readonly EventKind[] }[];
export type FilterGroupId = (typeof filterGroups)[number]['id'];

/** A short glyph per kind, drawn as a coloured badge (no icon font or emoji needed). */
export const kindGlyph: Record<EventKind, string> = {
  encounter: 'V',
  appointment: 'Ap',
  result: 'Lab',
  report: 'Rpt',
  condition: 'Dx',
  allergy: 'Al',
  careplan: 'CP',
  medication: 'Rx',
  immunization: 'Vx',
  procedure: 'Pr',
  claim: '$',
  eob: 'EOB',
  coverage: 'Ins',
  contact: 'Ct',
};

export function kindsFor(groups: readonly FilterGroupId[]): EventKind[] {
  return filterGroups.filter((g) => groups.includes(g.id)).flatMap((g) => [...g.kinds]);
}
