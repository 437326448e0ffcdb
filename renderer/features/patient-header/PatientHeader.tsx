import { useTranslation } from 'react-i18next';
import type { PatientPhone, PatientSummary } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { patientOpened, selectCurrentPatient } from '../current-patient/currentPatientSlice';
import { patientsApi } from '../patient-search/api';
import { selectIdentityGated } from '../screen-pop/IdentityGate';
import { isInCallSession } from '../softphone/callPhases';
import { Region } from '../layout/Region';
import { useDial } from '../softphone/useDial';
import { PatientMarks, phoneUse } from './PatientMarks';

export function PatientHeader() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const patient = useAppSelector(selectCurrentPatient);
  const gated = useAppSelector(selectIdentityGated);
  const idle = useAppSelector((s) => !isInCallSession(s.softphone.call.phase));
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
  const openSurvivor = async (id: string) => {
    const found = await dispatch(patientsApi.endpoints.searchPatients.initiate({ text: id, limit: 5 }, { subscribe: false }));
    const survivor = found.data?.find((p) => p.id === id);
    if (survivor) dispatch(patientOpened(survivor));
  };
  const phoneLabel = (p: PatientPhone) =>
    [
      p.ext ? t('patient.ext', { ext: p.ext }) : '',
      p.via === 'contact' ? (p.viaLabel ? t('patient.contactNumber', { who: p.viaLabel }) : t('patient.contactNumberUnnamed')) : phoneUse(t, p.use),
    ]
      .filter(Boolean)
      .join(' · ');
  const recordLine = (source: string, mrn: string | null, how: string) => [source, mrn ? t('patient.recordMrn', { mrn }) : '', how].filter(Boolean).join(' · ');
  const phones: PatientPhone[] = patient
    ? patient.phones.length
      ? patient.phones
      : patient.phone
        ? [{ number: patient.phone, ext: null, use: null, via: 'own', viaLabel: null }]
        : []
    : [];
  return (
    <Region label={t('regions.patientHeader')} className="patient-header">
      {patient ? (
        <div className="patient-card">
          <p className="patient-name">
            {patient.name} <PatientMarks patient={patient} />
          </p>
          <PatientNotices patient={patient} onOpenSurvivor={(id) => void openSurvivor(id)} />
          {/* Before the caller is verified, the name only: no date of birth, MRN, numbers or records. */}
          {!gated && (
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
                  {phones.length === 0 && t('patient.unknown')}
                  {phones.length > 0 && (
                    <ul className="phone-list">
                      {phones.map((p) => (
                        <li key={`${p.number};${p.ext ?? ''};${p.via};${p.viaLabel ?? ''}`}>
                          {p.number}
                          {phoneLabel(p) && <span className="phone-meta"> · {phoneLabel(p)}</span>}
                          {idle && (
                            <button type="button" className="link" onClick={() => void dial(p.number)}>
                              {t('softphone.callPatient', { number: p.number })}
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('patient.language')}</dt>
                <dd>{languageName(patient.language)}</dd>
              </div>
              {patient.linked.length > 0 && (
                <div>
                  <dt>{t('patient.records')}</dt>
                  <dd>
                    <ul className="record-list">
                      <li>{recordLine(patient.source, patient.mrn, t('patient.recordThis'))}</li>
                      {patient.linked.map((r) => (
                        <li key={r.id}>
                          {recordLine(r.source, r.mrn, t(`patient.record.${r.how}`))}
                          {r.how === 'see-also' && (
                            <button type="button" className="link" onClick={() => void openSurvivor(r.id)}>
                              {t('patient.openRecord', { name: r.name })}
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
          )}
          <button type="button" onClick={() => dispatch(patientOpened(null))}>
            {t('patient.clear')}
          </button>
        </div>
      ) : (
        <p className="empty">{t('patient.none')}</p>
      )}
    </Region>
  );
}

/** What the agent should know before speaking: a death on record, or a record replaced by another. */
function PatientNotices({ patient, onOpenSurvivor }: { patient: PatientSummary; onOpenSurvivor: (id: string) => void }) {
  const { t } = useTranslation();
  const survivor = patient.mergedInto;
  const otherSources = patient.linked.filter((l) => l.how === 'same-identifier').length;
  const seeAlso = patient.linked.some((l) => l.how === 'see-also');
  if (!patient.deceased && !survivor && otherSources === 0 && !seeAlso) return null;
  return (
    <div className="patient-notices">
      {patient.deceased && <p className="patient-notice notice-deceased">{t('patient.deceasedLine')}</p>}
      {otherSources > 0 && <p className="patient-notice notice-linked">{t('patient.linkedLine', { count: otherSources })}</p>}
      {seeAlso && <p className="patient-notice notice-retired">{t('patient.seeAlsoLine')}</p>}
      {survivor && (
        <p className="patient-notice notice-retired">
          {survivor.name ? t('patient.mergedLine', { name: survivor.name }) : t('patient.mergedLineElsewhere')}{' '}
          {survivor.name && (
            <button type="button" onClick={() => onOpenSurvivor(survivor.id)}>
              {t('patient.openSurvivor', { name: survivor.name })}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
