import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppInfo } from '../../../preload/contract';
import type { ConnectionEnd } from '../../app/transport/types';
import { messageOf } from '../../app/requestError';
import { appInfoApi } from './api';

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  connected: boolean;
  /** Set when the connection was closed for good (the page must be opened again at a new address). */
  ended: ConnectionEnd | null;
  /** Notices the agent dismissed, by their text: they stay dismissed when app info is read again (after a reconnect or an import). */
  dismissedNotices: string[];
}

const initialState: AppInfoState = { info: null, error: null, connected: false, ended: null, dismissedNotices: [] };

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
      state.dismissedNotices = [...new Set([...state.dismissedNotices, ...(state.info?.notices ?? [])])];
    },
  },
  extraReducers: (b) => {
    b.addMatcher(appInfoApi.endpoints.appInfo.matchFulfilled, (state, action) => {
      state.info = action.payload;
      state.error = null;
    });
    b.addMatcher(appInfoApi.endpoints.appInfo.matchRejected, (state, action) => {
      state.error = messageOf(action.payload ?? action.error, 'Could not reach the app');
    });
  },
});

export const { connectionChanged, noticesDismissed } = slice.actions;
export const appInfoReducer = slice.reducer;
