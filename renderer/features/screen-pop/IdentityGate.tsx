import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import type { RootState } from '../../app/store';
import { selectCurrentPatient } from '../current-patient/currentPatientSlice';
import { isLive } from '../softphone/callPhases';

/**
 * On the line, only the call's own patient, once verified, is open: not a patient left on screen from before, not one
 * found by search until the call is linked to them and they are verified.
 */
export const selectIdentityGated = (s: RootState): boolean => {
  const { call, callPatientId, identity } = s.softphone;
  const patient = selectCurrentPatient(s);
  return isLive(call.phase) && !(patient && patient.id === callPatientId && identity.outcome === 'verified');
};

/** While a caller about a patient is on the line, nothing beyond the name is shown until identity is verified. */
export function IdentityGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const gated = useAppSelector(selectIdentityGated);
  if (!gated) return <>{children}</>;
  return (
    <p className="identity-gate" role="note">
      {t('identity.gate')}
    </p>
  );
}
