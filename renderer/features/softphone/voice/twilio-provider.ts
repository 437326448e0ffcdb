import type { Transport } from '../../../app/transport';
import { plainTwilioError, VoiceFailure } from './twilio-errors';
import { createAudioDevices } from './twilio/audio-devices';
import { createHoldAndTransfer } from './twilio/hold-and-transfer';
import { createRegistration } from './twilio/registration';
import { deviceOptions, type CreateDevice, type SdkError } from './twilio/sdk';
import { createTokenSession } from './twilio/token-session';
import { createTrackedCalls } from './twilio/tracked-call';
import type { CallInfo, VoiceEvent, VoiceProvider } from './types';

/*
 * The production voice provider: Twilio Voice SDK 2.x (`Device` and `Call`). Tokens, hold and transfer go through main
 * (telephony.* channels); the SDK is loaded lazily, and unit tests inject a fake Device through `createDevice`.
 * Its parts live in twilio/: the token session, the registration, the tracked calls, hold and transfer, audio devices.
 */

export type { AudioLike, CallLike, DeviceLike } from './twilio/sdk';
export { soundNames } from './twilio/sdk';
export { sdkWarningToQuality } from './twilio/call-quality';
export { dtmfPlayMs } from './twilio/tracked-call';

export interface TwilioProviderDeps {
  transport: Pick<Transport, 'invoke'>;
  /** Builds the Device; the real SDK's `new Device(token, options)` when absent (loaded on first start). */
  createDevice?: CreateDevice;
  /** Where the app's own sound files are served, e.g. `${location.origin}/sounds` (no trailing slash). */
  soundsBaseUrl: string;
  /** Test-only internal Device options (e.g. `chunderw` for a local fake gateway); spread last. */
  deviceOptions?: Record<string, unknown>;
  /** Send call-quality events to Twilio Insights. Off unless asked for (tests, offline desks). */
  publishEvents?: boolean;
  now?: () => number;
  /** Wait before trying again when a token refresh failed, and before the first new try after a failed start. */
  tokenRetryMs?: number;
}

export function createTwilioProvider(deps: TwilioProviderDeps): VoiceProvider {
  const listeners = new Set<(e: VoiceEvent) => void>();
  const emit = (e: VoiceEvent) => listeners.forEach((l) => l(e));
  const retryMs = deps.tokenRetryMs ?? 10_000;

  const calls = createTrackedCalls(emit);
  const holdAndTransfer = createHoldAndTransfer(deps.transport);
  const tokens = createTokenSession({
    transport: deps.transport,
    emit,
    now: deps.now ?? Date.now,
    retryMs,
    device: () => registration.device(),
    registerAgain: (d) => registration.registerAgain(d),
  });
  const registration = createRegistration({
    emit,
    createDevice: deps.createDevice,
    deviceOptions: () => deviceOptions(deps),
    retryMs,
    tokens,
    calls,
    holdAndTransfer,
  });
  const audio = createAudioDevices(() => registration.device()?.audio);

  return {
    kind: 'twilio',
    start: () => registration.start(),
    stop: () => registration.stop(),
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accept: async (callId) => calls.accept(callId),
    reject: (callId) => calls.reject(callId),
    dial: async (to) => {
      const d = registration.device();
      if (!d) throw new VoiceFailure({ code: 0, message: 'Calls are not connected yet. Wait a moment, then try again.' });
      if (calls.anyLive()) throw new Error('A call is already in progress');
      let call;
      try {
        call = await d.connect({ params: { To: to } });
      } catch (e) {
        throw new VoiceFailure(plainTwilioError((e ?? {}) as SdkError));
      }
      const info: CallInfo = { id: crypto.randomUUID(), direction: 'outbound', from: tokens.identity(), to, callSid: null };
      calls.track(info, call);
      return info;
    },
    hangUp: (callId) => calls.hangUp(callId),
    setMuted: (callId, muted) => calls.mute(callId, muted),
    sendDigits: (callId, digits) => calls.sendDigits(callId, digits),
    hold: async (callId, onHold) => holdAndTransfer.hold(calls.get(callId), onHold),
    transfer: async (callId, target, mode) => holdAndTransfer.transfer(calls.get(callId), target, mode),
    holdAvailability: () => holdAndTransfer.holdAvailability(),
    transferAvailability: () => holdAndTransfer.transferAvailability(),
    listDevices: () => audio.list(),
    setDevices: (choice) => audio.choose(choice),
  };
}
