import type { CallPhase } from './callMachine';

/**
 * What each call phase means for the rest of the desk, defined once beside the call machine:
 * - in a session: a call has started and its wrap-up is not finished (anything but idle);
 * - live: the call itself is not over (ringing, dialing, connecting, on the line) — the identity gate applies;
 * - on the line: connected to the caller (talking, on hold, or reconnecting to them);
 * - endable: the agent can hang up (a ringing call is declined instead).
 */
export const isInCallSession = (phase: CallPhase): boolean => phase !== 'idle';
export const isLive = (phase: CallPhase): boolean => phase !== 'idle' && phase !== 'wrap-up';
export const isOnTheLine = (phase: CallPhase): boolean => phase === 'active' || phase === 'on-hold' || phase === 'reconnecting';
export const isEndable = (phase: CallPhase): boolean => isLive(phase) && phase !== 'ringing';
