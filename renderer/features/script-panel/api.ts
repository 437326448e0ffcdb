import type { Script, ScriptLanguage, ScriptSource } from '../../../preload/contract';
import { api, request } from '../../app/api';

export const scriptsApi = api.injectEndpoints({
  endpoints: (build) => ({
    buildScript: build.query<Script, { patientId: string; source: ScriptSource; language: ScriptLanguage | null }>({
      query: ({ patientId, source, language }) => request('scripts.build', { patientId, source, ...(language ? { language } : {}) }),
      // A script reads the patient's cached results and bills: an import can change it.
      providesTags: ['Timeline'],
    }),
  }),
});

export const { useBuildScriptQuery } = scriptsApi;
