import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Script, ScriptLanguage, StepId, TeachBack } from '../../../preload/contract';
import { createAppThunk } from '../../app/hooks';

export interface ScriptSource {
  type: 'Observation' | 'DiagnosticReport' | 'Claim' | 'ExplanationOfBenefit';
  id: string;
}

interface ScriptState {
  patientId: string | null;
  source: ScriptSource | null;
  script: Script | null;
  status: 'idle' | 'loading' | 'done' | 'failed';
  error: string | null;
  requestId: string | null;
  stepsDone: StepId[];
  teachBack: TeachBack | null;
  /** The contact outcomes are recorded on (one per patient until a call sets its own). */
  contact: { id: string; patientId: string } | null;
  save: { status: 'idle' | 'saving' | 'saved' | 'failed'; error: string | null };
  /** Steps done and teach-back per result or bill this session, so coming back to one (or switching its language) keeps them. */
  progress: Record<string, { stepsDone: StepId[]; teachBack: TeachBack | null }>;
}

const keyOf = (patientId: string | null, source: ScriptSource | null) => `${patientId ?? ''}|${source?.type ?? ''}/${source?.id ?? ''}`;

const initialState: ScriptState = {
  patientId: null,
  source: null,
  script: null,
  status: 'idle',
  error: null,
  requestId: null,
  stepsDone: [],
  teachBack: null,
  contact: null,
  save: { status: 'idle', error: null },
  progress: {},
};

export const openScript = createAppThunk(
  'script/open',
  async (a: { patientId: string; source: ScriptSource; language?: ScriptLanguage }, { extra, rejectWithValue }) => {
    try {
      return await extra.transport.invoke('scripts.build', {
        patientId: a.patientId,
        source: a.source,
        ...(a.language ? { language: a.language } : {}),
      });
    } catch (error) {
      return rejectWithValue((error as Error).message);
    }
  },
);

/** Saves the steps done and the teach-back outcome on the current contact (starting one if there is none). */
export const saveOutcome = createAppThunk('script/save', async (_: void, { extra, getState, rejectWithValue }) => {
  const s = getState().script;
  if (!s.script || !s.patientId) return null;
  try {
    // During a call about this patient, the call's contact; otherwise one contact per patient opened by hand.
    const phone = getState().softphone;
    const onCall = phone.call.phase !== 'idle' && phone.contactId && phone.patientId === s.patientId;
    let contact = onCall ? { id: phone.contactId!, patientId: s.patientId } : s.contact?.patientId === s.patientId ? s.contact : null;
    if (!contact) {
      const started = await extra.transport.invoke('contacts.start', { patientId: s.patientId, channel: 'manual' });
      contact = { id: started.id, patientId: s.patientId };
    }
    await extra.transport.invoke('contacts.recordScript', {
      contactId: contact.id,
      source: { type: s.script.source.type as ScriptSource['type'], id: s.script.source.id },
      title: s.script.title,
      language: s.script.language,
      teachBack: s.teachBack,
      stepsDone: s.stepsDone,
    });
    return onCall ? s.contact : contact;
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

const slice = createSlice({
  name: 'script',
  initialState,
  reducers: {
    scriptPatientChanged: (state, action: PayloadAction<string | null>) => {
      if (state.patientId === action.payload) return state;
      return { ...initialState, patientId: action.payload, contact: state.contact, progress: state.progress };
    },
    stepToggled: (state, action: PayloadAction<StepId>) => {
      const id = action.payload;
      state.stepsDone = state.stepsDone.includes(id) ? state.stepsDone.filter((s) => s !== id) : [...state.stepsDone, id];
      state.progress[keyOf(state.patientId, state.source)] = { stepsDone: state.stepsDone, teachBack: state.teachBack };
    },
    teachBackSet: (state, action: PayloadAction<TeachBack | null>) => {
      state.teachBack = action.payload;
      state.progress[keyOf(state.patientId, state.source)] = { stepsDone: state.stepsDone, teachBack: state.teachBack };
    },
    scriptClosed: (state) => ({ ...initialState, patientId: state.patientId, contact: state.contact, progress: state.progress }),
  },
  extraReducers: (b) => {
    b.addCase(openScript.pending, (state, action) => {
      const sameSource = state.source?.type === action.meta.arg.source.type && state.source.id === action.meta.arg.source.id;
      state.status = 'loading';
      state.error = null;
      state.requestId = action.meta.requestId;
      state.patientId = action.meta.arg.patientId;
      state.source = action.meta.arg.source;
      // Switching language keeps what was done; another result starts where it was left (or afresh).
      if (!sameSource) {
        const kept = state.progress[keyOf(action.meta.arg.patientId, action.meta.arg.source)];
        state.stepsDone = kept?.stepsDone ?? [];
        state.teachBack = kept?.teachBack ?? null;
        state.save = { status: 'idle', error: null };
      }
    });
    b.addCase(openScript.fulfilled, (state, action) => {
      if (state.requestId !== action.meta.requestId) return;
      state.script = action.payload;
      state.status = 'done';
    });
    b.addCase(openScript.rejected, (state, action) => {
      if (state.requestId !== action.meta.requestId) return;
      state.status = 'failed';
      state.script = null;
      state.error = action.payload ?? 'Could not build the script';
    });
    b.addCase(saveOutcome.pending, (state) => {
      state.save = { status: 'saving', error: null };
    });
    b.addCase(saveOutcome.fulfilled, (state, action) => {
      if (action.payload) state.contact = action.payload;
      state.save = { status: 'saved', error: null };
    });
    b.addCase(saveOutcome.rejected, (state, action) => {
      state.save = { status: 'failed', error: action.payload ?? 'Could not save' };
    });
  },
});

export const { scriptPatientChanged, stepToggled, teachBackSet, scriptClosed } = slice.actions;
export const scriptReducer = slice.reducer;
