import type { Device } from '@twilio/voice-sdk';
import type { Transport } from '../../../app/transport';
import type { TelephonyConfig } from '../../../../preload/contract';
import { plainTwilioError, VoiceFailure } from './twilio-errors';
import type { AudioDevices, Availability, CallInfo, QualityWarning, TransferTarget, VoiceError, VoiceEvent, VoiceProvider } from './types';

/*
 * The production voice provider: Twilio Voice SDK 2.x (`Device` and `Call`). Tokens, hold and transfer go through main
 * (telephony.* channels); the SDK is loaded lazily, and unit tests inject a fake Device through `createDevice`.
 */

// A listener of any SDK event, typed as the SDK's EventEmitter types it (so that the real classes fit).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

/** What the provider uses of an SDK `Call` (the real class satisfies it). */
export interface CallLike {
  /** CallSid, From, To (incoming); CallSid once an outbound call is answered. */
  readonly parameters: Record<string, string>;
  on(event: string, listener: Listener): unknown;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute: boolean): void;
  sendDigits(digits: string): void;
  /** 'pending' | 'connecting' | 'ringing' | 'open' | 'reconnecting' | 'closed'. */
  status(): string;
}

/** What the provider uses of the SDK's `AudioHelper` (`device.audio`). */
export interface AudioLike {
  readonly availableInputDevices: ReadonlyMap<string, { deviceId: string; label: string }>;
  readonly availableOutputDevices: ReadonlyMap<string, { deviceId: string; label: string }>;
  readonly isOutputSelectionSupported: boolean;
  setInputDevice(deviceId: string): Promise<void>;
  readonly speakerDevices: { set(deviceIdOrIds: string | string[]): Promise<void> };
  readonly ringtoneDevices: { set(deviceIdOrIds: string | string[]): Promise<void> };
}

/** What the provider uses of an SDK `Device` (the real class satisfies it). */
export interface DeviceLike {
  /** 'unregistered' | 'registering' | 'registered' | 'destroyed'. */
  readonly state: string;
  readonly audio: AudioLike | null;
  on(event: string, listener: Listener): unknown;
  register(): Promise<void>;
  unregister(): Promise<void>;
  updateToken(token: string): void;
  connect(options: { params: Record<string, string> }): Promise<CallLike>;
  destroy(): void;
}

export interface TwilioProviderDeps {
  transport: Pick<Transport, 'invoke'>;
  /** Builds the Device; the real SDK's `new Device(token, options)` when absent (loaded on first start). */
  createDevice?: (token: string, options: Device.Options) => DeviceLike;
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

/** `text` with a capital first letter and a closing full stop, to sit between other sentences. */
const asSentence = (text: string) => {
  const t = text.trim();
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : '';
};

/** Longest wait between tries to sign the desk in after a failed start (the waits double up to it). */
const maxStartRetryMs = 60_000;

/** The 15 sounds the SDK plays (Device.SoundName); each is `${soundsBaseUrl}/<name>.wav` (see scripts/make-sounds.mjs). */
export const soundNames = [
  'incoming',
  'outgoing',
  'disconnect',
  'dtmf0',
  'dtmf1',
  'dtmf2',
  'dtmf3',
  'dtmf4',
  'dtmf5',
  'dtmf6',
  'dtmf7',
  'dtmf8',
  'dtmf9',
  'dtmfs',
  'dtmfh',
] as const;

/**
 * SDK warning names (call.ts WARNING_PREFIXES + WARNING_NAMES / MULTIPLE_THRESHOLD_WARNING_NAMES, statsMonitor.ts
 * thresholds, and the media handler's 'ice-connectivity-lost') to the desk's quality warnings. Several SDK warnings
 * fold into one desk warning; anything not listed (e.g. 'constant-audio-output-level', never emitted) is ignored.
 */
export const sdkWarningToQuality: Readonly<Record<string, QualityWarning>> = {
  'high-rtt': 'high-rtt',
  'high-packet-loss': 'packet-loss',
  'high-packets-lost-fraction': 'packet-loss',
  // Nothing arrives from the other side, or the media path is down: the audio is lost, not just late.
  'low-bytes-received': 'packet-loss',
  'ice-connectivity-lost': 'packet-loss',
  'high-jitter': 'jitter',
  'low-mos': 'low-mos',
  // Nothing leaves this desk: the microphone's audio is not getting out.
  'low-bytes-sent': 'low-audio-input',
  'constant-audio-input-level': 'constant-audio-input',
};

const qualityOrder: readonly QualityWarning[] = ['high-rtt', 'packet-loss', 'jitter', 'low-mos', 'low-audio-input', 'constant-audio-input'];

interface Tracked {
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

const notRegistered: VoiceError = {
  code: 0,
  message: 'The call service did not sign this desk in for calls. Check the network connection, then restart the app.',
};

const isCallSid = (s: unknown): s is string => typeof s === 'string' && /^CA[A-Za-z0-9]{1,64}$/.test(s);

async function loadSdkDevice(): Promise<(token: string, options: Device.Options) => DeviceLike> {
  const sdk = await import('@twilio/voice-sdk');
  return (token, options) => new sdk.Device(token, options);
}

export function createTwilioProvider(deps: TwilioProviderDeps): VoiceProvider {
  const listeners = new Set<(e: VoiceEvent) => void>();
  const emit = (e: VoiceEvent) => listeners.forEach((l) => l(e));
  const now = deps.now ?? Date.now;
  const retryMs = deps.tokenRetryMs ?? 10_000;
  const calls = new Map<string, Tracked>();

  let device: DeviceLike | null = null;
  let identity = '';
  let expiresAt = Number.NaN;
  let config: TelephonyConfig | null = null;
  let configProblem: string | null = null;
  let refreshing: Promise<void> | null = null;
  let refreshFailed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
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

  const deviceOptions = (): Device.Options => {
    const sounds = Object.fromEntries(soundNames.map((name) => [name, `${deps.soundsBaseUrl}/${name}.wav`]));
    return {
      sounds,
      closeProtection: true,
      codecPreferences: ['opus', 'pcmu'],
      tokenRefreshMs: 30_000,
      // With it the SDK reports busy (31486), no answer/declined (31002), expired token (31205)… instead of 31005/53000.
      enableImprovedSignalingErrorPrecision: true,
      publishEvents: deps.publishEvents === true,
      ...deps.deviceOptions,
    } as Device.Options;
  };

  async function fetchToken(): Promise<string> {
    let reply;
    try {
      reply = await deps.transport.invoke('telephony.token', {});
    } catch (e) {
      throw new VoiceFailure({
        code: 0,
        message: `The app could not get its sign-in for calls. ${asSentence((e as Error).message)} The desk keeps trying; if this goes on, tell your supervisor.`,
      });
    }
    const expiry = Date.parse(reply.expiresAt);
    if (Number.isFinite(expiry) && expiry <= now()) throw new VoiceFailure(plainTwilioError({ code: 20104 }));
    identity = reply.identity;
    expiresAt = expiry;
    return reply.token;
  }

  /** Gets a new token through main and gives it to the device; retries (quietly after the first report) until it works. */
  function refreshToken(reRegister: boolean): Promise<void> {
    if (refreshing) return refreshing;
    const d = device;
    if (!d) return Promise.resolve();
    clearTimeout(retryTimer);
    refreshing = (async () => {
      try {
        const token = await fetchToken();
        if (device !== d) return;
        d.updateToken(token);
        refreshFailed = false;
        if (reRegister) void registerAgain(d);
      } catch (e) {
        if (device !== d) return;
        // Events carry plain objects (they go into the store), not Error instances.
        const error = e instanceof VoiceFailure ? { code: e.code, message: e.message } : plainTwilioError(e as { code?: number; message?: string });
        if (!refreshFailed) emit({ type: 'error', error });
        refreshFailed = true;
        retryTimer = setTimeout(() => void refreshToken(reRegister || (Number.isFinite(expiresAt) && expiresAt <= now())), retryMs);
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** After an expired-token error the SDK stops renewing its registration: register again with the new token. */
  async function registerAgain(d: DeviceLike) {
    try {
      if (d.state === 'registered') await d.unregister();
      if (d.state === 'unregistered' && device === d) await d.register();
    } catch (e) {
      if (device === d) emit({ type: 'error', error: e ? plainTwilioError(e as { code?: number; message?: string }) : notRegistered });
    }
  }

  function requireCall(callId: string): Tracked {
    const t = calls.get(callId);
    if (!t || t.done) throw new Error('There is no such call');
    return t;
  }

  /** Sends what the keypad queued as one string, then waits for it to play before sending what came meanwhile. */
  function playQueuedDigits(t: Tracked): void {
    t.digitTimer = undefined;
    const digits = t.digitQueue;
    t.digitQueue = '';
    if (!digits || t.done) return;
    t.call.sendDigits(digits);
    t.digitTimer = setTimeout(() => playQueuedDigits(t), dtmfPlayMs(digits));
  }

  const findByCall = (call: unknown) => [...calls.values()].find((t) => t.call === call && !t.done);

  function finish(t: Tracked, event: VoiceEvent) {
    t.done = true;
    calls.delete(t.info.id);
    emit(event);
  }

  /**
   * Decides what an error or a 'disconnect' meant once the SDK has finished reacting: it reports an error together
   * with a disconnect in either order, in the same turn (a hangup with an error, a refused microphone).
   */
  function settle(t: Tracked) {
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

  function queueSettle(t: Tracked) {
    if (t.settleQueued) return;
    t.settleQueued = true;
    queueMicrotask(() => settle(t));
  }

  function onCallError(t: Tracked, err: unknown) {
    t.error = plainTwilioError((err ?? {}) as { code?: number; message?: string; name?: string });
    queueSettle(t);
  }

  function updateQuality(t: Tracked) {
    const present = new Set([...t.warnings].map((w) => sdkWarningToQuality[w]).filter((q) => q !== undefined));
    const quality = qualityOrder.filter((q) => present.has(q));
    if (quality.length === t.quality.length && quality.every((q, i) => q === t.quality[i])) return;
    t.quality = quality;
    emit({ type: 'quality', callId: t.info.id, warnings: quality });
  }

  function track(info: CallInfo, call: CallLike): Tracked {
    const t: Tracked = {
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
      if (live()) emit({ type: 'reconnecting', callId: info.id, error: plainTwilioError((err ?? { code: 53001 }) as { code?: number; message?: string }) });
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

  function wire(d: DeviceLike) {
    d.on('registered', () => device === d && emit({ type: 'registered' }));
    d.on('unregistered', () => device === d && emit({ type: 'unregistered' }));
    d.on('tokenWillExpire', () => device === d && void refreshToken(false));
    d.on('incoming', (call: CallLike) => {
      if (device !== d) return;
      const p = call.parameters;
      const info: CallInfo = {
        id: crypto.randomUUID(),
        direction: 'inbound',
        from: p.From ?? '',
        to: p.To ?? '',
        callSid: isCallSid(p.CallSid) ? p.CallSid : null,
      };
      track(info, call);
      emit({ type: 'incoming', call: info });
    });
    d.on('error', (err: { code?: number; message?: string; name?: string } | undefined, call?: CallLike) => {
      if (device !== d) return;
      const t = call ? findByCall(call) : undefined;
      if (t) return onCallError(t, err);
      const error = plainTwilioError(err ?? {});
      if (failStart) return failStart(error);
      emit({ type: 'error', error });
      if (error.code === 20104 || error.code === 31205) void refreshToken(true);
    });
  }

  async function startDevice(gen: number): Promise<void> {
    try {
      const reply = await deps.transport.invoke('telephony.config', {});
      if (gen !== generation) return;
      config = reply;
      configProblem = null;
    } catch (e) {
      config = null;
      configProblem = `The telephony settings could not be loaded (${(e as Error).message}).`;
    }
    const token = await fetchToken();
    const make = deps.createDevice ?? (await loadSdkDevice());
    if (gen !== generation || device) return;
    let d: DeviceLike;
    try {
      d = make(token, deviceOptions());
    } catch (e) {
      // E.g. NotSupportedError: no WebRTC in this browser. Trying again will not help.
      throw Object.assign(new VoiceFailure(plainTwilioError((e ?? {}) as { code?: number; message?: string; name?: string })), { final: true });
    }
    device = d;
    wire(d);
    try {
      await new Promise<void>((resolve, reject) => {
        failStart = (e) => reject(new VoiceFailure(e));
        abandonStart = resolve;
        d.register().then(resolve, (e: unknown) =>
          // The SDK rejects with nothing when the gateway answers the registration with 'offline'.
          reject(new VoiceFailure(e ? plainTwilioError(e as { code?: number; message?: string; name?: string }) : notRegistered)),
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
   * refused or expired), the desk tries again after tokenRetryMs, doubling up to a minute, and reports a new problem
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

  const noConfig = (what: string): Availability => ({
    available: false,
    reason: configProblem ?? `${what} is not available until calls are connected.`,
  });

  return {
    kind: 'twilio',
    start: () => {
      if (device) return Promise.resolve();
      if (starting?.generation === generation) return starting.promise;
      return beginStart();
    },
    stop: async () => {
      generation++;
      clearTimeout(retryTimer);
      clearTimeout(restartTimer);
      restartDelay = 0;
      lastStartProblem = null;
      // A start still waiting for registration ends quietly: the desk was closed meanwhile.
      abandonStart?.();
      const d = device;
      device = null;
      if (!d) return;
      for (const t of calls.values()) t.hungUpLocally = true;
      d.destroy();
      // destroy() ends every call at once; report each before saying the desk is unregistered.
      for (const t of [...calls.values()]) {
        if (!t.done) finish(t, { type: 'disconnected', callId: t.info.id, by: 'local' });
      }
      emit({ type: 'unregistered' });
    },
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accept: async (callId) => {
      requireCall(callId).call.accept();
    },
    reject: (callId) => {
      requireCall(callId).call.reject();
    },
    dial: async (to) => {
      const d = device;
      if (!d) throw new VoiceFailure({ code: 0, message: 'Calls are not connected yet. Wait a moment, then try again.' });
      if ([...calls.values()].some((t) => !t.done)) throw new Error('A call is already in progress');
      let call: CallLike;
      try {
        call = await d.connect({ params: { To: to } });
      } catch (e) {
        throw new VoiceFailure(plainTwilioError((e ?? {}) as { code?: number; message?: string; name?: string }));
      }
      const info: CallInfo = { id: crypto.randomUUID(), direction: 'outbound', from: identity, to, callSid: null };
      track(info, call);
      return info;
    },
    hangUp: (callId) => {
      const t = requireCall(callId);
      t.hungUpLocally = true;
      // An incoming call not yet answered cannot be disconnected, only rejected.
      if (t.call.status() === 'pending') t.call.reject();
      else t.call.disconnect();
    },
    setMuted: (callId, muted) => {
      requireCall(callId).call.mute(muted);
    },
    sendDigits: (callId, digits) => {
      const t = requireCall(callId);
      if (!/^[0-9*#w]+$/.test(digits)) throw new VoiceFailure({ code: 0, message: 'Only the digits 0 to 9, * and # can be sent.' });
      t.digitQueue += digits;
      if (t.digitTimer === undefined) playQueuedDigits(t);
    },
    hold: async (callId, onHold) => {
      const t = requireCall(callId);
      const ok = holdAvailability();
      if (!ok.available) throw new VoiceFailure({ code: 0, message: ok.reason });
      if (!t.info.callSid) throw new VoiceFailure({ code: 0, message: 'The call is not connected yet, so it cannot be put on hold.' });
      await deps.transport.invoke('telephony.hold', { callSid: t.info.callSid, hold: onHold });
    },
    transfer: async (callId, target: TransferTarget, mode) => {
      const t = requireCall(callId);
      const ok = transferAvailability();
      if (!ok.available) throw new VoiceFailure({ code: 0, message: ok.reason });
      if (!t.info.callSid) throw new VoiceFailure({ code: 0, message: 'The call is not connected yet, so it cannot be transferred.' });
      await deps.transport.invoke('telephony.transfer', { callSid: t.info.callSid, targetId: target.id, mode });
    },
    holdAvailability,
    transferAvailability,
    listDevices: async (): Promise<AudioDevices> => {
      const audio = device?.audio;
      if (!audio) return { inputs: [], outputs: [], outputSelectable: false };
      const list = (m: AudioLike['availableInputDevices'], kind: string) =>
        [...m.values()].map((dev, i) => ({
          id: dev.deviceId,
          label: dev.label || (dev.deviceId === 'default' ? 'System default' : `${kind} ${i + 1}`),
        }));
      return {
        inputs: list(audio.availableInputDevices, 'Microphone'),
        outputs: list(audio.availableOutputDevices, 'Speaker'),
        outputSelectable: audio.isOutputSelectionSupported,
      };
    },
    setDevices: async (choice) => {
      const audio = device?.audio;
      if (!audio) throw new VoiceFailure({ code: 0, message: 'Calls are not connected yet, so audio devices cannot be chosen. Try again in a moment.' });
      if ((choice.output !== undefined || choice.ringtone !== undefined) && !audio.isOutputSelectionSupported) {
        throw new VoiceFailure({ code: 0, message: 'This browser cannot choose the speaker; the system’s default speaker is used.' });
      }
      try {
        if (choice.input !== undefined) await audio.setInputDevice(choice.input);
        if (choice.output !== undefined) await audio.speakerDevices.set(choice.output);
        if (choice.ringtone !== undefined) await audio.ringtoneDevices.set(choice.ringtone);
      } catch (e) {
        throw new VoiceFailure(plainTwilioError((e ?? {}) as { code?: number; message?: string; name?: string }));
      }
    },
  };

  function holdAvailability(): Availability {
    if (!config) return noConfig('Hold');
    return config.holdAvailable ? { available: true } : { available: false, reason: config.holdReason ?? 'Hold is turned off for this desk.' };
  }

  function transferAvailability(): Availability {
    if (!config) return noConfig('Transfer');
    return config.transferAvailable
      ? { available: true }
      : { available: false, reason: config.transferReason ?? 'Transfer is turned off for this desk.' };
  }
}
