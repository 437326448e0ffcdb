import { plainTwilioError, VoiceFailure } from '../twilio-errors';
import type { CallInfo, QualityWarning, VoiceError, VoiceEvent } from '../types';
import { qualityOf, sameQuality } from './call-quality';
import type { CallLike, SdkError } from './sdk';

/*
 * The calls the SDK has given the desk, each an SDK `Call` whose events become the desk's call events (voice/types.ts):
 * exactly one last event per call (disconnected, failed, cancelled or rejected), quality warnings folded, keypad
 * digits paced so none is lost.
 */

export interface TrackedCall {
  info: CallInfo;
  call: CallLike;
  hungUpLocally: boolean;
  /** SDK warning names currently raised. */
  warnings: Set<string>;
  quality: QualityWarning[];
  /** An error waiting to learn whether the call ended with it (failed) or lives on (error). */
  error: VoiceError | null;
  /** The SDK said 'disconnect'. */
  closed: boolean;
  settleQueued: boolean;
  /** The call's last event (disconnected, failed, cancelled, rejected) has been emitted. */
  done: boolean;
  /** Keypad digits waiting for the ones being played to finish. */
  digitQueue: string;
  digitTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * How long the SDK takes to play digits in-band: 160 ms tone + 70 ms gap each (a little more, for timer slack), and
 * 500 ms for a 'w'. RTCDTMFSender.insertDTMF replaces whatever it has not played yet, so keys pressed faster than
 * this would be lost if each went straight to the SDK.
 */
export const dtmfPlayMs = (digits: string) => [...digits].reduce((ms, d) => ms + (d === 'w' ? 500 : 250), 0);

export const isCallSid = (s: unknown): s is string => typeof s === 'string' && /^CA[A-Za-z0-9]{1,64}$/.test(s);

export type TrackedCalls = ReturnType<typeof createTrackedCalls>;

export function createTrackedCalls(emit: (e: VoiceEvent) => void) {
  const calls = new Map<string, TrackedCall>();

  function get(callId: string): TrackedCall {
    const t = calls.get(callId);
    if (!t || t.done) throw new Error('There is no such call');
    return t;
  }

  function finish(t: TrackedCall, event: VoiceEvent) {
    t.done = true;
    calls.delete(t.info.id);
    emit(event);
  }

  /**
   * Decides what an error or a 'disconnect' meant once the SDK has finished reacting: it reports an error together
   * with a disconnect in either order, in the same turn (a hangup with an error, a refused microphone).
   */
  function settle(t: TrackedCall) {
    t.settleQueued = false;
    if (t.done) return;
    const id = t.info.id;
    if (t.closed || t.call.status() === 'closed') {
      if (t.error) finish(t, { type: 'failed', callId: id, error: t.error });
      else if (t.closed) finish(t, { type: 'disconnected', callId: id, by: t.hungUpLocally ? 'local' : 'remote' });
      else if (t.hungUpLocally) finish(t, { type: 'disconnected', callId: id, by: 'local' });
      else finish(t, { type: 'failed', callId: id, error: plainTwilioError({ code: 53001 }) });
    } else if (t.error) {
      // The call lives on (e.g. digits could not be sent): tell the agent, keep the call.
      const error = t.error;
      t.error = null;
      emit({ type: 'error', error });
    }
  }

  function queueSettle(t: TrackedCall) {
    if (t.settleQueued) return;
    t.settleQueued = true;
    queueMicrotask(() => settle(t));
  }

  function onCallError(t: TrackedCall, err: unknown) {
    t.error = plainTwilioError((err ?? {}) as SdkError);
    queueSettle(t);
  }

  function updateQuality(t: TrackedCall) {
    const quality = qualityOf(t.warnings);
    if (sameQuality(quality, t.quality)) return;
    t.quality = quality;
    emit({ type: 'quality', callId: t.info.id, warnings: quality });
  }

  /** Sends what the keypad queued as one string, then waits for it to play before sending what came meanwhile. */
  function playQueuedDigits(t: TrackedCall): void {
    t.digitTimer = undefined;
    const digits = t.digitQueue;
    t.digitQueue = '';
    if (!digits || t.done) return;
    t.call.sendDigits(digits);
    t.digitTimer = setTimeout(() => playQueuedDigits(t), dtmfPlayMs(digits));
  }

  function track(info: CallInfo, call: CallLike): TrackedCall {
    const t: TrackedCall = {
      info,
      call,
      hungUpLocally: false,
      warnings: new Set(),
      quality: [],
      error: null,
      closed: false,
      settleQueued: false,
      done: false,
      digitQueue: '',
      digitTimer: undefined,
    };
    calls.set(info.id, t);
    const live = () => !t.done;
    call.on('ringing', () => live() && emit({ type: 'ringing', callId: info.id }));
    call.on('accept', () => {
      if (!live()) return;
      const sid = call.parameters.CallSid;
      // The info went out with 'incoming' or from dial() and the store froze it: replace it, never mutate it.
      if (isCallSid(sid) && sid !== t.info.callSid) t.info = { ...t.info, callSid: sid };
      emit({ type: 'accepted', callId: t.info.id, callSid: t.info.callSid });
    });
    call.on('cancel', () => live() && finish(t, { type: 'cancelled', callId: info.id }));
    call.on('reject', () => live() && finish(t, { type: 'rejected', callId: info.id }));
    call.on('disconnect', () => {
      t.closed = true;
      queueSettle(t);
    });
    // The signaling socket closed; without a reconnect token the call is closed with no 'disconnect' (settle sees it).
    call.on('transportClose', () => queueSettle(t));
    call.on('error', (err: unknown) => onCallError(t, err));
    call.on('reconnecting', (err: unknown) => {
      if (live()) emit({ type: 'reconnecting', callId: info.id, error: plainTwilioError((err ?? { code: 53001 }) as SdkError) });
    });
    call.on('reconnected', () => live() && emit({ type: 'reconnected', callId: info.id }));
    call.on('warning', (name: string) => {
      if (!live()) return;
      t.warnings.add(name);
      updateQuality(t);
    });
    call.on('warning-cleared', (name: string) => {
      if (!live()) return;
      t.warnings.delete(name);
      updateQuality(t);
    });
    return t;
  }

  return {
    track,

    /** Tracks a call the Device rang the desk with; the caller emits 'incoming' with the info returned. */
    trackIncoming(call: CallLike): CallInfo {
      const p = call.parameters;
      const info: CallInfo = {
        id: crypto.randomUUID(),
        direction: 'inbound',
        from: p.From ?? '',
        to: p.To ?? '',
        callSid: isCallSid(p.CallSid) ? p.CallSid : null,
      };
      track(info, call);
      return info;
    },

    get,

    /** The live call an SDK `Call` belongs to, if any (the Device reports some call errors itself). */
    findByCall: (call: unknown) => [...calls.values()].find((t) => t.call === call && !t.done),

    anyLive: () => [...calls.values()].some((t) => !t.done),

    onCallError,

    accept: (callId: string) => get(callId).call.accept(),
    reject: (callId: string) => get(callId).call.reject(),
    mute: (callId: string, muted: boolean) => get(callId).call.mute(muted),

    hangUp(callId: string) {
      const t = get(callId);
      t.hungUpLocally = true;
      // An incoming call not yet answered cannot be disconnected, only rejected.
      if (t.call.status() === 'pending') t.call.reject();
      else t.call.disconnect();
    },

    sendDigits(callId: string, digits: string) {
      const t = get(callId);
      if (!/^[0-9*#w]+$/.test(digits)) throw new VoiceFailure({ code: 0, message: 'Only the digits 0 to 9, * and # can be sent.' });
      t.digitQueue += digits;
      if (t.digitTimer === undefined) playQueuedDigits(t);
    },

    /** Ends every call through `destroy` (the Device's, which drops them all at once) and reports each as hung up here. */
    endAll(destroy: () => void) {
      for (const t of calls.values()) t.hungUpLocally = true;
      destroy();
      for (const t of [...calls.values()]) {
        if (!t.done) finish(t, { type: 'disconnected', callId: t.info.id, by: 'local' });
      }
    },
  };
}
