import { plainTwilioError, VoiceFailure } from '../twilio-errors';
import type { AudioDevices } from '../types';
import type { AudioLike, SdkError } from './sdk';

/*
 * Microphone, speaker and ringtone through the SDK's AudioHelper (`device.audio`), which exists only while the Device
 * does and keeps its device lists up to date as devices come and go.
 */

export function createAudioDevices(audio: () => AudioLike | null | undefined) {
  return {
    async list(): Promise<AudioDevices> {
      const a = audio();
      if (!a) return { inputs: [], outputs: [], outputSelectable: false };
      const list = (m: AudioLike['availableInputDevices'], kind: string) =>
        [...m.values()].map((dev, i) => ({
          id: dev.deviceId,
          label: dev.label || (dev.deviceId === 'default' ? 'System default' : `${kind} ${i + 1}`),
        }));
      return {
        inputs: list(a.availableInputDevices, 'Microphone'),
        outputs: list(a.availableOutputDevices, 'Speaker'),
        outputSelectable: a.isOutputSelectionSupported,
      };
    },

    async choose(choice: { input?: string; output?: string; ringtone?: string }): Promise<void> {
      const a = audio();
      if (!a) throw new VoiceFailure({ code: 0, message: 'Calls are not connected yet, so audio devices cannot be chosen. Try again in a moment.' });
      if ((choice.output !== undefined || choice.ringtone !== undefined) && !a.isOutputSelectionSupported) {
        throw new VoiceFailure({ code: 0, message: 'This browser cannot choose the speaker; the system’s default speaker is used.' });
      }
      try {
        if (choice.input !== undefined) await a.setInputDevice(choice.input);
        if (choice.output !== undefined) await a.speakerDevices.set(choice.output);
        if (choice.ringtone !== undefined) await a.ringtoneDevices.set(choice.ringtone);
      } catch (e) {
        throw new VoiceFailure(plainTwilioError((e ?? {}) as SdkError));
      }
    },
  };
}
