import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceResource } from '../../../preload/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useTransport } from '../../app/TransportContext';
import { EventWhen } from './EventWhen';
import { formatMoney } from './format';
import { ResourceView } from './ResourceView';
import { statusBadge } from './status';
import { StatusBadge, statusLabel } from './StatusBadge';
import { eventOpened } from './timelineSlice';

export function EventDrawer() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const transport = useTransport();
  const event = useAppSelector((s) => s.timeline.events.find((e) => e.id === s.timeline.openEventId));
  const [source, setSource] = useState<SourceResource | null | 'loading' | { error: string }>('loading');
  const closeButton = useRef<HTMLButtonElement>(null);

  // Keyed by the record, not the event object: a timeline reload (a late search, more pages) replaces the objects,
  // and must neither fetch the source again nor pull focus back to the drawer from wherever the agent is working.
  const sourceType = event?.source.type;
  const sourceId = event?.source.id;
  useEffect(() => {
    if (!sourceType || !sourceId) return;
    let live = true;
    setSource('loading');
    transport
      .invoke('timeline.source', { type: sourceType, id: sourceId })
      .then((r) => live && setSource(r))
      .catch((e: Error) => live && setSource({ error: e.message }));
    closeButton.current?.focus();
    return () => {
      live = false;
    };
  }, [sourceType, sourceId, transport]);

  if (!event) return null;
  const close = () => {
    dispatch(eventOpened(null));
    document.querySelector<HTMLElement>('.timeline-scroller')?.focus();
  };
  const money = (cents: number | null | undefined) => (cents === null || cents === undefined ? '—' : formatMoney(cents, event.amount?.currency ?? 'USD', i18n.language));

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
            <EventWhen event={event} />
          </dd>
        </div>
        <div>
          <dt>{t('timeline.type')}</dt>
          <dd>{t(`timeline.kind.${event.kind}`)}</dd>
        </div>
        {event.status && (
          <div>
            <dt>{t('timeline.status')}</dt>
            <dd>{statusBadge(event.status) ? <StatusBadge status={event.status} /> : statusLabel(event.status, t)}</dd>
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
      {source === 'loading' && <p role="status">{t('timeline.loadingSource')}</p>}
      {source === null && <p role="alert">{t('timeline.sourceMissing')}</p>}
      {source && typeof source === 'object' && 'error' in source && <p role="alert">{source.error}</p>}
      {source && typeof source === 'object' && 'resource' in source && <ResourceView resource={source.resource} />}
    </aside>
  );
}
