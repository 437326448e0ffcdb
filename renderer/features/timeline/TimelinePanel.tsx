import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { Region } from '../layout/Region';
import { EventDrawer } from './EventDrawer';
import { TimelineList } from './TimelineList';
import { TimelineToolbar } from './TimelineToolbar';
import { loadTimeline, timelinePatientChanged } from './timelineSlice';

export function TimelinePanel() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const patient = useAppSelector((s) => s.patientSearch.selected);
  const { patientId, filters, error, openEventId } = useAppSelector((s) => s.timeline);
  const dataVersion = useAppSelector((s) => s.imports.dataVersion);

  useEffect(() => {
    if ((patient?.id ?? null) !== patientId) dispatch(timelinePatientChanged(patient?.id ?? null));
  }, [patient, patientId, dispatch]);

  useEffect(() => {
    if (patientId) void dispatch(loadTimeline());
  }, [patientId, filters, dataVersion, dispatch]);

  return (
    <Region label={t('regions.timeline')} className="timeline">
      {!patient ? (
        <p className="empty">{t('timeline.selectFirst')}</p>
      ) : (
        <div className={`timeline-body${openEventId !== null ? ' with-drawer' : ''}`}>
          <div className="timeline-main">
            <TimelineToolbar />
            {error && (
              <p role="alert" className="inline-error">
                {error}
              </p>
            )}
            <TimelineList />
          </div>
          <EventDrawer />
        </div>
      )}
    </Region>
  );
}
