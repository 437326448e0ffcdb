/**
 * Statuses that change what an event means, shown as a badge next to its title rather than in the row's small print:
 * `stop` when it did not happen or was withdrawn, `note` when it is not the settled, final state.
 */
const stop = new Set(['cancelled', 'refuted', 'not-done', 'stopped', 'noshow', 'revoked', 'error']);
const note = new Set([
  'preliminary',
  'registered',
  'partial',
  'amended',
  'corrected',
  'appended',
  'inactive',
  'resolved',
  'remission',
  'recurrence',
  'relapse',
  'unconfirmed',
  'provisional',
  'differential',
  'on-hold',
  'draft',
  'planned',
  'proposed',
  'pending',
  'waitlist',
  'requested',
]);

export function statusBadge(status: string | null): 'stop' | 'note' | null {
  if (!status) return null;
  return stop.has(status) ? 'stop' : note.has(status) ? 'note' : null;
}

/** The i18n key of a status; statuses we have no words for are shown as the source wrote them. */
export const statusKey = (status: string) => `timeline.statusName.${status}`;
