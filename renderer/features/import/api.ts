import type { ImportProgress, ImportSummary, ReplyOf, RequestOf } from '../../../preload/contract';
import { api, request } from '../../app/api';

export const importApi = api.injectEndpoints({
  endpoints: (build) => ({
    importStatus: build.query<{ running: ImportProgress | null; last: ImportSummary | null }, void>({
      query: () => request('import.status', {}),
      providesTags: ['ImportStatus'],
    }),
    startImport: build.mutation<ReplyOf<'import.start'>, RequestOf<'import.start'>>({ query: (input) => request('import.start', input) }),
    pickImportPaths: build.mutation<ReplyOf<'import.pickPaths'>, void>({ query: () => request('import.pickPaths', {}) }),
    cancelImport: build.mutation<ReplyOf<'import.cancel'>, string>({ query: (jobId) => request('import.cancel', { jobId }) }),
    importReport: build.mutation<ReplyOf<'import.report'>, string>({ query: (jobId) => request('import.report', { jobId }) }),
  }),
});

export const { useStartImportMutation, useCancelImportMutation, useImportReportMutation } = importApi;
