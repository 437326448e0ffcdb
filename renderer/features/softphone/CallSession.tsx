import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/hooks';
import { useTransport } from '../../app/TransportContext';
import { startScreenPop } from './screenPop';
import { callInput, messageShown, qualityChanged, registeredChanged } from './softphoneSlice';
import { createTrainingProvider, type TrainingProvider } from './voice/training-provider';
import { createTwilioProvider } from './voice/twilio-provider';
import type { VoiceProvider } from './voice/types';

/** The desk's call session: the voice provider of the current mode (training or Twilio) and the screen-pop for a call. */
export interface CallSession {
  provider: VoiceProvider;
  training: TrainingProvider | null;
  /** After dialling: the screen-pop and contact for the number called. */
  screenPop(number: string, forPatient?: string): Promise<void>;
}

const CallSessionContext = createContext<CallSession | null>(null);

export function useCallSession(): CallSession {
  const session = useContext(CallSessionContext);
  if (!session) throw new Error('useCallSession outside CallSessionRoot');
  return session;
}

/**
 * Owns the voice provider (training until telephony is configured) and turns its events into desk state. What follows
 * from the state (saving the call's facts, the contact-save queue) lives in softphone/listeners.ts.
 */
export function CallSessionRoot({ children, providerFor }: { children: ReactNode; providerFor?: (mode: 'training' | 'twilio') => VoiceProvider }) {
  const transport = useTransport();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const mode = useAppSelector((s) => (s.settings.value.telephony.tokenEndpoint ? 'twilio' : 'training'));
  const provider = useMemo<VoiceProvider>(
    () =>
      providerFor?.(mode) ??
      (mode === 'training' ? createTrainingProvider({ transport }) : createTwilioProvider({ transport, soundsBaseUrl: `${location.origin}/sounds` })),
    [mode, transport, providerFor],
  );
  const training = provider.kind === 'training' ? (provider as TrainingProvider) : null;

  useEffect(() => {
    const off = provider.on((event) => {
      const before = store.getState().softphone.call;
      dispatch(callInput({ kind: 'provider', event }));
      const after = store.getState().softphone.call;
      if (event.type === 'incoming' && after === before) {
        // Refused: the desk is busy (ringing, on a call or in wrap-up). Decline it here so it rings elsewhere.
        provider.reject(event.call.id);
        return;
      }
      if (event.type === 'registered' || event.type === 'unregistered') dispatch(registeredChanged(event.type === 'registered'));
      if (event.type === 'quality') dispatch(qualityChanged(event.warnings));
      if (event.type === 'error' || event.type === 'failed') dispatch(messageShown(event.error.message));
      if (event.type === 'incoming') void dispatch(startScreenPop({ number: event.call.from }));
    });
    void provider.start().catch((e: unknown) => dispatch(messageShown((e as Error).message)));
    return () => {
      // Stop first, so the machine hears the call end before the listener goes.
      void provider.stop().finally(off);
    };
  }, [provider, dispatch, store]);

  const value = useMemo<CallSession>(
    () => ({
      provider,
      training,
      screenPop: async (number, forPatient) => {
        await dispatch(startScreenPop({ number, ...(forPatient ? { forPatient } : {}) }));
      },
    }),
    [provider, training, dispatch],
  );
  return <CallSessionContext.Provider value={value}>{children}</CallSessionContext.Provider>;
}
