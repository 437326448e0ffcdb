import type { Transport } from '../../../app/transport';
import type { TrainingCall } from '../../../../preload/contract';
import type { AudioDevices, CallInfo, TrainingScenario, TransferTarget, VoiceEvent, VoiceProvider } from './types';

export interface TrainingProvider extends VoiceProvider {
  readonly kind: 'training';
  /** Rings the desk with a simulated caller (a random scenario when none is given). */
  simulateIncoming(scenario?: TrainingScenario): Promise<CallInfo>;
  /** The simulated caller hangs up. */
  remoteHangUp(): void;
  /** Digits the agent sent on the current call (training shows them instead of playing them to anyone). */
  readonly digits: string;
}

export interface TrainingOptions {
  transport: Pick<Transport, 'invoke'>;
  /** How long a simulated call rings before the caller gives up (missed call). */
  ringTimeoutMs?: number;
  /** Delays that make the simulation feel like a phone (answer, hold, far end picking up). */
  delayMs?: number;
  /** Speaks the caller's words; speechSynthesis where the browser has it. */
  speak?: (text: string, language: 'en' | 'es') => void;
}

function speakWithBrowser(text: string, language: 'en' | 'es') {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
  const u = new SpeechSynthesisUtterance(text);
  u.lang = language === 'es' ? 'es-US' : 'en-US';
  speechSynthesis.speak(u);
}

const sid = () => `TR${crypto.randomUUID().replace(/-/g, '')}`;

/**
 * The embedded default when no token endpoint is configured: simulated calls from patients in the local cache, so
 * every feature can be tried without a telephony account. Hold and transfer are simulated too.
 */
export function createTrainingProvider(options: TrainingOptions): TrainingProvider {
  const listeners = new Set<(e: VoiceEvent) => void>();
  const emit = (e: VoiceEvent) => listeners.forEach((l) => l(e));
  const delay = options.delayMs ?? 400;
  const speak = options.speak ?? speakWithBrowser;
  let current: { info: CallInfo; training?: TrainingCall; state: 'ringing' | 'live' } | null = null;
  let ringTimer: ReturnType<typeof setTimeout> | undefined;
  let digits = '';
  const later = (f: () => void) => setTimeout(f, delay);
  const endCall = () => {
    clearTimeout(ringTimer);
    current = null;
  };
  const requireCall = (callId: string) => {
    if (!current || current.info.id !== callId) throw new Error('There is no such call');
    return current;
  };

  return {
    kind: 'training',
    get digits() {
      return digits;
    },
    start: async () => {
      emit({ type: 'registered' });
    },
    stop: async () => {
      if (current) emit({ type: 'disconnected', callId: current.info.id, by: 'local' });
      endCall();
      emit({ type: 'unregistered' });
    },
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    simulateIncoming: async (scenario) => {
      if (current) throw new Error('A call is already in progress');
      const training = await options.transport.invoke('training.call', scenario ? { scenario } : {});
      const info: CallInfo = {
        id: crypto.randomUUID(),
        direction: 'inbound',
        from: training.from,
        to: training.to,
        callSid: sid(),
        scenario: training.scenario,
      };
      current = { info, training, state: 'ringing' };
      digits = '';
      emit({ type: 'incoming', call: info });
      ringTimer = setTimeout(() => {
        if (current?.info.id === info.id && current.state === 'ringing') {
          endCall();
          emit({ type: 'cancelled', callId: info.id });
        }
      }, options.ringTimeoutMs ?? 30_000);
      return info;
    },
    accept: async (callId) => {
      const c = requireCall(callId);
      clearTimeout(ringTimer);
      c.state = 'live';
      later(() => {
        if (current?.info.id !== callId) return;
        emit({ type: 'accepted', callId, callSid: c.info.callSid });
        if (c.training) speak(c.training.prompt, c.training.language);
      });
    },
    reject: (callId) => {
      requireCall(callId);
      endCall();
      emit({ type: 'rejected', callId });
    },
    dial: async (to) => {
      if (current) throw new Error('A call is already in progress');
      const info: CallInfo = { id: crypto.randomUUID(), direction: 'outbound', from: '+15555550100', to, callSid: sid() };
      current = { info, state: 'live' };
      digits = '';
      later(() => {
        if (current?.info.id !== info.id) return;
        emit({ type: 'ringing', callId: info.id });
        later(() => current?.info.id === info.id && emit({ type: 'accepted', callId: info.id, callSid: info.callSid }));
      });
      return info;
    },
    hangUp: (callId) => {
      requireCall(callId);
      endCall();
      emit({ type: 'disconnected', callId, by: 'local' });
    },
    remoteHangUp: () => {
      if (!current) return;
      const id = current.info.id;
      endCall();
      emit({ type: 'disconnected', callId: id, by: 'remote' });
    },
    setMuted: (callId) => {
      requireCall(callId);
    },
    hold: async (callId) => {
      requireCall(callId);
      await new Promise((r) => setTimeout(r, delay / 2));
    },
    transfer: async (callId, _target: TransferTarget, mode) => {
      requireCall(callId);
      await new Promise((r) => setTimeout(r, delay));
      if (mode === 'cold') {
        endCall();
        emit({ type: 'disconnected', callId, by: 'local' });
      }
    },
    sendDigits: (callId, d) => {
      requireCall(callId);
      digits += d;
    },
    holdAvailability: () => ({ available: true }),
    transferAvailability: () => ({ available: true }),
    listDevices: async (): Promise<AudioDevices> => {
      const all = typeof navigator !== 'undefined' && navigator.mediaDevices ? await navigator.mediaDevices.enumerateDevices() : [];
      const pick = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
      return {
        inputs: pick('audioinput'),
        outputs: pick('audiooutput'),
        outputSelectable: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype,
      };
    },
    setDevices: async () => {},
  };
}
