import { useTranslation } from 'react-i18next';
import { skipToken } from '@reduxjs/toolkit/query/react';
import type { CallerMatch } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useRecentContactsQuery } from '../contacts/api';
import { patientOpened, selectCurrentPatient } from '../current-patient/currentPatientSlice';
import { PatientMarks, phoneUse } from '../patient-header/PatientMarks';
import { isInCallSession } from '../softphone/callPhases';
import { callPatientChosen, contactPatched } from '../softphone/softphoneSlice';
import { useDispositionLabel } from '../wrap-up/useDispositionLabel';
import { autoPickedMatch } from './autoPick';
import { IdentityCheckForm } from './IdentityCheckForm';

/**
 * Who is calling, on screen before the agent answers: one match (name, last contact, open callbacks, what was
 * explained before), several (a chooser), or none (search, or continue without a patient).
 */
export function ScreenPop() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { call, lookup, callPatientId: patientId, withoutPatient, identity } = useAppSelector((s) => s.softphone);
  const selected = useAppSelector(selectCurrentPatient);
  const { currentData: recent = [] } = useRecentContactsQuery(patientId ? { patientId, limit: 6 } : skipToken);
  const label = useDispositionLabel();

  if (!isInCallSession(call.phase) || !call.call) return null;
  const matches = lookup.result?.matches ?? [];
  const choose = (id: string | null) => {
    dispatch(callPatientChosen(id));
    const m = matches.find((x) => x.patient.id === id);
    dispatch(patientOpened(m ? m.patient : id && selected?.id === id ? selected : null));
    dispatch(contactPatched({ patientId: id, identity: { outcome: 'not-done', identifiers: [] } }));
  };
  const current = matches.find((m) => m.patient.id === patientId);
  const earlier = recent.filter((c) => c.startedAt < (call.timers.ringStartedAt ? new Date(call.timers.ringStartedAt).toISOString() : '9'));
  const last = earlier[0];
  const callbacks = earlier.filter((c) => c.callback && !c.callback.due.startsWith('0'));
  const explained = earlier.flatMap((c) => c.scripts);
  const verified = identity.outcome === 'verified';
  // One candidate the desk may not take on its own (deceased, retired, a contact's number) is offered, not picked.
  const offer = matches.length > 1 || (matches.length === 1 && !autoPickedMatch(lookup.result));
  const via = (m: CallerMatch) =>
    m.via === 'contact'
      ? m.viaLabel
        ? t('screenPop.contactOf', { who: m.viaLabel, name: m.patient.name })
        : t('screenPop.contactOfUnnamed', { name: m.patient.name })
      : null;

  return (
    <section className="screen-pop" aria-label={t('screenPop.label')}>
      <h2 className="region-title">{t('screenPop.label')}</h2>
      {lookup.status === 'loading' && <p role="status">{t('screenPop.looking', { number: call.call.from })}</p>}
      {lookup.status === 'failed' && (
        <p role="alert" className="inline-error">
          {lookup.error}
        </p>
      )}
      {lookup.status === 'done' && matches.length === 0 && !patientId && (
        <div className="unknown-caller">
          <p>
            <strong>{t('screenPop.unknown')}</strong> {t('screenPop.unknownHint', { number: call.call.from })}
          </p>
          {!withoutPatient && (
            <button type="button" onClick={() => choose(null)}>
              {t('screenPop.continueWithout')}
            </button>
          )}
          {withoutPatient && <p className="muted">{t('screenPop.withoutPatient')}</p>}
        </div>
      )}
      {offer && (
        <div role="group" aria-label={t('screenPop.chooser')} className="chooser">
          <p>{matches.length > 1 ? t('screenPop.several', { count: matches.length }) : t('screenPop.one')}</p>
          {matches.map((m) => (
            <button key={m.patient.id} type="button" className="candidate" aria-pressed={patientId === m.patient.id} onClick={() => choose(m.patient.id)}>
              <span className="candidate-name">
                {m.patient.name}
                {verified && m.patient.birthDate ? ` · ${m.patient.birthDate}` : ''}
                {m.via === 'own' && m.phoneUse ? ` · ${phoneUse(t, m.phoneUse)}` : ''}
              </span>
              {via(m) && <span className="candidate-via">{via(m)}</span>}
              <PatientMarks patient={m.patient} />
            </button>
          ))}
        </div>
      )}
      {selected && selected.id !== patientId && (
        <p>
          <button type="button" onClick={() => choose(selected.id)}>
            {t('screenPop.link', { name: selected.name })}
          </button>
        </p>
      )}
      {patientId && (
        <div className="caller-card">
          <p className="caller-name">
            <strong>{current?.patient.name ?? (selected?.id === patientId ? selected.name : t('screenPop.chosenPatient'))}</strong>
          </p>
          {current && <CallerNotes match={current} via={via(current)} />}
          <dl className="caller-facts">
            <dt>{t('screenPop.lastContact')}</dt>
            <dd>{last ? `${last.startedAt.slice(0, 10)}${last.disposition ? ` · ${label(last.disposition)}` : ''}` : t('screenPop.none')}</dd>
            <dt>{t('screenPop.openCallbacks')}</dt>
            <dd>
              {callbacks.length
                ? callbacks.map((c) => `${c.callback!.due.slice(0, 16).replace('T', ' ')}${verified ? ` — ${c.callback!.reason}` : ''}`).join('; ')
                : t('screenPop.none')}
            </dd>
            <dt>{t('screenPop.explainedBefore')}</dt>
            <dd>
              {explained.length
                ? verified
                  ? explained.map((s) => `${s.title}${s.teachBack ? ` (${t(`script.teachBack.${s.teachBack}`)})` : ''}`).join('; ')
                  : t('screenPop.explainedCount', { count: explained.length })
                : t('screenPop.none')}
            </dd>
          </dl>
          <IdentityCheckForm />
        </div>
      )}
    </section>
  );
}

/** How this caller relates to the record on screen: a contact's number, a merged record, a death on record. */
function CallerNotes({ match, via }: { match: CallerMatch; via: string | null }) {
  const { t } = useTranslation();
  const { patient, mergedFrom } = match;
  if (!via && !mergedFrom && !patient.deceased && patient.active) return null;
  return (
    <div className="caller-notes">
      {(patient.deceased || !patient.active) && (
        <p className="caller-marks">
          <PatientMarks patient={patient} />
        </p>
      )}
      {via && <p className="caller-note">{t('screenPop.contactHint', { via })}</p>}
      {mergedFrom && <p className="caller-note">{t('screenPop.mergedFrom', { old: mergedFrom.name, name: patient.name })}</p>}
      {patient.deceased && <p className="patient-notice notice-deceased">{t('patient.deceasedLine')}</p>}
    </div>
  );
}
