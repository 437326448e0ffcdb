import { configureStore } from '@reduxjs/toolkit';
import { appInfoReducer } from '../features/app-info/appInfoSlice';
import { importReducer } from '../features/import/importSlice';
import { patientSearchReducer } from '../features/patient-search/patientSearchSlice';
import { scriptReducer } from '../features/script-panel/scriptSlice';
import { softphoneReducer } from '../features/softphone/softphoneSlice';
import { settingsReducer } from '../features/settings/settingsSlice';
import { timelineReducer } from '../features/timeline/timelineSlice';
import type { Transport } from './transport';

export function createStore(transport: Transport) {
  return configureStore({
    reducer: {
      appInfo: appInfoReducer,
      settings: settingsReducer,
      patientSearch: patientSearchReducer,
      timeline: timelineReducer,
      imports: importReducer,
      script: scriptReducer,
      softphone: softphoneReducer,
    },
    middleware: (getDefault) => getDefault({ thunk: { extraArgument: { transport } } }),
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
export interface ThunkExtra {
  transport: Transport;
}
