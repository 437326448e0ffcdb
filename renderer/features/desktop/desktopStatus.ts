import { isLive } from '../softphone/callPhases';
import type { DesktopCallStatus } from '../../../preload/contract';
import type { CallPhase } from '../softphone/callMachine';

export interface DesktopStatusInput {
  phase: CallPhase;
  /** The ringing call's number (its `from`); ignored in other phases. */
  number: string;
  registered: boolean;
  lookupStatus: 'idle' | 'loading' | 'done' | 'failed';
  /** How many cached patients have the number (the screen-pop lookup). */
  matches: number;
}

/**
 * What the tray and the incoming-call notification show for the softphone's state. `settled` is false while a call
 * rings and the screen-pop lookup has not answered yet: whether the caller is a known patient is not known, so the
 * caller waits briefly for it rather than notifying twice. Only the number and known/unknown, never a name.
 */
export function deriveDesktopStatus(input: DesktopStatusInput): { report: DesktopCallStatus; settled: boolean } {
  if (input.phase === 'ringing') {
    const settled = input.lookupStatus === 'done' || input.lookupStatus === 'failed';
    const knownPatient = input.lookupStatus === 'done' && input.matches >= 1;
    return { report: { status: 'ringing', caller: { number: input.number, knownPatient } }, settled };
  }
  if (isLive(input.phase)) return { report: { status: 'on-call', caller: null }, settled: true };
  if (input.phase === 'wrap-up') return { report: { status: 'wrap-up', caller: null }, settled: true };
  return { report: { status: input.registered ? 'available' : 'offline', caller: null }, settled: true };
}
