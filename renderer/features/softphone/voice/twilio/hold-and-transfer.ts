import type { Transport } from '../../../../app/transport';
import type { TelephonyConfig } from '../../../../../preload/contract';
import { VoiceFailure } from '../twilio-errors';
import type { Availability, TransferTarget } from '../types';
import type { TrackedCall } from './tracked-call';

/*
 * Hold and transfer are not in the SDK: main asks the organisation's backend (telephony.hold / telephony.transfer),
 * when this desk's telephony settings (telephony.config, loaded on start) allow them.
 */

export type HoldAndTransfer = ReturnType<typeof createHoldAndTransfer>;

export function createHoldAndTransfer(transport: Pick<Transport, 'invoke'>) {
  let config: TelephonyConfig | null = null;
  let configProblem: string | null = null;

  const noConfig = (what: string): Availability => ({
    available: false,
    reason: configProblem ?? `${what} is not available until calls are connected.`,
  });

  function holdAvailability(): Availability {
    if (!config) return noConfig('Hold');
    return config.holdAvailable ? { available: true } : { available: false, reason: config.holdReason ?? 'Hold is turned off for this desk.' };
  }

  function transferAvailability(): Availability {
    if (!config) return noConfig('Transfer');
    return config.transferAvailable ? { available: true } : { available: false, reason: config.transferReason ?? 'Transfer is turned off for this desk.' };
  }

  return {
    /**
     * Loads the settings; false when `stillWanted` says the answer came too late (the desk was stopped meanwhile).
     * A failure to load is no failure to start: hold and transfer then say why they are unavailable.
     */
    async load(stillWanted: () => boolean): Promise<boolean> {
      try {
        const reply = await transport.invoke('telephony.config', {});
        if (!stillWanted()) return false;
        config = reply;
        configProblem = null;
      } catch (e) {
        config = null;
        configProblem = `The telephony settings could not be loaded (${(e as Error).message}).`;
      }
      return true;
    },

    holdAvailability,
    transferAvailability,

    async hold(t: TrackedCall, onHold: boolean) {
      const ok = holdAvailability();
      if (!ok.available) throw new VoiceFailure({ code: 0, message: ok.reason });
      if (!t.info.callSid) throw new VoiceFailure({ code: 0, message: 'The call is not connected yet, so it cannot be put on hold.' });
      await transport.invoke('telephony.hold', { callSid: t.info.callSid, hold: onHold });
    },

    async transfer(t: TrackedCall, target: TransferTarget, mode: 'warm' | 'cold') {
      const ok = transferAvailability();
      if (!ok.available) throw new VoiceFailure({ code: 0, message: ok.reason });
      if (!t.info.callSid) throw new VoiceFailure({ code: 0, message: 'The call is not connected yet, so it cannot be transferred.' });
      await transport.invoke('telephony.transfer', { callSid: t.info.callSid, targetId: target.id, mode });
    },
  };
}
