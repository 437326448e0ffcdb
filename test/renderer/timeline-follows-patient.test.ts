import { describe, expect, it } from 'vitest';
import { createStore } from '../../renderer/app/store';
import { patientOpened } from '../../renderer/features/current-patient/currentPatientSlice';
import { eventOpened, filtersChanged, selectOpenEvent, selectTimelineFilters } from '../../renderer/features/timeline/timelineSlice';
import { patient, resultEvent } from './support/data';
import { createFakeTransport } from './support/fake-transport';

/*
 * Issue 14, point 2, for the timeline: the patient on screen has one owner (current-patient), which the timeline
 * follows through its action; the opened event travels whole in `eventOpened`; pages are asked for as a patient opens.
 */

const event = resultEvent(7, 'p1', 'k-1', 'Potassium');

/** A store whose timeline requests are recorded and never answered: what is asked for, not what comes back. */
function storeWithTransport() {
  const transport = createFakeTransport({ 'timeline.query': () => new Promise(() => {}) });
  return { store: createStore(transport), calls: transport.calls };
}

describe('the timeline follows the patient on screen', () => {
  it('opening another patient clears the filters and closes the opened event', () => {
    const { store } = storeWithTransport();
    store.dispatch(patientOpened(patient('p1', 'Test p1')));
    store.dispatch(filtersChanged({ groups: ['results'], text: 'potassium' }));
    store.dispatch(eventOpened(event));
    expect(selectOpenEvent(store.getState())).toEqual(event);

    store.dispatch(patientOpened(patient('p2', 'Test p2')));
    expect(selectTimelineFilters(store.getState())).toEqual({ groups: [], from: '', to: '', text: '' });
    expect(selectOpenEvent(store.getState())).toBeNull();
    expect(store.getState().timeline).not.toHaveProperty('patientId');
  });

  it('asks for the first page as the patient opens, before anything is drawn', () => {
    const { store, calls } = storeWithTransport();
    store.dispatch(patientOpened(patient('p1', 'Test p1')));
    expect(calls.filter((c) => c.channel === 'timeline.query')).toEqual([{ channel: 'timeline.query', input: { patientId: 'p1', limit: 50 } }]);
    store.dispatch(patientOpened(null));
    expect(calls.filter((c) => c.channel === 'timeline.query')).toHaveLength(1);
  });
});
