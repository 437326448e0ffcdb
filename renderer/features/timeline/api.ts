import type { SourceResource, TimelinePage } from '../../../preload/contract';
import { api, request } from '../../app/api';
import { kindsFor } from './kinds';
import type { TimelineFilters } from './timelineSlice';

/** Events per request: the first screenful arrives quickly, and a page is a few screens long. */
export const timelinePageSize = 50;

/** Which timeline a page belongs to: a patient's, with the agent's filters. */
export interface TimelineView {
  patientId: string;
  filters: TimelineFilters;
}

export interface TimelinePageArgs extends TimelineView {
  /** Page number, newest first: page n holds events n·size … (n+1)·size − 1. */
  page: number;
}

const queryOf = ({ patientId, filters, page }: TimelinePageArgs) => {
  const kinds = kindsFor(filters.groups);
  const text = filters.text.trim();
  return {
    patientId,
    limit: timelinePageSize,
    ...(page > 0 ? { offset: page * timelinePageSize } : {}),
    ...(kinds.length ? { kinds } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(text ? { text } : {}),
  };
};

export const timelineApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** One page of the timeline, with the number of events matching the filters (the list's length). */
    timelinePage: build.query<TimelinePage, TimelinePageArgs>({
      query: (args) => request('timeline.query', queryOf(args)),
      providesTags: ['Timeline'],
      // Pages scrolled past stay a while: scrolling back shows them at once.
      keepUnusedDataFor: 300,
    }),
    /** The FHIR resource (or the desk's own contact) an event was read from. */
    eventSource: build.query<SourceResource | null, { type: string; id: string }>({
      query: (source) => request('timeline.source', source),
      providesTags: ['Timeline'],
    }),
  }),
});

export const { useTimelinePageQuery, useEventSourceQuery } = timelineApi;

/** A memoised selector of each of these pages of `view` in the cache: make them once per set of pages, not per render. */
export const pageSelectors = (view: TimelineView, pages: readonly number[]) =>
  pages.map((page) => ({ page, select: timelineApi.endpoints.timelinePage.select({ ...view, page }) }));
