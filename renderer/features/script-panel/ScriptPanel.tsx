import { useTranslation } from 'react-i18next';
import { skipToken } from '@reduxjs/toolkit/query/react';
import { useAppSelector } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { useBuildScriptQuery } from './api';
import { Region } from '../layout/Region';
import { BillTable } from './BillTable';
import { ScriptHeader } from './ScriptHeader';
import { ScriptSteps } from './ScriptSteps';
import { TeachBackControl } from './TeachBackControl';
import { selectOpenScript } from './scriptSlice';

export function ScriptPanel() {
  const { t } = useTranslation();
  const open = useAppSelector(selectOpenScript);
  const built = useBuildScriptQuery(open ?? skipToken);
  // While another result's script loads, the last one stays on screen (marked busy); after a failure, none.
  const script = open && !built.isError ? built.data : undefined;
  const status = built.isFetching ? 'loading' : 'done';
  const error = open && built.isError ? messageOf(built.error, 'Could not build the script') : null;
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
