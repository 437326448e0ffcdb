import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { Region } from '../layout/Region';
import { BillTable } from './BillTable';
import { ScriptHeader } from './ScriptHeader';
import { ScriptSteps } from './ScriptSteps';
import { TeachBackControl } from './TeachBackControl';
import { useScriptFollowsTimeline } from './useScriptFollowsTimeline';

export function ScriptPanel() {
  const { t } = useTranslation();
  useScriptFollowsTimeline();
  const { script, status, error } = useAppSelector((s) => s.script);
  return (
    <Region label={t('regions.scriptPanel')} className="script-panel">
      {status === 'loading' && !script && <p role="status">{t('script.loading')}</p>}
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
      {!script && status !== 'loading' && !error && <p className="empty">{t('script.empty')}</p>}
      {script && (
        <div className="script" aria-busy={status === 'loading'}>
          <ScriptHeader script={script} />
          <ScriptSteps script={script} />
          {script.bill && <BillTable bill={script.bill} language={script.language} />}
          <TeachBackControl />
        </div>
      )}
    </Region>
  );
}
