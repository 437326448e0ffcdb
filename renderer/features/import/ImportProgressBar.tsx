import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '../../../preload/contract';

const mb = (n: number) => (n / 1048576).toFixed(1);

export function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => x.toLocaleString(i18n.language);
  const amount =
    progress.unit === 'bytes'
      ? t('import.ofMegabytes', { done: mb(progress.done), total: mb(progress.total) })
      : t('import.ofBundles', { done: n(progress.done), total: n(progress.total) });
  const percent = progress.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <div className="import-progress">
      <label>
        <span className="import-label">{t('import.importing', { label: progress.label })}</span>
        <progress max={100} value={percent} aria-valuetext={`${percent}%`}>
          {percent}%
        </progress>
      </label>
      <p className="import-figures">
        {t('import.resources', { count: progress.read, formatted: n(progress.read) })} · {amount} · {t('import.rate', { rate: n(progress.ratePerSecond) })}
        {progress.etaSeconds !== null && ` · ${t('import.eta', { seconds: n(progress.etaSeconds) })}`}
      </p>
    </div>
  );
}
