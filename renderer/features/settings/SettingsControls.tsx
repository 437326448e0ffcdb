import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { settingsApi } from './api';

const saveSettings = settingsApi.endpoints.saveSettings.initiate;

export function SettingsControls() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { theme, language } = useAppSelector((s) => s.settings.value);
  const error = useAppSelector((s) => s.settings.error);
  return (
    <div className="settings-controls">
      <label>
        {t('settings.theme')}
        <select value={theme} onChange={(e) => void dispatch(saveSettings({ theme: e.target.value as Settings['theme'] }))}>
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
      </label>
      <label>
        {t('settings.language')}
        <select value={language} onChange={(e) => void dispatch(saveSettings({ language: e.target.value as Settings['language'] }))}>
          <option value="en" lang="en">
            English
          </option>
          <option value="es" lang="es">
            Español
          </option>
        </select>
      </label>
      {error && (
        <span role="alert" className="inline-error">
          {t('settings.saveFailed', { error })}
        </span>
      )}
    </div>
  );
}
