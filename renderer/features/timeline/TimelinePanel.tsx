import { skipToken } from '@reduxjs/toolkit/query/react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { selectCurrentPatientId } from '../current-patient/currentPatientSlice';
import { Region } from '../layout/Region';
import { useTimelinePageQuery, type TimelineView } from './api';
import { EventDrawer } from './EventDrawer';
import { prepareFormats } from './format';
import { TimelineList } from './TimelineList';
import { TimelineToolbar } from './TimelineToolbar';
import { selectOpenEvent, selectTimelineFilters } from './timelineSlice';
import './timeline.css';
import './timeline-status.css';

export function TimelinePanel() {
  const { t, i18n } = useTranslation();
  const patientId = useAppSelector(selectCurrentPatientId);
  const organisationZone = useAppSelector((s) => s.settings.value.organisation.timeZone);
  useEffect(() => {
    if (typeof requestIdleCallback === 'undefined') return;
    const idle = requestIdleCallback(() => prepareFormats(i18n.language, organisationZone));
    return () => cancelIdleCallback(idle);
  }, [i18n.language, organisationZone]);
  const filters = useAppSelector(selectTimelineFilters);
  const openEvent = useAppSelector(selectOpenEvent);
  const view = useMemo<TimelineView | null>(() => (patientId ? { patientId, filters } : null), [patientId, filters]);
  // The first page: how many events match (the list's length), and whether the timeline can be read at all.
  const { currentData, data, error, isFetching } = useTimelinePageQuery(view ? { ...view, page: 0 } : skipToken);
  const failure = error ? messageOf(error, '') : '';
  // While other filters load, the list for the previous ones stays, never another patient's.
  const [shown, setShown] = useState<TimelineView | null>(null);
  if (currentData && shown !== view) setShown(view);
  const listView = currentData ? view : shown && shown.patientId === view?.patientId ? shown : null;
  const total = (currentData ?? (listView ? data : undefined))?.total ?? 0;

  return (
    <Region label={t('regions.timeline')} className="timeline">
      {/* Kept mounted while no patient is open: its inputs are ready the moment one is. */}
      <TimelineToolbar hidden={!view} total={currentData ? total : null} loading={isFetching && !currentData} />
      {!view ? (
        <p className="empty">{t('timeline.selectFirst')}</p>
      ) : (
        <>
          {failure && (
            <p role="alert" className="inline-error">
              {failure}
            </p>
          )}
          <div className={`timeline-body${openEvent ? ' with-drawer' : ''}`}>
            {!listView ? (
              <p className="empty">{isFetching ? t('timeline.loading') : ''}</p>
            ) : total === 0 ? (
              <p className="empty">{t('timeline.noEvents')}</p>
            ) : (
              <TimelineList key={JSON.stringify(listView)} view={listView} total={total} />
            )}
            {openEvent && <EventDrawer event={openEvent} />}
          </div>
        </>
      )}
    </Region>
  );
}
