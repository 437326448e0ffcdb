import type { Device } from '@twilio/voice-sdk';
import { plainTwilioError, VoiceFailure } from '../twilio-errors';
import type { VoiceError, VoiceEvent } from '../types';
import type { HoldAndTransfer } from './hold-and-transfer';
import { loadSdkDevice, type CallLike, type CreateDevice, type DeviceLike, type SdkError } from './sdk';
import type { TokenSession } from './token-session';
import type { TrackedCalls } from './tracked-call';

/*
 * The desk signed in for calls: one Device, made with a fresh token and registered for incoming calls. A start that
 * fails for a reason that may pass is tried again with growing waits; stop() ends a start under way, every call and
 * the Device.
 */

export interface RegistrationDeps {
  emit: (e: VoiceEvent) => void;
  /** Builds the Device; the real SDK's `new Device(token, options)` when absent (loaded on first start). */
  createDevice?: CreateDevice | undefined;
  deviceOptions: () => Device.Options;
  /** Wait before the first new try after a failed start. */
  retryMs: number;
  tokens: TokenSession;
  calls: TrackedCalls;
  holdAndTransfer: HoldAndTransfer;
}

export type Registration = ReturnType<typeof createRegistration>;

/** Longest wait between tries to sign the desk in after a failed start (the waits double up to it). */
const maxStartRetryMs = 60_000;

const notRegistered: VoiceError = {
  code: 0,
  message: 'The call service did not sign this desk in for calls. Check the network connection, then restart the app.',
};

export function createRegistration(deps: RegistrationDeps) {
  const { emit, calls, retryMs } = deps;
  let device: DeviceLike | null = null;
  /** While start() waits for registration, a device error fails the start instead of becoming an event. */
  let failStart: ((e: VoiceError) => void) | null = null;
  let abandonStart: (() => void) | null = null;
  /** Bumped by stop(): a start() begun before it gives up at its next step. */
  let generation = 0;
  let starting: { generation: number; promise: Promise<void> } | null = null;
  /** After a failed start the desk keeps trying to sign in, quietly unless the problem changes. */
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let restartDelay = 0;
  let lastStartProblem: string | null = null;

  /** After an expired-token error the SDK stops renewing its registration: register again with the new token. */
  async function registerAgain(d: DeviceLike) {
    try {
      if (d.state === 'registered') await d.unregister();
      if (d.state === 'unregistered' && device === d) await d.register();
    } catch (e) {
      if (device === d) emit({ type: 'error', error: e ? plainTwilioError(e as SdkError) : notRegistered });
    }
  }

  function wire(d: DeviceLike) {
    d.on('registered', () => device === d && emit({ type: 'registered' }));
    d.on('unregistered', () => device === d && emit({ type: 'unregistered' }));
    d.on('tokenWillExpire', () => device === d && void deps.tokens.refresh(false));
    d.on('incoming', (call: CallLike) => {
      if (device !== d) return;
      emit({ type: 'incoming', call: calls.trackIncoming(call) });
    });
    d.on('error', (err: SdkError | undefined, call?: CallLike) => {
      if (device !== d) return;
      const t = call ? calls.findByCall(call) : undefined;
      if (t) return calls.onCallError(t, err);
      const error = plainTwilioError(err ?? {});
      if (failStart) return failStart(error);
      emit({ type: 'error', error });
      if (error.code === 20104 || error.code === 31205) void deps.tokens.refresh(true);
    });
  }

  async function startDevice(gen: number): Promise<void> {
    if (!(await deps.holdAndTransfer.load(() => gen === generation))) return;
    const token = await deps.tokens.fetch();
    const make = deps.createDevice ?? (await loadSdkDevice());
    if (gen !== generation || device) return;
    let d: DeviceLike;
    try {
      d = make(token, deps.deviceOptions());
    } catch (e) {
      // E.g. NotSupportedError: no WebRTC in this browser. Trying again will not help.
      throw Object.assign(new VoiceFailure(plainTwilioError((e ?? {}) as SdkError)), { final: true });
    }
    device = d;
    wire(d);
    try {
      await new Promise<void>((resolve, reject) => {
        failStart = (e) => reject(new VoiceFailure(e));
        abandonStart = resolve;
        d.register().then(resolve, (e: unknown) =>
          // The SDK rejects with nothing when the gateway answers the registration with 'offline'.
          reject(new VoiceFailure(e ? plainTwilioError(e as SdkError) : notRegistered)),
        );
      });
    } catch (e) {
      if (device === d) {
        device = null;
        d.destroy();
      }
      throw e;
    } finally {
      failStart = null;
      abandonStart = null;
    }
  }

  /**
   * Starts the device. When that fails for a reason that may pass (the token service or the network down, a token
   * refused or expired), the desk tries again after retryMs, doubling up to a minute, and reports a new problem
   * only when it differs from the last one; the first failure is the caller's to show.
   */
  function beginStart(retry = false): Promise<void> {
    const gen = generation;
    const mine = { generation: gen, promise: startDevice(gen) };
    starting = mine;
    void mine.promise.then(
      () => {
        if (starting === mine) starting = null;
        restartDelay = 0;
        lastStartProblem = null;
      },
      (e: unknown) => {
        if (starting === mine) starting = null;
        if (gen !== generation || device || (e as { final?: boolean }).final) return;
        const message = (e as Error).message;
        if (retry && message !== lastStartProblem) emit({ type: 'error', error: { code: (e as VoiceFailure).code ?? 0, message } });
        lastStartProblem = message;
        restartDelay = restartDelay ? Math.min(restartDelay * 2, maxStartRetryMs) : retryMs;
        clearTimeout(restartTimer);
        restartTimer = setTimeout(() => {
          if (gen === generation && !device && !starting) void beginStart(true).catch(() => {});
        }, restartDelay);
      },
    );
    return mine.promise;
  }

  return {
    /** The registered (or registering) Device, if any. */
    device: () => device,

    registerAgain: (d: DeviceLike) => void registerAgain(d),

    start(): Promise<void> {
      if (device) return Promise.resolve();
      if (starting?.generation === generation) return starting.promise;
      return beginStart();
    },

    async stop(): Promise<void> {
      generation++;
      deps.tokens.stopRetrying();
      clearTimeout(restartTimer);
      restartDelay = 0;
      lastStartProblem = null;
      // A start still waiting for registration ends quietly: the desk was closed meanwhile.
      abandonStart?.();
      const d = device;
      device = null;
      if (!d) return;
      // destroy() ends every call at once; report each before saying the desk is unregistered.
      calls.endAll(() => d.destroy());
      emit({ type: 'unregistered' });
    },
  };
}
