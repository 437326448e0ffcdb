import { createAppThunk } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { contactsApi } from '../contacts/api';
import { patientOpened } from '../current-patient/currentPatientSlice';
import { patientsApi } from '../patient-search/api';
import { autoPickedMatch } from '../screen-pop/autoPick';
import { callPatientChosen, contactStarted, lookupDone, lookupFailed, lookupStarted, saveChanged } from './softphoneSlice';

/** Looks the number up and starts the call's contact (for an outbound call, about the patient it was placed for). */
export const startScreenPop = createAppThunk('softphone/screenPop', async (a: { number: string; forPatient?: string }, { dispatch }) => {
  dispatch(lookupStarted());
  // Whoever was on screen before the call is not the caller until the lookup (and the agent) says so.
  if (!a.forPatient) dispatch(patientOpened(null));
  let patientId: string | null = null;
  const lookup = await dispatch(patientsApi.endpoints.lookupCaller.initiate({ phone: a.number }, { subscribe: false, forceRefetch: true }));
  if (lookup.data) {
    dispatch(lookupDone(lookup.data));
    const chosen = lookup.data.matches.find((m) => m.patient.id === a.forPatient) ?? autoPickedMatch(lookup.data);
    if (chosen) {
      patientId = chosen.patient.id;
      if (a.forPatient) dispatch(callPatientChosen(patientId));
      dispatch(patientOpened(chosen.patient));
    }
  } else {
    dispatch(lookupFailed(messageOf(lookup.error, 'The caller could not be looked up')));
  }
  const started = await dispatch(contactsApi.endpoints.startContact.initiate({ patientId, channel: 'call' }));
  if (started.data) dispatch(contactStarted(started.data.id));
  else dispatch(saveChanged({ status: 'failed', error: messageOf(started.error, 'The contact could not be started') }));
});
