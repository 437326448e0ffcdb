import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { CallbackPromise, CallerLookup, Contact, ContactPatch, IdentityCheck } from '../../../preload/contract';
import { autoPickedMatch } from '../screen-pop/autoPick';
import { initialCallState, transition, type CallState, type MachineInput } from './callMachine';
import type { SaveStatus } from './contactSaveQueue';
import type { QualityWarning } from './voice/types';

export interface WrapUpForm {
  disposition: Contact['disposition'];
  notes: string;
  callback: CallbackPromise | null;
}

interface SoftphoneState {
  call: CallState;
  registered: boolean;
  /** Refused transitions (stale or impossible events), newest last; kept short. */
  refusals: string[];
  quality: QualityWarning[];
  /** The screen-pop: who the number belongs to, looked up before the agent answers. */
  lookup: { status: 'idle' | 'loading' | 'done' | 'failed'; result: CallerLookup | null; error: string | null };
  /** The patient this call is about (a fact of the call, recorded on its contact): chosen automatically for one match, by the agent otherwise. */
  callPatientId: string | null;
  withoutPatient: boolean;
  identity: IdentityCheck;
  contactId: string | null;
  wrapUp: WrapUpForm;
  save: SaveStatus;
  /** A plain message for the agent (a provider error, a refused dial). */
  message: string | null;
}

const noIdentity: IdentityCheck = { outcome: 'not-done', identifiers: [] };
const emptyWrapUp: WrapUpForm = { disposition: null, notes: '', callback: null };

const initialState: SoftphoneState = {
  call: initialCallState,
  registered: false,
  refusals: [],
  quality: [],
  lookup: { status: 'idle', result: null, error: null },
  callPatientId: null,
  withoutPatient: false,
  identity: noIdentity,
  contactId: null,
  wrapUp: emptyWrapUp,
  save: { status: 'idle', error: null },
  message: null,
};

const slice = createSlice({
  name: 'softphone',
  initialState,
  reducers: {
    callInput: {
      reducer: (state, action: PayloadAction<{ input: MachineInput; now: number }>) => {
        const before = state.call.phase;
        const r = transition(state.call as CallState, action.payload.input, action.payload.now);
        if (!r.ok) {
          state.refusals = [...state.refusals.slice(-19), r.error];
          console.warn(`[softphone] refused: ${r.error}`);
          return;
        }
        state.call = r.state;
        // A new call starts a new screen-pop, identity check and wrap-up.
        if (before === 'idle' && r.state.phase !== 'idle') {
          state.lookup = { status: 'idle', result: null, error: null };
          state.callPatientId = null;
          state.withoutPatient = false;
          state.identity = noIdentity;
          state.contactId = null;
          state.wrapUp = emptyWrapUp;
          state.save = { status: 'idle', error: null };
          state.quality = [];
          state.message = null;
        }
        if (r.state.phase === 'idle') state.quality = [];
      },
      prepare: (input: MachineInput, now: number = Date.now()) => ({ payload: { input, now } }),
    },
    registeredChanged: (state, action: PayloadAction<boolean>) => {
      state.registered = action.payload;
    },
    qualityChanged: (state, action: PayloadAction<QualityWarning[]>) => {
      state.quality = action.payload;
    },
    lookupStarted: (state) => {
      state.lookup = { status: 'loading', result: null, error: null };
    },
    lookupDone: (state, action: PayloadAction<CallerLookup>) => {
      state.lookup = { status: 'done', result: action.payload, error: null };
      const only = autoPickedMatch(action.payload);
      if (only && !state.callPatientId) state.callPatientId = only.patient.id;
    },
    lookupFailed: (state, action: PayloadAction<string>) => {
      state.lookup = { status: 'failed', result: null, error: action.payload };
    },
    callPatientChosen: (state, action: PayloadAction<string | null>) => {
      state.callPatientId = action.payload;
      state.withoutPatient = action.payload === null;
      state.identity = noIdentity;
    },
    identityChanged: (state, action: PayloadAction<IdentityCheck>) => {
      state.identity = action.payload;
    },
    contactStarted: (state, action: PayloadAction<string>) => {
      state.contactId = action.payload;
    },
    wrapUpChanged: (state, action: PayloadAction<Partial<WrapUpForm>>) => {
      state.wrapUp = { ...state.wrapUp, ...action.payload };
    },
    /** A change to the call's contact (identity, wrap-up, call facts): queued and saved by the contact-save queue. */
    contactPatched: (_state, _action: PayloadAction<ContactPatch>) => {},
    saveChanged: (state, action: PayloadAction<SaveStatus>) => {
      state.save = action.payload;
    },
    messageShown: (state, action: PayloadAction<string | null>) => {
      state.message = action.payload;
    },
  },
});

export const {
  callInput,
  registeredChanged,
  qualityChanged,
  lookupStarted,
  lookupDone,
  lookupFailed,
  callPatientChosen,
  identityChanged,
  contactStarted,
  wrapUpChanged,
  contactPatched,
  saveChanged,
  messageShown,
} = slice.actions;
export const softphoneReducer = slice.reducer;
