import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { trainingScenarios } from '../../../preload/contract';
import { AudioDevicesPanel } from './AudioDevicesPanel';
import { CallControls } from './CallControls';
import { isOnTheLine } from './callPhases';
import { useCallSession } from './CallSession';
import { CallStatus } from './CallStatus';
import { MoreMenu } from './MoreMenu';
import { messageShown } from './softphoneSlice';
import { TransferControls } from './TransferControls';
import type { TrainingScenario } from './voice/types';
import './softphone.css';

/**
 * The softphone strip, one row at any desk size: mode, call status and timer, the controls the call needs now, and
 * "More…" for the rest (training scenario, transfer, the training caller hanging up, audio devices). A message
 * about the phone shows under the row until dismissed.
 */
export function SoftphoneBar() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { training } = useCallSession();
  const endpoint = useAppSelector((s) => s.settings.value.telephony.tokenEndpoint);
  const { call, message, quality } = useAppSelector((s) => s.softphone);
  const phase = call.phase;
  const live = endpoint ? t('softphone.live', { endpoint: new URL(endpoint).host }) : null;

  const [scenario, setScenario] = useState<TrainingScenario | ''>('');
  const simulate = async () => {
    try {
      await training?.simulateIncoming(scenario || undefined);
    } catch (error) {
      dispatch(messageShown((error as Error).message));
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'y' && training && phase === 'idle') {
        e.preventDefault();
        void simulate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onTheLine = isOnTheLine(phase);
  // The "More…" panel closes when what it holds changes: idle, ringing, on the line, or the rest of a call.
  const menuFor = phase === 'idle' || phase === 'ringing' || phase === 'wrap-up' ? phase : onTheLine ? 'on-the-line' : 'placing';

  return (
    <section className="softphone" aria-label={t('regions.softphone')}>
      <div className="softphone-row">
        {live ? (
          <span className="softphone-live" title={live}>
            {live}
          </span>
        ) : (
          <strong className="training-badge" title={t('softphone.trainingHint')}>
            {t('softphone.training')}
          </strong>
        )}
        <CallStatus />
        {quality.length > 0 && (
          <span className="quality-warning" role="status">
            {t('softphone.quality', { what: quality.map((q) => t(`softphone.warnings.${q}`)).join(', ') })}
          </span>
        )}
        {training && phase === 'idle' && (
          <button type="button" onClick={() => void simulate()} aria-keyshortcuts="Control+Shift+Y">
            {t('softphone.simulate')}
          </button>
        )}
        <CallControls />
        {phase === 'wrap-up' && call.endReason && <span className="end-reason">{t(`softphone.endReason.${call.endReason}`)}</span>}
        <MoreMenu label={t('softphone.more')} panelLabel={t('softphone.moreLabel')} resetKey={menuFor}>
          {training && phase === 'idle' && (
            <label className="more-menu-field">
              {t('softphone.scenario')}
              <select value={scenario} onChange={(e) => setScenario(e.target.value as TrainingScenario | '')}>
                <option value="">{t('softphone.scenarios.any')}</option>
                {trainingScenarios.map((x) => (
                  <option key={x} value={x}>
                    {t(`softphone.scenarios.${x}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {onTheLine && <TransferControls />}
          {training && (phase === 'active' || phase === 'on-hold') && (
            <button type="button" onClick={() => training.remoteHangUp()}>
              {t('softphone.callerHangsUp')}
            </button>
          )}
          <AudioDevicesPanel />
        </MoreMenu>
      </div>
      {message && (
        <p role="alert" className="softphone-message">
          <span>{message}</span>
          <button type="button" className="link" onClick={() => dispatch(messageShown(null))}>
            {t('softphone.dismiss')}
          </button>
        </p>
      )}
    </section>
  );
}
