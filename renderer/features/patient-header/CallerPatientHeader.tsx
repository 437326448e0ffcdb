import { useAppSelector } from '../../app/hooks';
import { selectCurrentPatientId } from '../current-patient/currentPatientSlice';
import { ScreenPop } from '../screen-pop/ScreenPop';
import { isInCallSession } from '../softphone/callPhases';
import { PatientHeader } from './PatientHeader';

/**
 * One header for who is on screen and who is on the line: the patient's facts, and during a call the caller's
 * context (candidates, earlier contacts, the identity check) beside them. When the call is about the patient on
 * screen, the name is shown once (the caller section keeps it for screen readers only).
 */
export function CallerPatientHeader() {
  const inCall = useAppSelector((s) => isInCallSession(s.softphone.call.phase));
  const samePatient = useAppSelector((s) => s.softphone.callPatientId !== null && s.softphone.callPatientId === selectCurrentPatientId(s));
  return (
    <div className={`caller-patient${inCall ? ' in-call' : ''}${samePatient ? ' same-patient' : ''}`}>
      <PatientHeader />
      <ScreenPop />
    </div>
  );
}
