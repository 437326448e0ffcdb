import type { DesktopCallStatus } from '../../../preload/contract';
import { api, request } from '../../app/api';

export const desktopApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** The tray, taskbar badge and OS notification follow the call: main is told what to show. */
    reportCallStatus: build.mutation<{ ok: true }, DesktopCallStatus>({ query: (status) => request('desktop.callStatus', status) }),
  }),
});

export const { useReportCallStatusMutation } = desktopApi;
