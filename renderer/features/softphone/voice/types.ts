/**
 * What the softphone needs from a voice service, whatever carries the audio: Twilio Voice in production, or the
 * training simulator (the default when no token endpoint is configured). Providers report what happened through
 * events; the call-state machine (callMachine.ts) decides what it means for the desk.
 */

export type CallDirection = 'inbound' | 'outbound';

export interface CallInfo {
  /** The provider's id for the call (stable for its whole life, from ring or dial to hang-up). */
  id: string;
  direction: CallDirection;
  /** E.164 where known; otherwise as the network gave it. */
  from: string;
  to: string;
  /** The telephony call SID (Twilio "CA…"; training "TR…"), once known. */
  callSid: string | null;
  /** Training only: what the simulated caller wants. */
  scenario?: TrainingScenario;
}

export type TrainingScenario = 'lab-result' | 'bill' | 'appointment' | 'unknown-caller' | 'wrong-number';

/** A failure in words an agent understands, keeping the provider's code for support (e.g. Twilio 31205). */
export interface VoiceError {
  /** Provider code, e.g. 31205; 0 when there is none. */
  code: number;
  /** Plain words: what happened and what to do. */
  message: string;
}

export type QualityWarning = 'high-rtt' | 'packet-loss' | 'jitter' | 'low-mos' | 'low-audio-input' | 'constant-audio-input';

export type VoiceEvent =
  | { type: 'registered' }
  | { type: 'unregistered' }
  | { type: 'incoming'; call: CallInfo }
  /** The caller gave up before the agent answered. */
  | { type: 'cancelled'; callId: string }
  /** An outbound call is ringing at the far end. */
  | { type: 'ringing'; callId: string }
  /** Audio is connected (answered inbound, or the far end picked up). */
  | { type: 'accepted'; callId: string; callSid: string | null }
  | { type: 'rejected'; callId: string }
  | { type: 'disconnected'; callId: string; by: 'local' | 'remote' }
  | { type: 'reconnecting'; callId: string; error: VoiceError }
  | { type: 'reconnected'; callId: string }
  /** The call could not be set up, or broke for good. */
  | { type: 'failed'; callId: string | null; error: VoiceError }
  /** Current quality warnings for the call (empty: all clear). */
  | { type: 'quality'; callId: string; warnings: QualityWarning[] }
  /** A device-level problem (token, microphone, network) not tied to one call. */
  | { type: 'error'; error: VoiceError };

export interface TransferTarget {
  id: string;
  label: string;
  /** E.164. */
  number: string;
}

export interface AudioDevices {
  inputs: { id: string; label: string }[];
  outputs: { id: string; label: string }[];
  /** Whether output (and ringtone) devices can be chosen in this browser. */
  outputSelectable: boolean;
}

/** Whether a feature can be used now, and if not, why (shown to the agent). */
export type Availability = { available: true } | { available: false; reason: string };

export interface VoiceProvider {
  readonly kind: 'twilio' | 'training';
  /** Registers for incoming calls. Resolves once registered; rejects with a VoiceError. */
  start(): Promise<void>;
  /** Unregisters and releases everything (hangs up a live call). */
  stop(): Promise<void>;
  on(listener: (event: VoiceEvent) => void): () => void;
  accept(callId: string): Promise<void>;
  reject(callId: string): void;
  /** Places a call to an E.164 number (validated by the caller). */
  dial(to: string): Promise<CallInfo>;
  hangUp(callId: string): void;
  setMuted(callId: string, muted: boolean): void;
  hold(callId: string, onHold: boolean): Promise<void>;
  transfer(callId: string, target: TransferTarget, mode: 'warm' | 'cold'): Promise<void>;
  sendDigits(callId: string, digits: string): void;
  holdAvailability(): Availability;
  transferAvailability(): Availability;
  listDevices(): Promise<AudioDevices>;
  setDevices(choice: { input?: string; output?: string; ringtone?: string }): Promise<void>;
}
