import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';

const onTheLine = new Set(['ringing', 'dialing', 'connecting', 'active', 'on-hold', 'reconnecting']);

/** While a caller about a patient is on the line, nothing beyond the name is shown until identity is verified. */
export function IdentityGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { call, patientId, identity } = useAppSelector((s) => s.softphone);
  const selected = useAppSelector((s) => s.patientSearch.selected);
  // On the line, only the call's own patient, once verified, is open: not a patient left on screen from before, not
  // one found by search until the call is linked to them and they are verified.
  const gated = onTheLine.has(call.phase) && !(selected && selected.id === patientId && identity.outcome === 'verified');
  if (!gated) return <>{children}</>;
  return (
    <p className="identity-gate" role="note">
      {t('identity.gate')}
    </p>
  );
}
