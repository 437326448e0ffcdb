import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { patientOpened } from '../../renderer/features/current-patient/currentPatientSlice';
import { ScriptPanel } from '../../renderer/features/script-panel/ScriptPanel';
import { eventOpened } from '../../renderer/features/timeline/timelineSlice';
import { contact, patient, resultEvent, script } from './support/data';
import { renderWithProviders } from './support/render';

const maria = patient('p1', 'Maria Lopez');
const glucose = resultEvent(1, 'p1', 'obs-glucose', 'Glucose');
const potassium = resultEvent(2, 'p1', 'obs-k', 'Potassium');
const titles: Record<string, string> = { 'obs-glucose': 'Glucose', 'obs-k': 'Potassium' };

async function setup() {
  const rendered = await renderWithProviders(<ScriptPanel />, {
    handlers: {
      'scripts.build': (input) => script(input.patientId, input.source.id, titles[input.source.id]!, input.language ?? 'en'),
      'contacts.start': (input) => contact('manual-1', input.patientId, { channel: 'manual' }),
      'contacts.recordScript': (input) => contact(input.contactId, 'p1'),
    },
  });
  act(() => {
    rendered.store.dispatch(patientOpened(maria));
  });
  return rendered;
}

const verifyStep = () => screen.getByRole('checkbox', { name: /Verify identity/ }) as HTMLInputElement;

test('steps done are kept per result: another result starts afresh, coming back (or switching language) keeps them', async () => {
  const { store } = await setup();
  const user = userEvent.setup();
  act(() => {
    store.dispatch(eventOpened(glucose));
  });
  await screen.findByRole('heading', { name: 'Glucose' });
  await user.click(verifyStep());
  expect(verifyStep().checked).toBe(true);

  act(() => {
    store.dispatch(eventOpened(potassium));
  });
  await screen.findByRole('heading', { name: 'Potassium' });
  expect(verifyStep().checked).toBe(false);

  act(() => {
    store.dispatch(eventOpened(glucose));
  });
  await screen.findByRole('heading', { name: 'Glucose' });
  expect(verifyStep().checked).toBe(true);

  await user.click(screen.getByRole('button', { name: /Spanish/ }));
  await screen.findByText('Glucose: verify (es)');
  expect(verifyStep().checked).toBe(true);
});

test('a step ticked outside a call is recorded on one contact opened by hand for the patient', async () => {
  const { store, transport } = await setup();
  const user = userEvent.setup();
  act(() => {
    store.dispatch(eventOpened(glucose));
  });
  await screen.findByRole('heading', { name: 'Glucose' });
  await user.click(verifyStep());
  await waitFor(() => expect(transport.callsTo('contacts.recordScript')).toHaveLength(1));
  await user.click(screen.getByRole('checkbox', { name: /Set the context|context/i }));
  await waitFor(() => expect(transport.callsTo('contacts.recordScript')).toHaveLength(2));
  expect(transport.callsTo('contacts.start')).toHaveLength(1);
  expect(transport.callsTo('contacts.recordScript').at(-1)).toMatchObject({ contactId: 'manual-1', stepsDone: ['verify', 'context'] });
});

test('opening another patient closes the script', async () => {
  const { store } = await setup();
  act(() => {
    store.dispatch(eventOpened(glucose));
  });
  await screen.findByRole('heading', { name: 'Glucose' });
  act(() => {
    store.dispatch(patientOpened(patient('p2', 'Ana Ruiz')));
  });
  await waitFor(() => expect(screen.queryByRole('heading', { name: 'Glucose' })).toBeNull());
});
