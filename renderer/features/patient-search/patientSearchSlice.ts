import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { PatientSummary } from '../../../preload/contract';
import { createAppThunk } from '../../app/hooks';

export const searchPatients = createAppThunk('patientSearch/search', async (text: string, { extra, rejectWithValue }) => {
  try {
    return await extra.transport.invoke('patients.search', { text, limit: 25 });
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

interface PatientSearchState {
  query: string;
  status: 'idle' | 'loading' | 'done' | 'failed';
  results: PatientSummary[];
  error: string | null;
  selected: PatientSummary | null;
  /** The request id of the latest search, so a slow earlier reply never overwrites a newer one. */
  latestRequest: string | null;
}

const initialState: PatientSearchState = {
  query: '',
  status: 'idle',
  results: [],
  error: null,
  selected: null,
  latestRequest: null,
};

const slice = createSlice({
  name: 'patientSearch',
  initialState,
  reducers: {
    queryChanged: (state, action: PayloadAction<string>) => {
      state.query = action.payload;
      if (!action.payload.trim()) {
        state.status = 'idle';
        state.results = [];
        state.error = null;
        state.latestRequest = null;
      }
    },
    patientSelected: (state, action: PayloadAction<PatientSummary | null>) => {
      state.selected = action.payload;
    },
  },
  extraReducers: (b) => {
    b.addCase(searchPatients.pending, (state, action) => {
      state.status = 'loading';
      state.latestRequest = action.meta.requestId;
    });
    b.addCase(searchPatients.fulfilled, (state, action) => {
      if (action.meta.requestId !== state.latestRequest) return;
      state.status = 'done';
      state.results = action.payload;
      state.error = null;
    });
    b.addCase(searchPatients.rejected, (state, action) => {
      if (action.meta.requestId !== state.latestRequest) return;
      state.status = 'failed';
      state.error = action.payload ?? action.error.message ?? 'Search failed';
    });
  },
});

export const { queryChanged, patientSelected } = slice.actions;
export const patientSearchReducer = slice.reducer;
