import type { CallFacts } from '../../../preload/contract';
import { durations, type CallState } from './callMachine';

/** What the contact records about the call: its SID, direction, number, how it ended and its timers. */
export function callFacts(state: CallState, training: boolean, now: number): CallFacts | null {
  const c = state.call;
  if (!c) return null;
  const d = durations(state, now);
  return {
    callSid: c.callSid,
    direction: c.direction,
    number: c.direction === 'inbound' ? c.from : c.to,
    training,
    endReason: state.endReason,
    ringMs: Math.round(d.ringMs),
    talkMs: Math.round(d.talkMs),
    holdMs: Math.round(d.holdMs),
    wrapUpMs: Math.round(d.wrapUpMs),
  };
}
