import type { AppInfo } from '../../../preload/contract';
import { api, request } from '../../app/api';

export const appInfoApi = api.injectEndpoints({
  endpoints: (build) => ({
    appInfo: build.query<AppInfo, void>({ query: () => request('app.info', {}), providesTags: ['AppInfo'] }),
  }),
});
