import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { AudioDevicesPanel } from './AudioDevicesPanel';
import { CallControls } from './CallControls';
import { trainingScenarios } from '../../../preload/contract';
import { messageShown } from './softphoneSlice';
import type { TrainingScenario } from './voice/types';
import { useVoice } from './VoiceContext';

function useTick(active: boolean) {
  const [, setNow] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
}

const mmss = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')}`;

/** The softphone strip: training badge, call status and timer, and the controls for the current call. */
export function SoftphoneBar() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { training } = useVoice();
  const endpoint = useAppSelector((s) => s.settings.value.telephony.tokenEndpoint);
  const { call, registered, message, quality } = useAppSelector((s) => s.softphone);
  useTick(call.phase !== 'idle');
  const since = call.timers.answeredAt ?? call.timers.ringStartedAt;

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
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'y' && training && call.phase === 'idle') {
        e.preventDefault();
        void simulate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="softphone" aria-label={t('regions.softphone')}>
      {endpoint ? (
        <span className="softphone-live">{t('softphone.live', { endpoint: new URL(endpoint).host })}</span>
      ) : (
        <strong className="training-badge" title={t('softphone.trainingHint')}>
          {t('softphone.training')}
        </strong>
      )}
      <span role="status" className={`call-status phase-${call.phase}`}>
        {/* Idle but not signed in is not "Available": no call can reach this desk. */}
        {!registered && call.phase === 'idle' ? t('softphone.offline') : t(`softphone.phase.${call.phase}`)}
        {call.call ? ` · ${call.call.direction === 'inbound' ? call.call.from : call.call.to}` : ''}
        {since && call.phase !== 'wrap-up' && call.phase !== 'idle' ? ` · ${mmss(Date.now() - since)}` : ''}
      </span>
      {quality.length > 0 && (
        <span className="quality-warning" role="status">
          {t('softphone.quality', { what: quality.map((q) => t(`softphone.warnings.${q}`)).join(', ') })}
        </span>
      )}
      {training && call.phase === 'idle' && (
        <>
          <select aria-label={t('softphone.scenario')} value={scenario} onChange={(e) => setScenario(e.target.value as TrainingScenario | '')}>
            <option value="">{t('softphone.scenarios.any')}</option>
            {trainingScenarios.map((x) => (
              <option key={x} value={x}>
                {t(`softphone.scenarios.${x}`)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void simulate()} aria-keyshortcuts="Control+Shift+Y">
            {t('softphone.simulate')}
          </button>
        </>
      )}
      <CallControls />
      {training && ['active', 'on-hold'].includes(call.phase) && (
        <button type="button" onClick={() => training.remoteHangUp()}>
          {t('softphone.callerHangsUp')}
        </button>
      )}
      <AudioDevicesPanel />
      {message && (
        <span role="alert" className="inline-error">
          {message}{' '}
          <button type="button" className="link" onClick={() => dispatch(messageShown(null))}>
            {t('softphone.dismiss')}
          </button>
        </span>
      )}
      {call.phase === 'wrap-up' && call.endReason && <span className="end-reason">{t(`softphone.endReason.${call.endReason}`)}</span>}
    </section>
  );
}
