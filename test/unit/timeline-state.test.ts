import { describe, expect, it } from 'vitest';
import type { ChannelName, PatientSummary, TimelineEvent } from '../../preload/contract';
import type { Transport } from '../../renderer/app/transport/types';
import { createStore } from '../../renderer/app/store';
import { patientOpened } from '../../renderer/features/current-patient/currentPatientSlice';
import { eventOpened, filtersChanged, selectOpenEvent, selectTimelineFilters } from '../../renderer/features/timeline/timelineSlice';

/*
 * Issue 14, point 2, for the timeline: the patient on screen has one owner (current-patient), which the timeline
 * follows through its action; the opened event travels whole in `eventOpened`; pages are asked for as a patient opens.
 */

const person = (id: string): PatientSummary => ({
  id,
  name: `Test ${id}`,
  birthDate: '1961-04-02',
  gender: 'female',
  mrn: null,
  phone: null,
  language: 'en',
  active: true,
  deceased: null,
  mergedInto: null,
  phones: [],
  source: 'local files',
  linked: [],
});

const event: TimelineEvent = {
  id: 7,
  patientId: 'p1',
  at: '2026-11-20T09:00:00.000Z',
  localDate: '2026-11-20',
  precision: 'time',
  tz: '+00:00',
  kind: 'result',
  title: 'Potassium',
  status: 'final',
  source: { type: 'Observation', id: 'k-1' },
  value: '4.1',
  unit: 'mmol/L',
  interpretation: null,
  flag: 'normal',
  amount: null,
  detail: null,
};

function storeWithTransport() {
  const calls: { channel: ChannelName; input: unknown }[] = [];
  const transport: Transport = {
    kind: 'websocket',
    invoke: (channel, input) => {
      calls.push({ channel, input });
      return new Promise(() => {});
    },
    on: () => () => {},
    onConnectionChange: () => () => {},
  };
  return { store: createStore(transport), calls };
}

describe('the timeline follows the patient on screen', () => {
  it('opening another patient clears the filters and closes the opened event', () => {
    const { store } = storeWithTransport();
    store.dispatch(patientOpened(person('p1')));
    store.dispatch(filtersChanged({ groups: ['results'], text: 'potassium' }));
    store.dispatch(eventOpened(event));
    expect(selectOpenEvent(store.getState())).toEqual(event);

    store.dispatch(patientOpened(person('p2')));
    expect(selectTimelineFilters(store.getState())).toEqual({ groups: [], from: '', to: '', text: '' });
    expect(selectOpenEvent(store.getState())).toBeNull();
    expect(store.getState().timeline).not.toHaveProperty('patientId');
  });

  it('asks for the first page as the patient opens, before anything is drawn', () => {
    const { store, calls } = storeWithTransport();
    store.dispatch(patientOpened(person('p1')));
    expect(calls.filter((c) => c.channel === 'timeline.query')).toEqual([{ channel: 'timeline.query', input: { patientId: 'p1', limit: 50 } }]);
    store.dispatch(patientOpened(null));
    expect(calls.filter((c) => c.channel === 'timeline.query')).toHaveLength(1);
  });
});
