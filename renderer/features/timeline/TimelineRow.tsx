import { memo } from 'react';
import type { TimelineEvent } from '../../../preload/contract';
import { EventWhen, type Wording } from './EventWhen';
import { formatGroup, formatMoney, groupKey } from './format';
import { kindGlyph } from './kinds';
import { StatusBadge, statusText } from './StatusBadge';

export const rowId = (index: number) => `timeline-row-${index}`;

interface RowProps {
  index: number;
  /** Undefined while its page is loading: a placeholder of the same height. */
  event: TimelineEvent | undefined;
  total: number;
  /** The day (or month, year…) is written on the first row of each group, and on the top row. */
  showGroup: boolean;
  active: boolean;
  top: number;
  height: number;
  wording: Wording;
  onOpen: (index: number, event: TimelineEvent | undefined) => void;
}

/** One line of the timeline, always `height` tall whatever the width: long text is cut with an ellipsis. */
export const TimelineRow = memo(function TimelineRow({ index, event: e, total, showGroup, active, top, height, wording, onOpen }: RowProps) {
  const { t, language } = wording;
  const common = {
    id: rowId(index),
    role: 'option',
    'aria-selected': active,
    'aria-posinset': index + 1,
    'aria-setsize': total,
    style: { height, transform: `translateY(${top}px)` },
    onClick: () => onOpen(index, e),
  } as const;
  if (!e) {
    return (
      <div {...common} aria-busy="true" className={`timeline-event placeholder${active ? ' active' : ''}`}>
        <span className="visually-hidden">{t('timeline.loading')}</span>
        <span className="placeholder-bar" aria-hidden="true" />
      </div>
    );
  }
  const group = formatGroup(groupKey(e), language, t);
  const flagged = e.flag === 'abnormal' || e.flag === 'critical';
  const amount = e.amount?.patientCents ?? e.amount?.chargedCents;
  return (
    <div {...common} className={`timeline-event kind-${e.kind}${active ? ' active' : ''}${flagged ? ` row-${e.flag}` : ''}${showGroup ? ' group-start' : ''}`}>
      <span className="event-group" aria-hidden="true">
        {showGroup ? group : ''}
      </span>
      <span className={`kind-badge kind-${e.kind}`} aria-hidden="true">
        {kindGlyph[e.kind]}
      </span>
      <span className="event-main">
        <span className="visually-hidden">{group}: </span>
        <span className="event-title">{e.title}</span>
        <StatusBadge status={e.status} t={t} />
        <span className="event-meta">
          <EventWhen event={e} wording={wording} short />
          {t(`timeline.kind.${e.kind}`)}
          {statusText(e.status, t)}
          {e.detail ? ` · ${e.detail}` : ''}
        </span>
      </span>
      {e.value && (
        <span className="event-value">
          {e.value} {e.unit}
        </span>
      )}
      {amount !== null && amount !== undefined && e.amount && <span className="event-value">{formatMoney(amount, e.amount.currency, language)}</span>}
      {flagged && <span className={`flag flag-${e.flag}`}>{t(`timeline.flag.${e.flag}`)}</span>}
    </div>
  );
});
