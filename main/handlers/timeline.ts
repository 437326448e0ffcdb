import { AgentReadableError, contract } from '../../preload/contract';
import type { TimelineService } from '../services/timeline/service';
import { handlersFor } from './registry';

export const timelineHandlers = (deps: { timeline: TimelineService }) =>
  handlersFor(contract.timeline, {
    query: (q) => {
      if (q.from && q.to && q.from > q.to) throw new AgentReadableError('The start date is after the end date');
      return deps.timeline.query(q);
    },
    source: ({ type, id }) => deps.timeline.source(type, id),
  });
