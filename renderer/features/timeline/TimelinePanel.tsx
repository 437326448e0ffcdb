import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { Region } from '../layout/Region';

export function TimelinePanel() {
  const { t } = useTranslation();
  const patient = useAppSelector((s) => s.patientSearch.selected);
  return (
    <Region label={t('regions.timeline')} className="timeline">
      <p className="empty">{patient ? t('timeline.empty') : t('timeline.selectFirst')}</p>
    </Region>
  );
}
