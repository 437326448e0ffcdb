import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { defaultSettings, type Settings } from '../../../preload/contract';
import { messageOf } from '../../app/requestError';
import { settingsApi } from './api';

/** The settings as this desk applies them: read and saved through settingsApi, pushed by main's `settings.changed`. */
interface SettingsState {
  value: Settings;
  loaded: boolean;
  error: string | null;
}

const initialState: SettingsState = { value: defaultSettings, loaded: false, error: null };

const slice = createSlice({
  name: 'settings',
  initialState,
  reducers: {
    settingsChanged: (state, action: PayloadAction<Settings>) => {
      state.value = action.payload;
    },
  },
  extraReducers: (b) => {
    const done = (state: SettingsState, action: PayloadAction<Settings>) => {
      state.value = action.payload;
      state.loaded = true;
      state.error = null;
    };
    b.addMatcher(settingsApi.endpoints.settings.matchFulfilled, done);
    b.addMatcher(settingsApi.endpoints.saveSettings.matchFulfilled, done);
    // Optimistic: the switch follows the click at once; a refusal from main puts it back.
    b.addMatcher(settingsApi.endpoints.saveSettings.matchPending, (state, action) => {
      const patch = action.meta.arg.originalArgs;
      if (patch.theme) state.value.theme = patch.theme;
      if (patch.language) state.value.language = patch.language;
    });
    b.addMatcher(settingsApi.endpoints.saveSettings.matchRejected, (state, action) => {
      state.error = messageOf(action.payload, 'Could not save settings');
    });
    b.addMatcher(settingsApi.endpoints.settings.matchRejected, (state, action) => {
      state.error = messageOf(action.payload, 'Could not load settings');
    });
  },
});

export const { settingsChanged } = slice.actions;
export const settingsReducer = slice.reducer;
