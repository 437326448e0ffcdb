import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../preload/contract';

const uses = new Set(['home', 'work', 'mobile', 'temp']);

/** A ContactPoint.use in the agent's language ("celular"); an unknown one as written. */
export const phoneUse = (t: (key: string) => string, use: string | null): string => (use ? (uses.has(use) ? t(`patient.phoneUse.${use}`) : use) : '');

/**
 * "Deceased (2023-02-01)", "Merged into …" or "Record no longer in use" as badges: the facts that change how a call
 * goes. Plain text, so it may sit inside a button (a search result, a screen-pop candidate).
 */
export function PatientMarks({
  patient: p,
}: {
  patient: Pick<PatientSummary, 'deceased' | 'active' | 'mergedInto'> & Partial<Pick<PatientSummary, 'linked'>>;
}) {
  const { t } = useTranslation();
  // Records of the same person in other sources; a record merged into this one is this record's own history.
  const sameIdentifier = p.linked?.filter((l) => l.how === 'same-identifier').length ?? 0;
  let retired: string | null = null;
  if (p.mergedInto)
    retired = p.mergedInto.name ? t('patient.mergedInto', { name: p.mergedInto.name }) : t('patient.mergedIntoElsewhere', { id: p.mergedInto.id });
  else if (!p.active) retired = t('patient.inactive');
  return (
    <>
      {p.deceased && (
        <span className="patient-mark mark-deceased">{p.deceased === 'yes' ? t('patient.deceasedNoDate') : t('patient.deceased', { date: p.deceased })}</span>
      )}
      {retired && <span className="patient-mark mark-retired">{retired}</span>}
      {sameIdentifier > 0 && <span className="patient-mark mark-linked">{t('patient.linkedMark', { count: sameIdentifier })}</span>}
    </>
  );
}
