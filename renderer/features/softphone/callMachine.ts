/**
 * The desk's call-state machine: what provider events (voice/types.ts) and agent intents mean for the desk.
 * Pure functions on plain, serialisable data, so a Redux slice can hold the state. Nothing here throws; an input
 * that does not fit is refused, and a refusal returns the very same state object with a reason in plain English.
 *
 * Phases
 *   idle          no call.
 *   ringing       an inbound call is offered to the agent.
 *   dialing       an outbound call has been placed; the far end is not ringing yet.
 *   connecting    waiting for audio: inbound, the agent has answered; outbound, the far end is ringing.
 *   active        audio connected.
 *   on-hold       the caller is on hold.
 *   reconnecting  signalling or media dropped during active/on-hold; returns to where it was, or ends as dropped.
 *   wrap-up       the call has ended (endReason says how); the agent records it. Only wrapUpDone leaves it.
 *
 * Transitions ("→ W:x" is wrap-up with endReason x; "=" is accepted but changes nothing and returns the same object;
 * every cell not listed is refused). Events naming a call id must name the current call, or they are refused as
 * stale; commands may name one (callId) for the same check.
 *
 *   from          input                        to
 *   idle          incoming                     ringing            (ringStartedAt)
 *   idle          dial                         dialing            (ringStartedAt: ring time covers the far end too)
 *   ringing       accept                       connecting
 *   ringing       accepted                     active             (answered elsewhere or auto-answer)
 *   ringing       reject | rejected            W:rejected  (local)
 *   ringing       cancelled | ringTimeout      W:missed    (cancelled: remote; ringTimeout: local)
 *   ringing       disconnected                 W:rejected (by local) | W:missed (by remote)
 *   dialing       ringing                      connecting
 *   dialing|connecting  accepted               active             (answeredAt; callSid from the event if given)
 *   connecting    cancelled (inbound only)     W:missed    (remote)
 *   dialing|connecting  disconnected local, hangUp   W:completed (local)
 *   dialing|connecting  disconnected remote    W:failed (outbound: no answer, busy) | W:missed (inbound)
 *   ringing|dialing|connecting  failed         W:failed
 *   active        hold                         on-hold            (holdStartedAt)
 *   on-hold       resume                       active             (holdMs += this hold)
 *   active|on-hold  hangUp                     W:completed (local)
 *   active|on-hold  disconnected               W:completed (by the event's side)
 *   active|on-hold  transferred (cold|warm)    W:transferred (local)
 *   active|on-hold  reconnecting               reconnecting       (reconnectingFrom; lastError)
 *   active|on-hold|reconnecting  failed        W:dropped
 *   active|on-hold|reconnecting  mute | unmute same phase (refused when already in that state)
 *   reconnecting  reconnecting                 reconnecting       (lastError updated: media and signalling may both report)
 *   reconnecting  reconnected                  reconnectingFrom   (active or on-hold; a hold keeps counting)
 *   reconnecting  disconnected | hangUp        W:dropped   (by the event's side / local)
 *   wrap-up       cancelled|rejected|disconnected|failed   =  (late news of the end of the call that has ended)
 *   wrap-up       transferred                  W:transferred, only when it ended as completed by local: a cold
 *                                              transfer drops the agent's leg, and that news may arrive first
 *   wrap-up       wrapUpDone                   idle               (everything reset to initialCallState)
 *   any phase     registered | unregistered    =
 *   any call      quality                      =   (refused in idle: there is no call to report on)
 *   any phase     error                        same phase, lastError set
 *   not idle      incoming                     refused: the desk is busy; the provider keeps offering it elsewhere
 *
 * Entering wrap-up sets endedAt and wrapUpStartedAt, closes an open hold, clears mute and reconnectingFrom, and
 * records endedBy (who hung up: 'local' is this desk, 'remote' the caller or far end; null when the connection
 * failed). A new call starts from a clean state (no lastError from before).
 *
 * Timers are epoch milliseconds from the caller's clock (`now`). wrapUpEndedAt is part of the shape for callers that
 * want to stamp it, but wrapUpDone resets everything, so compute final figures with durations(stateBeforeDone, now).
 */
import type { CallEndReason } from '../../../preload/contract';
import type { CallInfo, VoiceError, VoiceEvent } from './voice/types';

export type CallPhase = 'idle' | 'ringing' | 'dialing' | 'connecting' | 'active' | 'on-hold' | 'reconnecting' | 'wrap-up';

export type EndReason = CallEndReason;

/** Who hung up: this desk (the agent) or the caller / far end. */
export type EndedBy = 'local' | 'remote';

/** Optional on commands about the current call: when given, it must be the current call's id (stale-click guard). */
interface ForCall {
  callId?: string;
}

/** What the agent (or the desk on the agent's behalf) intends. */
export type CallCommand =
  | ({ type: 'accept' } & ForCall)
  | ({ type: 'reject' } & ForCall)
  /** An outbound call the provider has placed (its CallInfo), */
  | { type: 'dial'; call: CallInfo }
  /** …or one being placed, when the provider has not given it an id yet: the first event naming a call adopts its id. */
  | { type: 'dial'; to: string; from?: string; callId?: string }
  | ({ type: 'hangUp' } & ForCall)
  | ({ type: 'hold' } & ForCall)
  | ({ type: 'resume' } & ForCall)
  | ({ type: 'mute' } & ForCall)
  | ({ type: 'unmute' } & ForCall)
  /** The transfer has completed and the agent's leg is released (cold: at once; warm: after the introduction). */
  | ({ type: 'transferred'; mode?: 'cold' | 'warm' } & ForCall)
  | ({ type: 'wrapUpDone' } & ForCall)
  /** The desk stopped offering an unanswered inbound call. */
  | ({ type: 'ringTimeout' } & ForCall);

export type MachineInput = { kind: 'provider'; event: VoiceEvent } | { kind: 'agent'; command: CallCommand };

export interface CallTimers {
  ringStartedAt: number | null;
  answeredAt: number | null;
  holdStartedAt: number | null;
  /** Closed holds only; an open hold is added by durations(). */
  holdMs: number;
  endedAt: number | null;
  wrapUpStartedAt: number | null;
  wrapUpEndedAt: number | null;
}

export interface CallState {
  phase: CallPhase;
  call: CallInfo | null;
  endReason: EndReason | null;
  /** Set with endReason (see EndedBy); null while the call lasts, and when the connection failed. */
  endedBy: EndedBy | null;
  muted: boolean;
  reconnectingFrom: 'active' | 'on-hold' | null;
  timers: CallTimers;
  lastError: VoiceError | null;
}

export const initialCallState: CallState = {
  phase: 'idle',
  call: null,
  endReason: null,
  endedBy: null,
  muted: false,
  reconnectingFrom: null,
  timers: { ringStartedAt: null, answeredAt: null, holdStartedAt: null, holdMs: 0, endedAt: null, wrapUpStartedAt: null, wrapUpEndedAt: null },
  lastError: null,
};

export type Transition = { ok: true; state: CallState } | { ok: false; state: CallState; error: string };

/** A successful step is the next state; a refusal is its reason. */
type Step = CallState | string;

export function transition(state: CallState, input: MachineInput, now: number): Transition {
  try {
    const step = !Number.isFinite(now)
      ? 'The time given for this change is not a valid time.'
      : input?.kind === 'provider' && input.event && typeof input.event === 'object'
        ? onEvent(state, input.event, now)
        : input?.kind === 'agent' && input.command && typeof input.command === 'object'
          ? onCommand(state, input.command, now)
          : 'Ignored an input the call machine does not recognise.';
    return typeof step === 'string' ? { ok: false, state, error: step } : { ok: true, state: step };
  } catch (error) {
    // Only malformed input (from outside the type system) can get here.
    return { ok: false, state, error: `Ignored an input the call machine could not read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** Ring, talk (excluding hold), hold and wrap-up time so far, in milliseconds; never negative. */
export function durations(state: CallState, now: number): { ringMs: number; talkMs: number; holdMs: number; wrapUpMs: number } {
  const t = state.timers;
  const end = t.endedAt ?? now;
  const span = (from: number | null, to: number) => (from === null ? 0 : Math.max(0, to - from));
  const holdMs = t.holdMs + span(t.holdStartedAt, end);
  return {
    ringMs: span(t.ringStartedAt, t.answeredAt ?? end),
    talkMs: t.answeredAt === null ? 0 : Math.max(0, span(t.answeredAt, end) - holdMs),
    holdMs,
    wrapUpMs: span(t.wrapUpStartedAt, t.wrapUpEndedAt ?? now),
  };
}

// ---- Plain-English descriptions (shown in the agent's log panel) ----

const phaseWords: Record<CallPhase, string> = {
  idle: 'no call is in progress',
  ringing: 'a call is ringing',
  dialing: 'a call is being dialled',
  connecting: 'a call is connecting',
  active: 'a call is in progress',
  'on-hold': 'the call is on hold',
  reconnecting: 'the call is reconnecting',
  'wrap-up': 'the call has ended and is in wrap-up',
};

/** The current situation as a clause: "a call is ringing". */
export function describePhase(phase: CallPhase): string {
  return phaseWords[phase] ?? 'the call is in an unknown state';
}

const commandWords: Record<CallCommand['type'], string> = {
  accept: 'Answering',
  reject: 'Declining',
  dial: 'Dialling',
  hangUp: 'Hanging up',
  hold: 'Putting the call on hold',
  resume: 'Taking the call off hold',
  mute: 'Muting',
  unmute: 'Unmuting',
  transferred: 'Completing a transfer',
  wrapUpDone: 'Finishing wrap-up',
  ringTimeout: 'Marking an unanswered call as missed',
};

const eventWords: Record<VoiceEvent['type'], string> = {
  registered: 'the phone line coming online',
  unregistered: 'the phone line going offline',
  incoming: 'a new call',
  cancelled: 'the caller hanging up before an answer',
  ringing: 'the other phone ringing',
  accepted: 'the call being answered',
  rejected: 'the call being declined',
  disconnected: 'the call ending',
  reconnecting: 'the call reconnecting',
  reconnected: 'the call being reconnected',
  failed: 'a call failure',
  quality: 'a call-quality report',
  error: 'a phone error',
};

/** What an input is, in words: "Putting the call on hold", "the caller hanging up before an answer". */
export function describeInput(input: MachineInput): string {
  if (input.kind === 'agent') return commandWords[input.command.type] ?? 'An unknown action';
  if (input.event.type === 'incoming') return `a new call from ${input.event.call.from || 'an unknown number'}`;
  return eventWords[input.event.type] ?? 'an unknown phone event';
}

/**
 * Why an input does not fit the current phase, in plain English:
 * "Putting the call on hold is not possible while a call is ringing." /
 * "Ignored the other phone ringing because a call is in progress."
 */
export function describeRefusal(input: MachineInput, phase: CallPhase, hint?: string): string {
  const base =
    input.kind === 'agent'
      ? `${describeInput(input)} is not possible while ${describePhase(phase)}.`
      : `Ignored ${describeInput(input)} because ${describePhase(phase)}.`;
  return hint ? `${base} ${hint}` : base;
}

// ---- The machine ----

const live = (p: CallPhase): p is 'active' | 'on-hold' | 'reconnecting' => p === 'active' || p === 'on-hold' || p === 'reconnecting';
const preAnswer = (p: CallPhase): p is 'ringing' | 'dialing' | 'connecting' => p === 'ringing' || p === 'dialing' || p === 'connecting';

function startCall(call: CallInfo, phase: 'ringing' | 'dialing', now: number): CallState {
  return { ...initialCallState, phase, call, timers: { ...initialCallState.timers, ringStartedAt: now } };
}

/** Adds an open hold to the closed ones. */
function closeHold(t: CallTimers, now: number): CallTimers {
  if (t.holdStartedAt === null) return t;
  return { ...t, holdMs: t.holdMs + Math.max(0, now - t.holdStartedAt), holdStartedAt: null };
}

function end(s: CallState, call: CallInfo, reason: EndReason, by: EndedBy | null, now: number, error?: VoiceError): CallState {
  return {
    ...s,
    phase: 'wrap-up',
    call,
    endReason: reason,
    endedBy: by,
    muted: false,
    reconnectingFrom: null,
    timers: { ...closeHold(s.timers, now), endedAt: now, wrapUpStartedAt: now },
    lastError: error ?? s.lastError,
  };
}

/**
 * The current call, if an event or command naming `callId` is about it (null: "whichever call there is").
 * A call dialled without an id adopts the first id an event gives it while dialling.
 */
function currentCall(s: CallState, callId: string | null | undefined, what: string): CallInfo | string {
  if (!s.call) return `Ignored ${what}: no call is in progress.`;
  if (callId === null || callId === undefined || callId === s.call.id) return s.call;
  if (s.call.id === '' && s.phase === 'dialing') return { ...s.call, id: callId };
  return `Ignored ${what} for another call (${callId}): the current call is ${s.call.id || 'still being dialled'}.`;
}

function onEvent(s: CallState, e: VoiceEvent, now: number): Step {
  const input: MachineInput = { kind: 'provider', event: e };
  const refuse = (hint?: string) => describeRefusal(input, s.phase, hint);
  switch (e.type) {
    case 'registered':
    case 'unregistered':
      return s;
    case 'error':
      return { ...s, lastError: e.error };
    case 'incoming':
      if (s.phase !== 'idle') {
        return `A new call was not offered because ${describePhase(s.phase)}; it keeps ringing for other agents.`;
      }
      return startCall(e.call, 'ringing', now);
    default:
      break;
  }

  const call = currentCall(s, e.callId, describeInput(input));
  if (typeof call === 'string') return call;

  switch (e.type) {
    case 'quality':
      return s;
    case 'cancelled':
      if (s.phase === 'wrap-up') return s;
      if (s.phase === 'ringing' || (s.phase === 'connecting' && call.direction === 'inbound')) return end(s, call, 'missed', 'remote', now);
      return refuse();
    case 'ringing':
      if (s.phase === 'dialing') return { ...s, phase: 'connecting', call };
      return refuse();
    case 'accepted':
      if (preAnswer(s.phase)) {
        return { ...s, phase: 'active', call: { ...call, callSid: e.callSid ?? call.callSid }, timers: { ...s.timers, answeredAt: now } };
      }
      return refuse();
    case 'rejected':
      if (s.phase === 'wrap-up') return s;
      if (s.phase === 'ringing') return end(s, call, 'rejected', 'local', now);
      return refuse();
    case 'disconnected':
      switch (s.phase) {
        case 'wrap-up':
          return s;
        case 'ringing':
          return end(s, call, e.by === 'local' ? 'rejected' : 'missed', e.by, now);
        case 'dialing':
        case 'connecting':
          if (e.by === 'local') return end(s, call, 'completed', 'local', now);
          return end(s, call, call.direction === 'inbound' ? 'missed' : 'failed', 'remote', now);
        case 'active':
        case 'on-hold':
          return end(s, call, 'completed', e.by, now);
        case 'reconnecting':
          return end(s, call, 'dropped', e.by, now);
        default:
          return refuse();
      }
    case 'reconnecting':
      if (s.phase === 'active' || s.phase === 'on-hold') return { ...s, phase: 'reconnecting', reconnectingFrom: s.phase, lastError: e.error };
      if (s.phase === 'reconnecting') return { ...s, lastError: e.error };
      return refuse();
    case 'reconnected':
      if (s.phase === 'reconnecting') return { ...s, phase: s.reconnectingFrom ?? 'active', reconnectingFrom: null };
      return refuse();
    case 'failed':
      if (s.phase === 'wrap-up') return s;
      if (preAnswer(s.phase)) return end(s, call, 'failed', null, now, e.error);
      if (live(s.phase)) return end(s, call, 'dropped', null, now, e.error);
      return refuse();
    default:
      return 'Ignored a phone event the call machine does not recognise.';
  }
}

function onCommand(s: CallState, c: CallCommand, now: number): Step {
  const input: MachineInput = { kind: 'agent', command: c };
  const refuse = (hint?: string) => describeRefusal(input, s.phase, hint);

  if (c.type === 'dial') {
    if (s.phase !== 'idle') return refuse();
    if ('call' in c) return startCall(c.call, 'dialing', now);
    if (typeof c.to !== 'string' || !c.to.trim()) return 'Dialling needs a number to call.';
    return startCall({ id: c.callId ?? '', direction: 'outbound', from: c.from ?? '', to: c.to, callSid: null }, 'dialing', now);
  }

  if (s.call && c.callId !== undefined && c.callId !== s.call.id) {
    return `${describeInput(input)} was ignored: it was meant for another call (${c.callId}), and the current call is ${s.call.id || 'still being dialled'}.`;
  }
  const call = s.call;
  if (!call) return refuse();

  switch (c.type) {
    case 'accept':
      if (s.phase === 'ringing') return { ...s, phase: 'connecting' };
      return refuse();
    case 'reject':
      if (s.phase === 'ringing') return end(s, call, 'rejected', 'local', now);
      return refuse(preAnswer(s.phase) || live(s.phase) ? 'Hang up instead.' : undefined);
    case 'ringTimeout':
      if (s.phase === 'ringing') return end(s, call, 'missed', 'local', now);
      return refuse();
    case 'hangUp':
      if (s.phase === 'dialing' || s.phase === 'connecting' || s.phase === 'active' || s.phase === 'on-hold') return end(s, call, 'completed', 'local', now);
      if (s.phase === 'reconnecting') return end(s, call, 'dropped', 'local', now);
      return refuse(s.phase === 'ringing' ? 'Decline the call instead.' : undefined);
    case 'hold':
      if (s.phase === 'active') return { ...s, phase: 'on-hold', timers: { ...s.timers, holdStartedAt: now } };
      return refuse(s.phase === 'reconnecting' ? 'Wait for the call to reconnect.' : undefined);
    case 'resume':
      if (s.phase === 'on-hold') return { ...s, phase: 'active', timers: closeHold(s.timers, now) };
      return refuse(s.phase === 'reconnecting' ? 'Wait for the call to reconnect.' : undefined);
    case 'mute':
    case 'unmute': {
      const muted = c.type === 'mute';
      if (!live(s.phase)) return refuse();
      if (s.muted === muted) return refuse(muted ? 'The microphone is already muted.' : 'The microphone is not muted.');
      return { ...s, muted };
    }
    case 'transferred':
      if (s.phase === 'active' || s.phase === 'on-hold') return end(s, call, 'transferred', 'local', now);
      if (s.phase === 'wrap-up' && s.endReason === 'completed' && s.endedBy === 'local') return { ...s, endReason: 'transferred' };
      return refuse(s.phase === 'reconnecting' ? 'Wait for the call to reconnect.' : undefined);
    case 'wrapUpDone':
      if (s.phase === 'wrap-up') return initialCallState;
      return refuse();
    default:
      return 'Ignored an action the call machine does not recognise.';
  }
}
