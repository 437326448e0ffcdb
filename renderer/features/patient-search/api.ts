import type { CallerLookup, PatientSummary } from '../../../preload/contract';
import { api, request } from '../../app/api';

export const patientsApi = api.injectEndpoints({
  endpoints: (build) => ({
    searchPatients: build.query<PatientSummary[], { text: string; limit?: number }>({
      query: ({ text, limit = 25 }) => request('patients.search', { text, limit }),
      providesTags: ['Patients'],
    }),
    /** The screen-pop: who a phone number belongs to. Always asked afresh for a new call. */
    lookupCaller: build.query<CallerLookup, { phone: string }>({
      query: ({ phone }) => request('patients.byPhone', { phone }),
      providesTags: ['Patients'],
    }),
  }),
});

export const { useSearchPatientsQuery } = patientsApi;
