import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** What the agent typed, and the text last sent as a search (after the debounce, or at once on Enter). */
interface PatientSearchState {
  query: string;
  searched: string;
}

const initialState: PatientSearchState = { query: '', searched: '' };

const slice = createSlice({
  name: 'patientSearch',
  initialState,
  reducers: {
    queryChanged: (state, action: PayloadAction<string>) => {
      state.query = action.payload;
      if (!action.payload.trim()) state.searched = '';
    },
    searchSubmitted: (state) => {
      state.searched = state.query.trim();
    },
  },
});

export const { queryChanged, searchSubmitted } = slice.actions;
export const patientSearchReducer = slice.reducer;
