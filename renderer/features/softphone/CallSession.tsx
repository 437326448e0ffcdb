import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { CallFacts, ContactPatch } from '../../../preload/contract';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/hooks';
import { useTransport } from '../../app/TransportContext';
import { patientSelected } from '../patient-search/patientSearchSlice';
import { autoPickedMatch } from '../screen-pop/autoPick';
import { durations, type CallState } from './callMachine';
import {
  callInput,
  callPatientChosen,
  contactStarted,
  lookupDone,
  lookupFailed,
  lookupStarted,
  messageShown,
  qualityChanged,
  registeredChanged,
  saveChanged,
} from './softphoneSlice';
import { createTrainingProvider, type TrainingProvider } from './voice/training-provider';
import { createTwilioProvider } from './voice/twilio-provider';
import type { VoiceProvider } from './voice/types';

interface Voice {
  provider: VoiceProvider;
  training: TrainingProvider | null;
  /** Saves a change to the current call's contact (queued: one request at a time, the latest wins). */
  saveContact(patch: ContactPatch): void;
  /** After dialling: the screen-pop and contact for the number called. */
  screenPop(number: string, forPatient?: string): Promise<void>;
}

const VoiceContext = createContext<Voice | null>(null);

/** What the contact records about the call: its SID, direction, number, how it ended and its timers. */
export function callFacts(state: CallState, training: boolean, now: number): CallFacts | null {
  const c = state.call;
  if (!c) return null;
  const d = durations(state, now);
  return {
    callSid: c.callSid,
    direction: c.direction,
    number: c.direction === 'inbound' ? c.from : c.to,
    training,
    endReason: state.endReason,
    ringMs: Math.round(d.ringMs),
    talkMs: Math.round(d.talkMs),
    holdMs: Math.round(d.holdMs),
    wrapUpMs: Math.round(d.wrapUpMs),
  };
}

export function useVoice(): Voice {
  const v = useContext(VoiceContext);
  if (!v) throw new Error('useVoice outside VoiceProvider');
  return v;
}

/** Owns the voice provider (training until telephony is configured) and turns its events into desk state. */
export function VoiceRoot({ children }: { children: ReactNode }) {
  const transport = useTransport();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const mode = useAppSelector((s) => (s.settings.value.telephony.tokenEndpoint ? 'twilio' : 'training'));
  const training = useMemo(() => (mode === 'training' ? createTrainingProvider({ transport }) : null), [mode, transport]);
  const twilio = useMemo(
    () => (mode === 'twilio' ? createTwilioProvider({ transport, soundsBaseUrl: `${location.origin}/sounds` }) : null),
    [mode, transport],
  );
  const provider: VoiceProvider = training ?? twilio!;

  // Contact saves: one in flight; changes made meanwhile are merged and sent next, so nothing typed is lost. A patch
  // belongs to the contact it was made for; a failed save is retried with a growing pause.
  const pending = useRef<{ contactId: string | null; patch: ContactPatch } | null>(null);
  const inFlight = useRef(false);
  const retryMs = useRef(0);
  const flush = useRef<() => Promise<void>>(async () => {});
  flush.current = async () => {
    const queued = pending.current;
    const contactId = queued?.contactId ?? store.getState().softphone.contactId;
    if (inFlight.current || !queued || !contactId) return;
    pending.current = null;
    inFlight.current = true;
    dispatch(saveChanged({ status: 'saving', error: null }));
    try {
      await transport.invoke('contacts.update', { contactId, patch: queued.patch });
      retryMs.current = 0;
      dispatch(saveChanged({ status: 'saved', error: null }));
    } catch (error) {
      const later = pending.current as { contactId: string | null; patch: ContactPatch } | null;
      pending.current = { contactId, patch: { ...queued.patch, ...(later?.contactId === contactId || later?.contactId === null ? later.patch : {}) } };
      retryMs.current = Math.min(10_000, retryMs.current ? retryMs.current * 2 : 1000);
      dispatch(saveChanged({ status: 'failed', error: (error as Error).message }));
    } finally {
      inFlight.current = false;
      if (pending.current) {
        if (retryMs.current) setTimeout(() => void flush.current(), retryMs.current);
        else void flush.current();
      }
    }
  };
  const saveContact = (patch: ContactPatch) => {
    const contactId = store.getState().softphone.contactId;
    const queued = pending.current;
    pending.current = queued && (queued.contactId === contactId || queued.contactId === null) ? { contactId, patch: { ...queued.patch, ...patch } } : { contactId, patch };
    if (!retryMs.current) void flush.current();
  };

  /** Looks the number up and starts the call's contact (for an outbound call, about the patient it was placed for). */
  const screenPop = async (number: string, forPatient?: string) => {
    // Changes still waiting for a contact belong to an earlier call whose contact never started: not this one's.
    if (pending.current?.contactId === null) pending.current = null;
    dispatch(lookupStarted());
    // Whoever was on screen before the call is not the caller until the lookup (and the agent) says so.
    if (!forPatient) dispatch(patientSelected(null));
    let patientId: string | null = null;
    try {
      const found = await transport.invoke('patients.byPhone', { phone: number });
      dispatch(lookupDone(found));
      const chosen = found.matches.find((m) => m.patient.id === forPatient) ?? autoPickedMatch(found);
      if (chosen) {
        patientId = chosen.patient.id;
        if (forPatient) dispatch(callPatientChosen(patientId));
        dispatch(patientSelected(chosen.patient));
      }
    } catch (error) {
      dispatch(lookupFailed((error as Error).message));
    }
    try {
      const contact = await transport.invoke('contacts.start', { patientId, channel: 'call' });
      dispatch(contactStarted(contact.id));
      void flush.current();
    } catch (error) {
      dispatch(saveChanged({ status: 'failed', error: (error as Error).message }));
    }
  };

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
      if (event.type === 'incoming') void screenPop(event.call.from);
    });
    void provider.start().catch((e: unknown) => dispatch(messageShown((e as Error).message)));
    return () => {
      // Stop first, so the machine hears the call end before the listener goes.
      void provider.stop().finally(off);
    };
    // The provider is recreated only when the mode changes.
  }, [provider]);

  // Call facts follow the machine: saved whenever the phase changes. Before the call's contact exists (a caller who
  // hangs up while the lookup runs) they wait in the queue, which sends them once the contact has started.
  const phase = useAppSelector((s) => s.softphone.call.phase);
  useEffect(() => {
    const s = store.getState().softphone;
    const call = callFacts(s.call, provider.kind === 'training', Date.now());
    if (call) saveContact({ call });
  }, [phase]);

  const value = useMemo<Voice>(() => ({ provider, training, saveContact, screenPop }), [provider, training]);
  return <VoiceContext.Provider value={value}>{children}</VoiceContext.Provider>;
}
