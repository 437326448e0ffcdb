import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { useEventSourceQuery } from './api';
import { EventWhen } from './EventWhen';
import { formatMoney } from './format';
import { ResourceView } from './ResourceView';
import { statusBadge } from './status';
import { StatusBadge, statusLabel } from './StatusBadge';
import { eventOpened } from './timelineSlice';

/** The opened event's facts and its source record, beside the list (which narrows): the filters stay in reach. */
export function EventDrawer({ event }: { event: TimelineEvent }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { type, id } = event.source;
  const { currentData: source, error, isFetching } = useEventSourceQuery({ type, id });
  const closeButton = useRef<HTMLButtonElement>(null);
  const organisationZone = useAppSelector((s) => s.settings.value.organisation.timeZone);
  const wording = { t, language: i18n.language, organisationZone };

  // Keyed by the record, not the event object: a reload (an import finishing) must not pull focus back to the drawer.
  useEffect(() => closeButton.current?.focus(), [type, id]);

  const close = () => {
    dispatch(eventOpened(null));
    document.querySelector<HTMLElement>('.timeline-scroller')?.focus();
  };
  const money = (cents: number | null | undefined) =>
    cents === null || cents === undefined ? '—' : formatMoney(cents, event.amount?.currency ?? 'USD', i18n.language);

  return (
    <aside
      className="event-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="event-drawer-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <header className="drawer-header">
        <h3 id="event-drawer-title">{event.title}</h3>
        <button ref={closeButton} type="button" onClick={close} aria-label={t('timeline.closeDetails')}>
          ✕
        </button>
      </header>
      <dl className="event-facts">
        <div>
          <dt>{t('timeline.when')}</dt>
          <dd>
            <EventWhen event={event} wording={wording} />
          </dd>
        </div>
        <div>
          <dt>{t('timeline.type')}</dt>
          <dd>{t(`timeline.kind.${event.kind}`)}</dd>
        </div>
        {event.status && (
          <div>
            <dt>{t('timeline.status')}</dt>
            <dd>{statusBadge(event.status) ? <StatusBadge status={event.status} t={t} /> : statusLabel(event.status, t)}</dd>
          </div>
        )}
        {event.value && (
          <div>
            <dt>{t('timeline.value')}</dt>
            <dd>
              {event.value} {event.unit}
              {event.flag && event.flag !== 'normal' && <span className={`flag flag-${event.flag}`}>{t(`timeline.flag.${event.flag}`)}</span>}
            </dd>
          </div>
        )}
        {event.amount && (
          <>
            <div>
              <dt>{t('timeline.charged')}</dt>
              <dd>{money(event.amount.chargedCents)}</dd>
            </div>
            <div>
              <dt>{t('timeline.patientOwes')}</dt>
              <dd>{money(event.amount.patientCents)}</dd>
            </div>
          </>
        )}
      </dl>
      {isFetching && source === undefined && <p role="status">{t('timeline.loadingSource')}</p>}
      {source === null && <p role="alert">{t('timeline.sourceMissing')}</p>}
      {error && <p role="alert">{messageOf(error, t('timeline.sourceMissing'))}</p>}
      {source && <ResourceView resource={source.resource} />}
    </aside>
  );
}
