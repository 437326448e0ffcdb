import { useTranslation } from 'react-i18next';
import type { IdentityCheck } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectCurrentPatient } from '../current-patient/currentPatientSlice';
import { contactPatched, identityChanged } from '../softphone/softphoneSlice';

type Identifier = IdentityCheck['identifiers'][number];
const identifiers: Identifier[] = ['birthDate', 'postalCode', 'name', 'phone', 'mrn'];

/**
 * Two identifiers the caller gives correctly verify them; until then nothing beyond the patient's name is shared
 * (the timeline and scripts stay closed). The outcome, never the values, is recorded on the contact.
 */
export function IdentityCheckForm() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const identity = useAppSelector((s) => s.softphone.identity);
  const patient = useAppSelector(selectCurrentPatient);
  const set = (next: IdentityCheck) => {
    dispatch(identityChanged(next));
    dispatch(contactPatched({ identity: next }));
  };
  const toggle = (id: Identifier) => {
    const has = identity.identifiers.includes(id);
    set({
      outcome: identity.outcome === 'verified' ? 'not-done' : identity.outcome,
      identifiers: has ? identity.identifiers.filter((x) => x !== id) : [...identity.identifiers, id],
    });
  };
  const expected: Partial<Record<Identifier, string | null | undefined>> = {
    birthDate: patient?.birthDate,
    name: patient?.name,
    phone: patient?.phone,
    mrn: patient?.mrn,
  };

  if (identity.outcome === 'verified') {
    return (
      <p role="status" className="identity verified">
        {t('identity.verified', { count: identity.identifiers.length })}{' '}
        <button type="button" className="link" onClick={() => set({ outcome: 'not-done', identifiers: [] })}>
          {t('identity.redo')}
        </button>
      </p>
    );
  }
  return (
    <fieldset className="identity">
      <legend>{t('identity.legend')}</legend>
      <p className="muted">{t('identity.hint')}</p>
      {identifiers.map((id) => (
        <label key={id} className="identity-item">
          <input type="checkbox" checked={identity.identifiers.includes(id)} onChange={() => toggle(id)} />
          {t(`identity.identifiers.${id}`)}
          {expected[id] ? <span className="expected"> ({expected[id]})</span> : null}
        </label>
      ))}
      <div className="identity-actions">
        <button
          type="button"
          className="primary"
          disabled={identity.identifiers.length < 2}
          onClick={() => set({ outcome: 'verified', identifiers: identity.identifiers })}
        >
          {t('identity.confirm')}
        </button>
        <button type="button" onClick={() => set({ outcome: 'failed', identifiers: identity.identifiers })}>
          {t('identity.failed')}
        </button>
      </div>
      {identity.outcome === 'failed' && (
        <p role="alert" className="inline-error">
          {t('identity.failedNote')}
        </p>
      )}
    </fieldset>
  );
}
