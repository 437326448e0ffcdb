import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { patientSelected } from '../patient-search/patientSearchSlice';
import { Region } from '../layout/Region';
import { useDial } from '../softphone/useDial';

export function PatientHeader() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const patient = useAppSelector((s) => s.patientSearch.selected);
  const idle = useAppSelector((s) => s.softphone.call.phase === 'idle');
  const dial = useDial();
  const or = (v: string | null) => v ?? t('patient.unknown');
  const languageName = (code: string | null) => {
    if (!code) return t('patient.unknown');
    try {
      return new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <Region label={t('regions.patientHeader')} className="patient-header">
      {patient ? (
        <div className="patient-card">
          <p className="patient-name">{patient.name}</p>
          <dl className="patient-facts">
            <div>
              <dt>{t('patient.born')}</dt>
              <dd>{or(patient.birthDate)}</dd>
            </div>
            <div>
              <dt>{t('patient.mrn')}</dt>
              <dd>{or(patient.mrn)}</dd>
            </div>
            <div>
              <dt>{t('patient.phone')}</dt>
              <dd>
                {or(patient.phone)}
                {patient.phone && idle && (
                  <button type="button" className="link" onClick={() => void dial(patient.phone!)}>
                    {t('softphone.callPatient', { number: patient.phone })}
                  </button>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('patient.language')}</dt>
              <dd>{languageName(patient.language)}</dd>
            </div>
          </dl>
          <button type="button" onClick={() => dispatch(patientSelected(null))}>
            {t('patient.clear')}
          </button>
        </div>
      ) : (
        <p className="empty">{t('patient.none')}</p>
      )}
    </Region>
  );
}
