import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { isInCallSession } from './callPhases';

const mmss = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')}`;

/**
 * "On call · +15555550123 · 2:41": the phase, the other party and the time since ringing or answering. Read as one
 * line; when the bar is short of room only the number gives way (ellipsis), never the phase or the timer.
 */
export function CallStatus() {
  const { t } = useTranslation();
  const { call, registered } = useAppSelector((s) => s.softphone);
  const now = useNow(isInCallSession(call.phase));
  const since = call.timers.answeredAt ?? call.timers.ringStartedAt;
  const party = call.call ? (call.call.direction === 'inbound' ? call.call.from : call.call.to) : '';
  const timed = since && call.phase !== 'wrap-up' && call.phase !== 'idle';

  return (
    <span role="status" className={`call-status phase-${call.phase}`}>
      {/* Idle but not signed in is not "Available": no call can reach this desk. */}
      <span>{!registered && call.phase === 'idle' ? t('softphone.offline') : t(`softphone.phase.${call.phase}`)}</span>
      {party && (
        <span className="call-party" title={party}>
          {` · ${party}`}
        </span>
      )}
      {timed && <span className="call-timer">{` · ${mmss(Math.max(0, now - since))}`}</span>}
    </span>
  );
}
