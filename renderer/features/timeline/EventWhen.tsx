import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../preload/contract';
import { useAppSelector } from '../../app/hooks';
import { eventClock, formatGroup, groupKey } from './format';

/**
 * When an event happened, as the source wrote it. `short` (a timeline row, under its day heading): the clock time
 * only, followed by " · ", and nothing for dates without a time. Otherwise (the details): the date or partial date too.
 * A clock time is on the source's clock; its zone is named for appointments, and wherever it is not the agent's.
 */
export function EventWhen({ event, short = false }: { event: TimelineEvent; short?: boolean }) {
  const { t, i18n } = useTranslation();
  const organisationZone = useAppSelector((s) => s.settings.value.organisation.timeZone);
  const c = eventClock(event, i18n.language, organisationZone);
  const appointment = event.kind === 'appointment';
  const showZone = c !== null && c.zone !== '' && (appointment || c.agentTime !== null);
  const time = c && (
    <>
      {c.time}
      {showZone && <span className="event-zone"> {c.zone}</span>}
      {appointment && c.agentTime && ` (${t('timeline.yourTime', { time: c.agentTime })})`}
    </>
  );
  if (short) return time ? <>{time} · </> : null;
  return (
    <>
      {formatGroup(groupKey(event), i18n.language, t)}
      {time && <> {time}</>}
    </>
  );
}
