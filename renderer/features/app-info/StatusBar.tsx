import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';

export function StatusBar() {
  const { t } = useTranslation();
  const info = useAppSelector((s) => s.appInfo.info);
  if (!info) return null;
  return (
    <footer className="status-bar" aria-label={t('regions.status')}>
      <span>
        {t('status.mode')}: {info.mode === 'electron' ? t('status.modeElectron') : t('status.modeHost')}
      </span>
      <span title={info.dataDir}>
        {t('status.data')}: <code>{info.dataDir}</code>
      </span>
      <span>{t('status.schema', { version: info.database.schemaVersion })}</span>
      <span>{t('status.version', { version: info.version })}</span>
    </footer>
  );
}
