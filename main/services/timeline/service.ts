import type { SourceResource, TimelinePage } from '../../../preload/contract';
import type { DbClient } from '../db/client';
import type { TimelineFilter } from './queries';

export interface TimelineService {
  query(filter: TimelineFilter): Promise<TimelinePage>;
  source(type: string, id: string): Promise<SourceResource | null>;
}

export function createTimelineService(db: DbClient): TimelineService {
  return {
    query: (filter) => db.call('timeline.query', filter),
    source: (type, id) => db.call('timeline.source', { type, id }),
  };
}
