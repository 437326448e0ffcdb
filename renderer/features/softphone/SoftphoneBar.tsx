import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';

/** The softphone's place in the layout; until telephony is configured the desk is in training mode and says so. */
export function SoftphoneBar() {
  const { t } = useTranslation();
  const endpoint = useAppSelector((s) => s.settings.value.telephony.tokenEndpoint);
  return (
    <section className="softphone" aria-label={t('regions.softphone')}>
      {endpoint ? (
        <span className="softphone-live">{t('softphone.live', { endpoint: new URL(endpoint).host })}</span>
      ) : (
        <>
          <strong className="training-badge">{t('softphone.training')}</strong>
          <span className="softphone-hint">{t('softphone.trainingHint')}</span>
        </>
      )}
    </section>
  );
}
