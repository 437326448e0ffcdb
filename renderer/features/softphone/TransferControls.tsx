import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useCallSession } from './CallSession';
import { callInput, messageShown } from './softphoneSlice';

/** Transfer the call to a number of the desk's directory: warm (the agent stays on) or cold (the call leaves the desk). */
export function TransferControls() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { provider } = useCallSession();
  const { phase, call } = useAppSelector((s) => s.softphone.call);
  const directory = useAppSelector((s) => s.settings.value.telephony.directory ?? []);
  const [target, setTarget] = useState('');
  const id = call?.id ?? '';
  const settled = phase === 'active' || phase === 'on-hold';
  const ok = settled ? provider.transferAvailability() : { available: false as const, reason: t('softphone.phase.reconnecting') };

  const transfer = async (mode: 'warm' | 'cold') => {
    const to = directory.find((d) => d.id === target);
    if (!to) return;
    try {
      await provider.transfer(id, to, mode);
      if (mode === 'cold') dispatch(callInput({ kind: 'agent', command: { type: 'transferred' } }));
    } catch (e) {
      dispatch(messageShown((e as Error).message));
    }
  };

  return (
    <fieldset className="transfer" title={ok.available ? undefined : ok.reason}>
      <legend>{t('softphone.transfer')}</legend>
      <select aria-label={t('softphone.transferTo')} value={target} disabled={!ok.available} onChange={(e) => setTarget(e.target.value)}>
        <option value="">{t('softphone.transferTo')}</option>
        {directory.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={!target || !ok.available} onClick={() => void transfer('warm')}>
        {t('softphone.warm')}
      </button>
      <button type="button" disabled={!target || !ok.available} onClick={() => void transfer('cold')}>
        {t('softphone.cold')}
      </button>
    </fieldset>
  );
}
