import type { CallerLookup, CallerMatch } from '../../../preload/contract';

/**
 * The match the desk takes as the caller without asking: only when it is the one candidate and main says it may be
 * (the patient's own number, living, on a record in use). Anything else the agent chooses.
 */
export function autoPickedMatch(lookup: CallerLookup | null | undefined): CallerMatch | undefined {
  const only = lookup?.matches.length === 1 ? lookup.matches[0] : undefined;
  return only?.autoSelect ? only : undefined;
}
