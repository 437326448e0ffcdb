import type { CallInfo, VoiceEvent, VoiceProvider } from '../../../renderer/features/softphone/voice/types';

/** A voice provider a test drives: `emit` plays what the network would say; commands are recorded. */
export interface ScriptedProvider extends VoiceProvider {
  emit(event: VoiceEvent): void;
  readonly commands: string[];
}

export function createScriptedProvider(): ScriptedProvider {
  const listeners = new Set<(e: VoiceEvent) => void>();
  const commands: string[] = [];
  const record = (what: string) => commands.push(what);
  let dialled = 0;
  return {
    kind: 'twilio',
    commands,
    emit: (event) => listeners.forEach((l) => l(event)),
    start: async () => void record('start'),
    stop: async () => void record('stop'),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accept: async (id) => void record(`accept ${id}`),
    reject: (id) => void record(`reject ${id}`),
    dial: async (to): Promise<CallInfo> => ({ id: `out-${++dialled}`, direction: 'outbound', from: '+15550000000', to, callSid: null }),
    hangUp: (id) => void record(`hangUp ${id}`),
    setMuted: (id, muted) => void record(`mute ${id} ${muted}`),
    hold: async (id, on) => void record(`hold ${id} ${on}`),
    transfer: async () => void record('transfer'),
    sendDigits: (id, digits) => void record(`digits ${id} ${digits}`),
    holdAvailability: () => ({ available: true }),
    transferAvailability: () => ({ available: true }),
    listDevices: async () => ({ inputs: [], outputs: [], outputSelectable: false }),
    setDevices: async () => {},
  };
}

export const inboundCall = (id: string, from: string): CallInfo => ({ id, direction: 'inbound', from, to: '+15550000000', callSid: `CA${id}` });
