import type { Device } from '@twilio/voice-sdk';

/*
 * What the provider uses of Twilio Voice SDK 2.x (`Device`, `Call`, `device.audio`), so that unit tests can inject
 * fakes; the real classes satisfy these shapes. The SDK itself is loaded lazily, on the first start.
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

export type CreateDevice = (token: string, options: Device.Options) => DeviceLike;

/** The shape of the errors the SDK raises and rejects with (TwilioError, or a DOMException for the microphone). */
export type SdkError = { code?: number; message?: string; name?: string };

export async function loadSdkDevice(): Promise<CreateDevice> {
  const sdk = await import('@twilio/voice-sdk');
  return (token, options) => new sdk.Device(token, options);
}

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

export interface DeviceOptionsInput {
  soundsBaseUrl: string;
  publishEvents?: boolean;
  /** Test-only internal Device options, spread last. */
  deviceOptions?: Record<string, unknown>;
}

/** The Device's options: the app's own sounds, Opus first, and the SDK's precise signaling errors. */
export function deviceOptions(input: DeviceOptionsInput): Device.Options {
  const sounds = Object.fromEntries(soundNames.map((name) => [name, `${input.soundsBaseUrl}/${name}.wav`]));
  return {
    sounds,
    closeProtection: true,
    codecPreferences: ['opus', 'pcmu'],
    tokenRefreshMs: 30_000,
    // With it the SDK reports busy (31486), no answer/declined (31002), expired token (31205)… instead of 31005/53000.
    enableImprovedSignalingErrorPrecision: true,
    publishEvents: input.publishEvents === true,
    ...input.deviceOptions,
  } as Device.Options;
}
