import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../preload/contract';
import { eventClock, formatGroup, groupKey } from './format';

/** What a row or the details are drawn with; passed down, so that a list of rows does not look each one up. */
export interface Wording {
  t: TFunction;
  language: string;
  /** The organisation's IANA zone (settings): its own abbreviation is used for clock times in its offset. */
  organisationZone: string;
}

/**
 * When an event happened, as the source wrote it. `short` (a timeline row, beside its day): the clock time only,
 * followed by " · ", and nothing for dates without a time. Otherwise (the details): the date or partial date too.
 * A clock time is on the source's clock; its zone is named for appointments, and wherever it is not the agent's.
 */
export function EventWhen({ event, wording, short = false }: { event: TimelineEvent; wording: Wording; short?: boolean }) {
  const { t, language, organisationZone } = wording;
  const c = eventClock(event, language, organisationZone);
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
      {formatGroup(groupKey(event), language, t)}
      {time && <> {time}</>}
    </>
  );
}
