import type { AppStartListening } from '../../app/listeners';
import { patientOpened } from '../current-patient/currentPatientSlice';
import { timelineApi } from './api';
import { selectTimelineFilters } from './timelineSlice';

/** The first page is asked for the moment a patient opens, while the screen is still being drawn. */
export function timelineListeners(start: AppStartListening): void {
  start({
    actionCreator: patientOpened,
    effect: ({ payload: patient }, { dispatch, getState }) => {
      if (patient) dispatch(timelineApi.util.prefetch('timelinePage', { patientId: patient.id, filters: selectTimelineFilters(getState()), page: 0 }, {}));
    },
  });
}
