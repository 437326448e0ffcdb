import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppInfo } from '../../../preload/contract';
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
  dismissedNotices: number;
}

const initialState: AppInfoState = { info: null, error: null, connected: false, dismissedNotices: 0 };

const slice = createSlice({
  name: 'appInfo',
  initialState,
  reducers: {
    connectionChanged: (state, action: PayloadAction<boolean>) => {
      state.connected = action.payload;
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
