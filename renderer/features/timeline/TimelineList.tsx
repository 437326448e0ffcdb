import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { EventWhen } from './EventWhen';
import { formatGroup, formatMoney, groupKey } from './format';
import { kindGlyph } from './kinds';
import { StatusBadge, statusText } from './StatusBadge';
import { eventOpened, loadMoreTimeline } from './timelineSlice';
import './timeline-status.css';

type Row = { type: 'day'; key: string } | { type: 'event'; event: TimelineEvent; index: number };

export function TimelineList() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { events, nextCursor, status } = useAppSelector((s) => s.timeline);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    const out: Row[] = [];
    let day = '';
    events.forEach((event, index) => {
      const key = groupKey(event);
      if (key !== day) {
        out.push({ type: 'day', key });
        day = key;
      }
      out.push({ type: 'event', event, index });
    });
    return out;
  }, [events]);
  const rowOfEvent = useMemo(() => {
    const map: number[] = [];
    rows.forEach((r, i) => r.type === 'event' && (map[r.index] = i));
    return map;
  }, [rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.type === 'day' ? 34 : 58),
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => setActive(0), [events.length === 0]);
  useEffect(() => {
    const last = items[items.length - 1];
    if (last && last.index >= rows.length - 10 && nextCursor && status === 'done') void dispatch(loadMoreTimeline());
  }, [items, rows.length, nextCursor, status, dispatch]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(events.length - 1, to));
    setActive(next);
    const row = rowOfEvent[next];
    if (row !== undefined) virtualizer.scrollToIndex(row, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = 8;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(events.length - 1),
      Enter: () => events[active] && dispatch(eventOpened(events[active]!.id)),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  if (events.length === 0) {
    return <p className="empty">{status === 'loading' ? t('timeline.loading') : t('timeline.noEvents')}</p>;
  }

  const activeEvent = events[active];
  return (
    <div
      ref={scroller}
      className="timeline-scroller"
      role="listbox"
      tabIndex={0}
      aria-label={t('timeline.listLabel')}
      aria-activedescendant={activeEvent ? `event-${activeEvent.id}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const style = { position: 'absolute' as const, top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` };
          if (row.type === 'day') {
            return (
              <div key={`d-${row.key}`} role="presentation" className="timeline-day" style={style} data-index={item.index} ref={virtualizer.measureElement}>
                {formatGroup(row.key, i18n.language, t)}
              </div>
            );
          }
          const e = row.event;
          const flagged = e.flag === 'abnormal' || e.flag === 'critical';
          const amount = e.amount?.patientCents ?? e.amount?.chargedCents;
          return (
            <div
              key={e.id}
              id={`event-${e.id}`}
              role="option"
              aria-selected={row.index === active}
              className={`timeline-event kind-${e.kind}${row.index === active ? ' active' : ''}${flagged ? ` row-${e.flag}` : ''}`}
              style={style}
              data-index={item.index}
              ref={virtualizer.measureElement}
              onClick={() => {
                setActive(row.index);
                dispatch(eventOpened(e.id));
              }}
            >
              <span className={`kind-badge kind-${e.kind}`} aria-hidden="true">
                {kindGlyph[e.kind]}
              </span>
              <span className="event-main">
                <span className="visually-hidden">{formatGroup(groupKey(e), i18n.language, t)}: </span>
                <span className="event-title-line">
                  <span className="event-title">{e.title}</span>
                  <StatusBadge status={e.status} />
                </span>
                <span className="event-meta">
                  <EventWhen event={e} short />
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
              {amount !== null && amount !== undefined && e.amount && (
                <span className="event-value">{formatMoney(amount, e.amount.currency, i18n.language)}</span>
              )}
              {flagged && <span className={`flag flag-${e.flag}`}>{t(`timeline.flag.${e.flag}`)}</span>}
            </div>
          );
        })}
      </div>
      {status === 'loadingMore' && <p className="loading-more">{t('timeline.loadingMore')}</p>}
    </div>
  );
}
