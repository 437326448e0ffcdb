import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppInfo } from '../../../preload/contract';
import type { ConnectionEnd } from '../../app/transport/types';
import { createAppThunk } from '../../app/hooks';

export const loadAppInfo = createAppThunk('appInfo/load', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.transport.invoke('app.info', {});
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  connected: boolean;
  /** Set when the connection was closed for good (the page must be opened again at a new address). */
  ended: ConnectionEnd | null;
  dismissedNotices: number;
}

const initialState: AppInfoState = { info: null, error: null, connected: false, ended: null, dismissedNotices: 0 };

const slice = createSlice({
  name: 'appInfo',
  initialState,
  reducers: {
    connectionChanged: (state, action: PayloadAction<boolean | { connected: boolean; ended?: ConnectionEnd }>) => {
      const { connected, ended } = typeof action.payload === 'boolean' ? { connected: action.payload, ended: undefined } : action.payload;
      state.connected = connected;
      if (ended) state.ended = ended;
    },
    noticesDismissed: (state) => {
      state.dismissedNotices = state.info?.notices.length ?? 0;
    },
  },
  extraReducers: (b) => {
    b.addCase(loadAppInfo.fulfilled, (state, action) => {
      state.info = action.payload;
      state.error = null;
    });
    b.addCase(loadAppInfo.rejected, (state, action) => {
      state.error = action.payload ?? action.error.message ?? 'Could not reach the app';
    });
  },
});

export const { connectionChanged, noticesDismissed } = slice.actions;
export const appInfoReducer = slice.reducer;
