import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shallowEqual } from 'react-redux';
import type { TimelineEvent } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { pageSelectors, timelinePageSize, useTimelinePageQuery, type TimelineView } from './api';
import { groupKey } from './format';
import { lastListSize, useRowHeight } from './useRowHeight';
import { rowId, TimelineRow } from './TimelineRow';
import { eventOpened } from './timelineSlice';

const keyboardPage = 8;
/** Pages are asked for once the view has stayed on them this long: a fast scroll does not load every page it passes. */
const settleMs = 60;

/** Keeps one page of the view in RTK Query's cache (and fetched) while it is mounted. */
const PageSubscription = memo(function PageSubscription({ view, page }: { view: TimelineView; page: number }) {
  useTimelinePageQuery({ ...view, page });
  return null;
});

const pageOf = (index: number) => Math.floor(index / timelinePageSize);

function pagesAround(first: number, last: number, total: number, also: number): number[] {
  const lastPage = pageOf(Math.max(0, total - 1));
  const from = pageOf(Math.max(0, first - timelinePageSize / 2));
  const to = Math.min(lastPage, pageOf(last + timelinePageSize / 2));
  const pages = new Set<number>();
  for (let p = from; p <= to; p++) pages.add(p);
  pages.add(Math.min(lastPage, pageOf(also)));
  return [...pages].sort((a, b) => a - b);
}

/**
 * The whole history as one virtualised list of `total` rows of one height: rows whose page is not loaded yet are
 * placeholders, and the pages in view (and half a page either side) are loaded, wherever the list is scrolled or
 * jumped to (End). Mounted per patient and filters (keyed), so it starts at the newest event.
 */
export function TimelineList({ view, total }: { view: TimelineView; total: number }) {
  const { t, i18n } = useTranslation();
  const organisationZone = useAppSelector((s) => s.settings.value.organisation.timeZone);
  const wording = useMemo(() => ({ t, language: i18n.language, organisationZone }), [t, i18n.language, organisationZone]);
  const dispatch = useAppDispatch();
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = useRowHeight(scroller);

  // The list re-renders as it scrolls, by design; no React Compiler here to be confused by the virtualiser's API.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    initialRect: lastListSize(),
    overscan: 8,
    // The active row stays rendered while the agent scrolls away from it: it is the list's active descendant.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      return active < total && !indexes.includes(active) ? [...indexes, active].sort((a, b) => a - b) : indexes;
    },
  });
  const measuredHeight = useRef(rowHeight);
  useEffect(() => {
    if (measuredHeight.current === rowHeight) return;
    measuredHeight.current = rowHeight;
    virtualizer.measure();
  }, [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();

  // What is on screen, not the rendered rows: those include the active row, which may be far away.
  const first = virtualizer.range?.startIndex ?? items[0]?.index ?? 0;
  const last = virtualizer.range?.endIndex ?? first;
  const wantedKey = pagesAround(first, last, total, active).join(',');
  const [settledKey, setSettledKey] = useState(wantedKey);
  useEffect(() => {
    const timer = setTimeout(() => setSettledKey(wantedKey), settleMs);
    return () => clearTimeout(timer);
  }, [wantedKey]);
  const settledPages = useMemo(() => settledKey.split(',').map(Number), [settledKey]);

  const shownKey = [...new Set(items.map((i) => pageOf(i.index)))].join(',');
  const shown = useMemo(() => pageSelectors(view, shownKey ? shownKey.split(',').map(Number) : []), [view, shownKey]);
  const pageData = useAppSelector((s) => shown.map(({ select }) => select(s).data), shallowEqual);
  const settled = useMemo(() => pageSelectors(view, settledPages), [view, settledPages]);
  const error = useAppSelector((s) => settled.map(({ select }) => select(s).error).find((e) => e !== undefined));
  const eventAt = (index: number): TimelineEvent | undefined => {
    const at = shown.findIndex((p) => p.page === pageOf(index));
    return at < 0 ? undefined : pageData[at]?.events[index % timelinePageSize];
  };

  const open = useCallback(
    (index: number, event: TimelineEvent | undefined) => {
      setActive(index);
      if (event) dispatch(eventOpened(event));
    },
    [dispatch],
  );

  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + keyboardPage),
      PageUp: () => move(active - keyboardPage),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const event = eventAt(active);
        if (event) dispatch(eventOpened(event));
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const failure = error ? messageOf(error, '') : '';
  return (
    <div className="timeline-list">
      {settledPages.map((page) => (
        <PageSubscription key={page} view={view} page={page} />
      ))}
      {failure && (
        <p role="alert" className="inline-error">
          {failure}
        </p>
      )}
      <div
        ref={scroller}
        className="timeline-scroller"
        role="listbox"
        tabIndex={0}
        aria-label={t('timeline.listLabel')}
        aria-activedescendant={rowId(active)}
        onKeyDown={onKeyDown}
      >
        <div className="timeline-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const event = eventAt(item.index);
            const previous = item.index > 0 ? eventAt(item.index - 1) : undefined;
            const showGroup = !!event && (item.index === first || !previous || groupKey(previous) !== groupKey(event));
            return (
              <TimelineRow
                key={item.key}
                index={item.index}
                event={event}
                total={total}
                showGroup={showGroup}
                active={item.index === active}
                top={item.start}
                height={item.size}
                wording={wording}
                onOpen={open}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
