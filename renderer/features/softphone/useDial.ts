import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectCurrentPatientId } from '../current-patient/currentPatientSlice';
import { callInput, messageShown } from './softphoneSlice';
import { useCallSession } from './CallSession';

/** Places an outbound call after checking the number (any common US format, or E.164). */
export function useDial() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { provider, screenPop } = useCallSession();
  const patientId = useAppSelector(selectCurrentPatientId);
  return async (number: string): Promise<boolean> => {
    const parsed = parsePhoneNumberFromString(number, 'US');
    if (!parsed?.isValid()) {
      dispatch(messageShown(t('softphone.badNumber', { number })));
      return false;
    }
    try {
      const info = await provider.dial(parsed.number);
      dispatch(callInput({ kind: 'agent', command: { type: 'dial', call: info } }));
      void screenPop(info.to, patientId ?? undefined);
      return true;
    } catch (e) {
      dispatch(messageShown((e as Error).message));
      return false;
    }
  };
}
