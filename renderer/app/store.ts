import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { appInfoReducer } from '../features/app-info/appInfoSlice';
import { currentPatientReducer } from '../features/current-patient/currentPatientSlice';
import { importReducer } from '../features/import/importSlice';
import { patientSearchReducer } from '../features/patient-search/patientSearchSlice';
import { scriptReducer } from '../features/script-panel/scriptSlice';
import { createContactSaveQueue, type ContactSaveQueue, type SaveStatus } from '../features/softphone/contactSaveQueue';
import { saveChanged, softphoneReducer } from '../features/softphone/softphoneSlice';
import { settingsReducer } from '../features/settings/settingsSlice';
import { timelineReducer } from '../features/timeline/timelineSlice';
import { api } from './api';
import { registerListeners } from './registerListeners';
import { createListeners, type AppStartListening } from './listeners';
import type { Transport } from './transport';

const rootReducer = combineReducers({
  [api.reducerPath]: api.reducer,
  appInfo: appInfoReducer,
  settings: settingsReducer,
  currentPatient: currentPatientReducer,
  patientSearch: patientSearchReducer,
  timeline: timelineReducer,
  imports: importReducer,
  script: scriptReducer,
  softphone: softphoneReducer,
});

export function createStore(transport: Transport) {
  let showSaveStatus: (status: SaveStatus) => void = () => {};
  const contactSaves = createContactSaveQueue({
    send: (contactId, patch) => transport.invoke('contacts.update', { contactId, patch }),
    onStatus: (status) => showSaveStatus(status),
  });
  const extra: ThunkExtra = { transport, contactSaves };
  const listeners = createListeners(extra);
  const store = configureStore({
    reducer: rootReducer,
    middleware: (getDefault) =>
      getDefault({ thunk: { extraArgument: extra } })
        .prepend(listeners.middleware)
        .concat(api.middleware),
  });
  showSaveStatus = (status) => store.dispatch(saveChanged(status));
  registerListeners(listeners.startListening as unknown as AppStartListening);
  return store;
}

export type RootState = ReturnType<typeof rootReducer>;
export type AppStore = ReturnType<typeof createStore>;
export type AppDispatch = AppStore['dispatch'];
export interface ThunkExtra {
  transport: Transport;
  contactSaves: ContactSaveQueue;
}
