import { createAppThunk } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { contactsApi } from '../contacts/api';
import { isInCallSession } from '../softphone/callPhases';
import { scriptsApi } from './api';
import { manualContactStarted, scriptSaveChanged, selectScriptProgress } from './scriptSlice';

/** Saves the steps done and the teach-back outcome on the current contact (starting one if there is none). */
export const saveScriptOutcome = createAppThunk('script/saveOutcome', async (_: void, { dispatch, getState }) => {
  const state = getState();
  const open = state.script.open;
  const script = open ? scriptsApi.endpoints.buildScript.select(open)(state).data : undefined;
  if (!open || !script) return;
  const { stepsDone, teachBack } = selectScriptProgress(state);
  // During a call about this patient, the call's contact; otherwise one contact per patient opened by hand.
  const phone = state.softphone;
  const onCall = isInCallSession(phone.call.phase) && phone.contactId !== null && phone.callPatientId === open.patientId;
  const manual = state.script.manualContact;
  let contactId = onCall ? phone.contactId : manual?.patientId === open.patientId ? manual.id : null;
  dispatch(scriptSaveChanged({ status: 'saving', error: null }));
  if (!contactId) {
    const started = await dispatch(contactsApi.endpoints.startContact.initiate({ patientId: open.patientId, channel: 'manual' }));
    if (!started.data) {
      dispatch(scriptSaveChanged({ status: 'failed', error: messageOf(started.error, 'Could not save') }));
      return;
    }
    contactId = started.data.id;
    dispatch(manualContactStarted({ id: contactId, patientId: open.patientId }));
  }
  const saved = await dispatch(
    contactsApi.endpoints.recordScript.initiate({
      contactId,
      source: open.source,
      title: script.title,
      language: script.language,
      teachBack,
      stepsDone,
    }),
  );
  dispatch(scriptSaveChanged(saved.data ? { status: 'saved', error: null } : { status: 'failed', error: messageOf(saved.error, 'Could not save') }));
});
