import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { selectCurrentPatient } from '../../renderer/features/current-patient/currentPatientSlice';
import { PatientHeader } from '../../renderer/features/patient-header/PatientHeader';
import { ScreenPop } from '../../renderer/features/screen-pop/ScreenPop';
import { WrapUpPanel } from '../../renderer/features/wrap-up/WrapUpPanel';
import { contact, lookup, match, patient } from './support/data';
import { renderWithProviders } from './support/render';
import { inboundCall } from './support/scripted-provider';

const mother = patient('p1', 'Rosa Diaz');
const son = patient('p2', 'Mateo Diaz', { birthDate: '2015-06-01' });
const shared = '+15551230099';

test('a number shared by two patients offers a chooser and opens no one until the agent picks', async () => {
  const { provider, store, transport } = await renderWithProviders(
    <>
      <ScreenPop />
      <PatientHeader />
    </>,
    {
      handlers: {
        'patients.byPhone': () => lookup(shared, [match(mother, { autoSelect: false }), match(son, { via: 'contact', viaLabel: 'Mother', autoSelect: false })]),
        'contacts.start': (input) => contact('k1', input.patientId),
        'contacts.update': (input) => contact(input.contactId, input.patch.patientId ?? null),
        'contacts.recent': () => [],
      },
    },
  );
  act(() => provider.emit({ type: 'incoming', call: inboundCall('c1', shared) }));
  const chooser = await screen.findByRole('group', { name: 'Choose the patient' });
  expect(within(chooser).getByText(/belongs to 2 patients/)).toBeTruthy();
  expect(
    within(chooser)
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual([expect.stringContaining('Rosa Diaz'), expect.stringContaining('Mateo Diaz')]);
  expect(store.getState().softphone.callPatientId).toBeNull();
  expect(selectCurrentPatient(store.getState())).toBeNull();
  // The contact is started without a patient: the desk did not guess.
  await waitFor(() => expect(transport.callsTo('contacts.start')).toEqual([{ patientId: null, channel: 'call' }]));

  await userEvent.setup().click(within(chooser).getByRole('button', { name: /Mateo Diaz/ }));
  expect(selectCurrentPatient(store.getState())?.id).toBe('p2');
  expect(
    within(chooser)
      .getByRole('button', { name: /Mateo Diaz/ })
      .getAttribute('aria-pressed'),
  ).toBe('true');
  await waitFor(() => expect(transport.callsTo('contacts.update').some((c) => c.contactId === 'k1' && c.patch.patientId === 'p2')).toBe(true));
});

test('a new call starts a new session: no patient, identity, notes or contact carried over from the last one', async () => {
  let contacts = 0;
  const { provider, store, transport } = await renderWithProviders(
    <>
      <ScreenPop />
      <WrapUpPanel />
    </>,
    {
      handlers: {
        'patients.byPhone': (input) => (input.phone === '+15551230001' ? lookup(input.phone, [match(mother)]) : lookup(input.phone, [])),
        'contacts.start': (input) => contact(`k${++contacts}`, input.patientId),
        'contacts.update': (input) => contact(input.contactId, null),
        'contacts.get': (input) => contact(input.contactId, null),
        'contacts.recent': () => [],
      },
    },
  );
  const user = userEvent.setup();
  act(() => provider.emit({ type: 'incoming', call: inboundCall('c1', '+15551230001') }));
  await screen.findByRole('checkbox', { name: /Date of birth/ });
  await user.click(screen.getByRole('checkbox', { name: /Date of birth/ }));
  await user.click(screen.getByRole('checkbox', { name: /Full name/ }));
  await user.click(screen.getByRole('button', { name: 'Identity verified' }));
  act(() => provider.emit({ type: 'accepted', callId: 'c1', callSid: 'CAc1' }));
  await user.type(await screen.findByRole('textbox', { name: 'Notes' }), 'Asked about her glucose');
  act(() => provider.emit({ type: 'disconnected', callId: 'c1', by: 'remote' }));
  await user.selectOptions(screen.getByRole('combobox', { name: 'Disposition' }), 'question-answered');
  await user.click(screen.getByRole('button', { name: /Finish wrap-up/ }));
  await waitFor(() => expect(store.getState().softphone.call.phase).toBe('idle'));
  await waitFor(() => expect(transport.callsTo('contacts.update').some((c) => c.contactId === 'k1' && c.patch.closed)).toBe(true));

  act(() => provider.emit({ type: 'incoming', call: inboundCall('c2', '+15557770000') }));
  await screen.findByText('Unknown caller.');
  const s = store.getState();
  expect(s.softphone.callPatientId).toBeNull();
  expect(s.softphone.identity).toEqual({ outcome: 'not-done', identifiers: [] });
  expect(s.softphone.wrapUp.notes).toBe('');
  expect(selectCurrentPatient(s)).toBeNull();
  await waitFor(() => expect(store.getState().softphone.contactId).toBe('k2'));
  // Nothing typed on the first call reaches the second call's contact.
  expect(
    transport
      .callsTo('contacts.update')
      .filter((c) => c.contactId === 'k2')
      .some((c) => c.patch.notes !== undefined),
  ).toBe(false);
});
