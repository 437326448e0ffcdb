import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { filterGroups, type FilterGroupId } from './kinds';
import { filtersChanged, filtersCleared, selectTimelineFilters } from './timelineSlice';

/** Kind chips, search and dates; `total` is how many events match (null while the first page loads). */
export function TimelineToolbar({ hidden, total, loading }: { hidden: boolean; total: number | null; loading: boolean }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const filters = useAppSelector(selectTimelineFilters);
  const [text, setText] = useState(filters.text);
  const search = useRef<HTMLInputElement>(null);

  // Cleared from outside (Clear filters, another patient): the box shows it at once.
  const [applied, setApplied] = useState(filters.text);
  if (applied !== filters.text) {
    setApplied(filters.text);
    setText(filters.text);
  }
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text !== filters.text) dispatch(filtersChanged({ text }));
    }, 250);
    return () => clearTimeout(timer);
  }, [text, filters.text, dispatch]);

  useEffect(() => {
    if (hidden) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
      if (e.key === '/' && !typing) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hidden]);

  const toggle = (id: FilterGroupId) => {
    const groups = filters.groups.includes(id) ? filters.groups.filter((g) => g !== id) : [...filters.groups, id];
    dispatch(filtersChanged({ groups }));
  };
  const active = filters.groups.length > 0 || filters.from || filters.to || filters.text;

  return (
    <div className="timeline-toolbar" hidden={hidden}>
      <div className="filter-chips" role="group" aria-label={t('timeline.filterKinds')}>
        <button type="button" className="chip" aria-pressed={filters.groups.length === 0} onClick={() => dispatch(filtersChanged({ groups: [] }))}>
          {t('timeline.groups.all')}
        </button>
        {filterGroups.map((g) => (
          <button key={g.id} type="button" className="chip" aria-pressed={filters.groups.includes(g.id)} onClick={() => toggle(g.id)}>
            {t(`timeline.groups.${g.id}`)}
          </button>
        ))}
      </div>
      <div className="timeline-search-row">
        <label className="timeline-search">
          <span className="visually-hidden">{t('timeline.search')}</span>
          <input ref={search} type="search" value={text} maxLength={200} placeholder={t('timeline.search')} onChange={(e) => setText(e.target.value)} />
          <kbd>/</kbd>
        </label>
        <label>
          {t('timeline.from')}
          <input type="date" value={filters.from} onChange={(e) => dispatch(filtersChanged({ from: e.target.value }))} />
        </label>
        <label>
          {t('timeline.to')}
          <input type="date" value={filters.to} onChange={(e) => dispatch(filtersChanged({ to: e.target.value }))} />
        </label>
        {active && (
          <button type="button" onClick={() => dispatch(filtersCleared())}>
            {t('timeline.clearFilters')}
          </button>
        )}
        <span className="timeline-count" role="status">
          {loading || total === null ? t('timeline.loading') : t('timeline.count', { count: total })}
        </span>
      </div>
    </div>
  );
}
