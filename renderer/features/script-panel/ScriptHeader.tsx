import { useTranslation } from 'react-i18next';
import type { Script, ScriptLanguage } from '../../../preload/contract';
import { useAppDispatch } from '../../app/hooks';
import { languageChosen } from './scriptSlice';

const languages: ScriptLanguage[] = ['en', 'es'];

export function ScriptHeader({ script }: { script: Script }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const switchTo = (language: ScriptLanguage) => dispatch(languageChosen(language));
  const r = script.readability;
  return (
    <div className="script-header">
      <h3 className="script-title">{script.title}</h3>
      <div className="script-meta">
        <div role="group" aria-label={t('script.language')} className="segmented">
          {languages.map((l) => (
            <button key={l} type="button" aria-pressed={script.language === l} onClick={() => switchTo(l)}>
              {t(`script.languages.${l}`)}
              {script.preferredLanguage === l ? ` · ${t('script.preferred')}` : ''}
            </button>
          ))}
        </div>
        <span className={`readability ${r.passes ? 'ok' : 'over'}`} title={t('script.readabilityHelp')}>
          {t('script.readability', { label: r.label, bar: r.bar })} {r.passes ? '✓' : '✗'}
        </span>
      </div>
      {script.safety !== 'explain' && (
        <p role={script.safety === 'critical' ? 'alert' : 'note'} className={`safety safety-${script.safety}`}>
          <strong>{t(`script.safety.${script.safety}`)}</strong>
          {script.safetyNote ? ` ${script.safetyNote}` : ''}
        </p>
      )}
    </div>
  );
}
