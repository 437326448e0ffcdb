import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { PatientSummary } from '../../../preload/contract';

/**
 * The one owner of "the patient on screen". Search, the screen-pop and the patient header open a patient with
 * `patientOpened`; the timeline and the script panel react to that action in their own reducers instead of keeping
 * copies. (The patient a call is about is a fact of the call, kept by the softphone as `callPatientId`.)
 */
interface CurrentPatientState {
  patient: PatientSummary | null;
}

const initialState: CurrentPatientState = { patient: null };

const slice = createSlice({
  name: 'currentPatient',
  initialState,
  reducers: {
    patientOpened: (state, action: PayloadAction<PatientSummary | null>) => {
      state.patient = action.payload;
    },
  },
});

export const { patientOpened } = slice.actions;
export const currentPatientReducer = slice.reducer;

export const selectCurrentPatient = (s: { currentPatient: CurrentPatientState }) => s.currentPatient.patient;
export const selectCurrentPatientId = (s: { currentPatient: CurrentPatientState }) => s.currentPatient.patient?.id ?? null;
