import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';

/** Reflects theme and language on the document whenever the settings change (here or from main). */
export function useApplySettings(): void {
  const { theme, language } = useAppSelector((s) => s.settings.value);
  const { i18n } = useTranslation();
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);
}
