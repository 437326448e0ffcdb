import { useTranslation } from 'react-i18next';
import { Region } from '../layout/Region';

export function ScriptPanel() {
  const { t } = useTranslation();
  return (
    <Region label={t('regions.scriptPanel')} className="script-panel">
      <p className="empty">{t('script.empty')}</p>
    </Region>
  );
}
