import type { Settings, SettingsPatch } from '../../../preload/contract';
import { api, request } from '../../app/api';

export const settingsApi = api.injectEndpoints({
  endpoints: (build) => ({
    settings: build.query<Settings, void>({ query: () => request('settings.get', {}), providesTags: ['Settings'] }),
    saveSettings: build.mutation<Settings, SettingsPatch>({ query: (patch) => request('settings.set', patch) }),
  }),
});

export const { useSettingsQuery } = settingsApi;
