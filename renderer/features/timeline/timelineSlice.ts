import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { TimelineEvent, TimelinePage } from '../../../preload/contract';
import { createAppThunk } from '../../app/hooks';
import type { RootState } from '../../app/store';
import { kindsFor, type FilterGroupId } from './kinds';

export interface TimelineFilters {
  groups: FilterGroupId[];
  from: string;
  to: string;
  text: string;
}

const pageSize = 200;

function queryOf(state: RootState, cursor?: string) {
  const { patientId, filters } = state.timeline;
  const kinds = kindsFor(filters.groups);
  return {
    patientId: patientId!,
    limit: pageSize,
    ...(kinds.length ? { kinds } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export const loadTimeline = createAppThunk('timeline/load', async (_: void, { extra, getState, rejectWithValue }) => {
  try {
    return await extra.transport.invoke('timeline.query', queryOf(getState()));
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

export const loadMoreTimeline = createAppThunk('timeline/loadMore', async (_: void, { extra, getState, rejectWithValue }) => {
  const cursor = getState().timeline.nextCursor;
  try {
    return cursor ? await extra.transport.invoke('timeline.query', queryOf(getState(), cursor)) : null;
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

interface TimelineState {
  patientId: string | null;
  filters: TimelineFilters;
  events: TimelineEvent[];
  total: number;
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'loadingMore' | 'done' | 'failed';
  error: string | null;
  requestId: string | null;
  openEventId: number | null;
}

const noFilters: TimelineFilters = { groups: [], from: '', to: '', text: '' };

const initialState: TimelineState = {
  patientId: null,
  filters: noFilters,
  events: [],
  total: 0,
  nextCursor: null,
  status: 'idle',
  error: null,
  requestId: null,
  openEventId: null,
};

const slice = createSlice({
  name: 'timeline',
  initialState,
  reducers: {
    timelinePatientChanged: (state, action: PayloadAction<string | null>) => {
      return { ...initialState, patientId: action.payload };
    },
    filtersChanged: (state, action: PayloadAction<Partial<TimelineFilters>>) => {
      state.filters = { ...state.filters, ...action.payload };
    },
    filtersCleared: (state) => {
      state.filters = noFilters;
    },
    eventOpened: (state, action: PayloadAction<number | null>) => {
      state.openEventId = action.payload;
    },
  },
  extraReducers: (b) => {
    b.addCase(loadTimeline.pending, (state, action) => {
      state.status = 'loading';
      state.requestId = action.meta.requestId;
      state.error = null;
    });
    b.addCase(loadTimeline.fulfilled, (state, action) => {
      if (state.requestId !== action.meta.requestId) return;
      const page: TimelinePage = action.payload;
      state.events = page.events;
      state.total = page.total ?? state.total;
      state.nextCursor = page.nextCursor;
      state.status = 'done';
    });
    b.addCase(loadTimeline.rejected, (state, action) => {
      if (state.requestId !== action.meta.requestId) return;
      state.status = 'failed';
      state.error = action.payload ?? 'Could not load the timeline';
    });
    b.addCase(loadMoreTimeline.pending, (state, action) => {
      state.status = 'loadingMore';
      state.requestId = action.meta.requestId;
    });
    b.addCase(loadMoreTimeline.fulfilled, (state, action) => {
      if (state.requestId !== action.meta.requestId || !action.payload) return;
      state.events.push(...action.payload.events);
      state.nextCursor = action.payload.nextCursor;
      state.status = 'done';
    });
    b.addCase(loadMoreTimeline.rejected, (state, action) => {
      if (state.requestId !== action.meta.requestId) return;
      state.status = 'failed';
      state.error = action.payload ?? 'Could not load more of the timeline';
    });
  },
});

export const { timelinePatientChanged, filtersChanged, filtersCleared, eventOpened } = slice.actions;
export const timelineReducer = slice.reducer;
