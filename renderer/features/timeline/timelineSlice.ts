import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { TimelineEvent } from '../../../preload/contract';
import { patientOpened } from '../current-patient/currentPatientSlice';
import type { FilterGroupId } from './kinds';

export interface TimelineFilters {
  groups: FilterGroupId[];
  from: string;
  to: string;
  text: string;
}

/** What the agent chose on the timeline. Its events live in RTK Query's cache (./api.ts), page by page. */
interface TimelineState {
  filters: TimelineFilters;
  /** The event whose details are open, whole: other features react to `eventOpened` alone. */
  openEvent: TimelineEvent | null;
}

export const noFilters: TimelineFilters = { groups: [], from: '', to: '', text: '' };

const initialState: TimelineState = { filters: noFilters, openEvent: null };

const slice = createSlice({
  name: 'timeline',
  initialState,
  reducers: {
    filtersChanged: (state, action: PayloadAction<Partial<TimelineFilters>>) => {
      state.filters = { ...state.filters, ...action.payload };
    },
    filtersCleared: (state) => {
      state.filters = noFilters;
    },
    eventOpened: (state, action: PayloadAction<TimelineEvent | null>) => {
      state.openEvent = action.payload;
    },
  },
  // Another patient (or none) starts from the whole timeline with nothing open.
  extraReducers: (b) => b.addCase(patientOpened, () => initialState),
});

export const { filtersChanged, filtersCleared, eventOpened } = slice.actions;
export const timelineReducer = slice.reducer;

export const selectTimelineFilters = (s: { timeline: TimelineState }) => s.timeline.filters;
export const selectOpenEvent = (s: { timeline: TimelineState }) => s.timeline.openEvent;
