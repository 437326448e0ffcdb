import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { defaultSettings, type Settings, type SettingsPatch } from '../../../preload/contract';
import { createAppThunk } from '../../app/hooks';

export const loadSettings = createAppThunk('settings/load', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.transport.invoke('settings.get', {});
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

export const saveSettings = createAppThunk('settings/save', async (patch: SettingsPatch, { extra, rejectWithValue }) => {
  try {
    return await extra.transport.invoke('settings.set', patch);
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

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
    b.addCase(loadSettings.fulfilled, done);
    b.addCase(saveSettings.fulfilled, done);
    // Optimistic: the switch follows the click at once; a refusal from main puts it back.
    b.addCase(saveSettings.pending, (state, action) => {
      const patch = action.meta.arg;
      if (patch.theme) state.value.theme = patch.theme;
      if (patch.language) state.value.language = patch.language;
    });
    b.addCase(saveSettings.rejected, (state, action) => {
      state.error = action.payload ?? 'Could not save settings';
    });
    b.addCase(loadSettings.rejected, (state, action) => {
      state.error = action.payload ?? 'Could not load settings';
    });
  },
});

export const { settingsChanged } = slice.actions;
export const settingsReducer = slice.reducer;
