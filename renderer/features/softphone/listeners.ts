import type { AppStartListening } from '../../app/listeners';
import { callFacts } from './callFacts';
import { isInCallSession } from './callPhases';
import { callInput, contactPatched, contactStarted } from './softphoneSlice';

/** The call's contact follows the call: every change goes through the contact-save queue (extra.contactSaves). */
export function softphoneListeners(start: AppStartListening): void {
  start({
    actionCreator: contactPatched,
    effect: (action, { getState, extra }) => extra.contactSaves.save(getState().softphone.contactId, action.payload),
  });
  start({
    actionCreator: contactStarted,
    effect: (action, { extra }) => extra.contactSaves.assign(action.payload),
  });
  // Call facts are saved whenever the phase changes. Before the call's contact exists (a caller who hangs up while the
  // lookup runs) they wait in the queue, which sends them once the contact has started.
  start({
    predicate: (action, now, before) => callInput.match(action) && now.softphone.call.phase !== before.softphone.call.phase,
    effect: (_action, { getState, getOriginalState, extra }) => {
      const state = getState();
      if (!isInCallSession(getOriginalState().softphone.call.phase)) {
        // Changes still waiting for a contact belong to an earlier call whose contact never started: not this one's.
        extra.contactSaves.dropUnassigned();
      }
      const training = !state.settings.value.telephony.tokenEndpoint;
      const call = callFacts(state.softphone.call, training, Date.now());
      if (call) extra.contactSaves.save(state.softphone.contactId, { call });
    },
  });
}
