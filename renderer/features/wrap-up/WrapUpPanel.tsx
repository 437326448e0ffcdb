import { useTranslation } from 'react-i18next';
import { Region } from '../layout/Region';

export function WrapUpPanel() {
  const { t } = useTranslation();
  return (
    <Region label={t('regions.wrapUp')} className="wrap-up">
      <p className="empty">{t('wrapUp.empty')}</p>
    </Region>
  );
}
