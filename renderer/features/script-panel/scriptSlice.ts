import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ScriptLanguage, ScriptSource, StepId, TeachBack } from '../../../preload/contract';
import type { RootState } from '../../app/store';
import { patientOpened } from '../current-patient/currentPatientSlice';
import type { SaveStatus } from '../softphone/contactSaveQueue';

export interface OpenScript {
  patientId: string;
  source: ScriptSource;
  /** Null: the patient's preferred language, as the script service picks it. */
  language: ScriptLanguage | null;
}

export interface ScriptProgress {
  stepsDone: StepId[];
  teachBack: TeachBack | null;
}

interface ScriptState {
  /** The result or bill whose script is open; the script itself is in RTK Query's cache (`buildScript`). */
  open: OpenScript | null;
  /** Steps done and teach-back per result or bill this session, so coming back to one (or switching its language) keeps them. */
  progress: Record<string, ScriptProgress>;
  /** The contact outcomes are recorded on outside a call: one per patient, opened by hand. */
  manualContact: { id: string; patientId: string } | null;
  save: SaveStatus;
}

export const progressKey = (patientId: string, source: ScriptSource) => `${patientId}|${source.type}/${source.id}`;
const noProgress: ScriptProgress = { stepsDone: [], teachBack: null };

const initialState: ScriptState = { open: null, progress: {}, manualContact: null, save: { status: 'idle', error: null } };

const slice = createSlice({
  name: 'script',
  initialState,
  reducers: {
    scriptOpened: (state, action: PayloadAction<{ patientId: string; source: ScriptSource }>) => {
      const { patientId, source } = action.payload;
      const same = state.open && progressKey(state.open.patientId, state.open.source) === progressKey(patientId, source);
      if (same) return;
      state.open = { patientId, source, language: null };
      state.save = { status: 'idle', error: null };
    },
    languageChosen: (state, action: PayloadAction<ScriptLanguage>) => {
      if (state.open) state.open.language = action.payload;
    },
    stepToggled: (state, action: PayloadAction<StepId>) => {
      if (!state.open) return;
      const key = progressKey(state.open.patientId, state.open.source);
      const now = state.progress[key] ?? noProgress;
      const id = action.payload;
      state.progress[key] = { ...now, stepsDone: now.stepsDone.includes(id) ? now.stepsDone.filter((s) => s !== id) : [...now.stepsDone, id] };
    },
    teachBackSet: (state, action: PayloadAction<TeachBack | null>) => {
      if (!state.open) return;
      const key = progressKey(state.open.patientId, state.open.source);
      state.progress[key] = { ...(state.progress[key] ?? noProgress), teachBack: action.payload };
    },
    scriptClosed: (state) => {
      state.open = null;
    },
    manualContactStarted: (state, action: PayloadAction<{ id: string; patientId: string }>) => {
      state.manualContact = action.payload;
    },
    scriptSaveChanged: (state, action: PayloadAction<SaveStatus>) => {
      state.save = action.payload;
    },
  },
  extraReducers: (b) => {
    // Another patient on screen closes the script (what was done is kept, per patient and result).
    b.addCase(patientOpened, (state, action) => {
      if (state.open && state.open.patientId !== action.payload?.id) state.open = null;
    });
  },
});

export const { scriptOpened, languageChosen, stepToggled, teachBackSet, scriptClosed, manualContactStarted, scriptSaveChanged } = slice.actions;
export const scriptReducer = slice.reducer;

export const selectOpenScript = (s: RootState) => s.script.open;
export const selectScriptProgress = (s: RootState): ScriptProgress =>
  (s.script.open && s.script.progress[progressKey(s.script.open.patientId, s.script.open.source)]) || noProgress;
