import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { PatientHeader } from '../../renderer/features/patient-header/PatientHeader';
import { IdentityGate } from '../../renderer/features/screen-pop/IdentityGate';
import { ScreenPop } from '../../renderer/features/screen-pop/ScreenPop';
import { contact, lookup, match, patient } from './support/data';
import { renderWithProviders } from './support/render';
import { inboundCall } from './support/scripted-provider';

const maria = patient('p1', 'Maria Lopez', { birthDate: '1961-04-02', mrn: 'MRN-4471' });

function desk() {
  return (
    <>
      <ScreenPop />
      <PatientHeader />
      <IdentityGate>
        <p>Timeline rows</p>
      </IdentityGate>
    </>
  );
}

test('before the caller is verified, the patient region shows the name but no date of birth or MRN, and the timeline stays closed', async () => {
  const { provider, transport } = await renderWithProviders(desk(), {
    handlers: {
      'patients.byPhone': () => lookup('+15551230001', [match(maria)]),
      'contacts.start': (input) => contact('k1', input.patientId),
      'contacts.update': (input) => contact(input.contactId, 'p1'),
      'contacts.recent': () => [],
    },
  });
  act(() => provider.emit({ type: 'incoming', call: inboundCall('c1', '+15551230001') }));
  const patientRegion = await screen.findByRole('region', { name: 'Patient' });
  await within(patientRegion).findByText(/Maria Lopez/);
  expect(patientRegion.textContent).not.toContain('1961-04-02');
  expect(patientRegion.textContent).not.toContain('MRN-4471');
  expect(screen.queryByText('Timeline rows')).toBeNull();
  expect(screen.getByRole('note').textContent).toMatch(/Verify the caller/);

  const user = userEvent.setup();
  await user.click(screen.getByRole('checkbox', { name: /Date of birth/ }));
  await user.click(screen.getByRole('checkbox', { name: /Full name/ }));
  await user.click(screen.getByRole('button', { name: 'Identity verified' }));

  expect(await screen.findByText('Timeline rows')).toBeTruthy();
  expect(within(screen.getByRole('region', { name: 'Patient' })).getByText('MRN-4471')).toBeTruthy();
  // The outcome (never the values) reaches the call's contact.
  await waitFor(() => expect(transport.callsTo('contacts.update').some((c) => c.contactId === 'k1' && c.patch.identity?.outcome === 'verified')).toBe(true));
  expect(JSON.stringify(transport.callsTo('contacts.update'))).not.toContain('1961-04-02');
});

test('a patient opened by search during the call stays gated until the call is linked to them and they are verified', async () => {
  const { provider, store } = await renderWithProviders(desk(), {
    handlers: {
      'patients.byPhone': () => lookup('+15559990000', []),
      'contacts.start': (input) => contact('k2', input.patientId),
      'contacts.update': (input) => contact(input.contactId, null),
      'contacts.recent': () => [],
    },
  });
  act(() => provider.emit({ type: 'incoming', call: inboundCall('c2', '+15559990000') }));
  await screen.findByText('Unknown caller.');
  const { patientOpened } = await import('../../renderer/features/current-patient/currentPatientSlice');
  act(() => {
    store.dispatch(patientOpened(maria));
  });
  await screen.findByRole('button', { name: 'This call is about Maria Lopez' });
  expect(screen.queryByText('Timeline rows')).toBeNull();
  expect(screen.getByRole('region', { name: 'Patient' }).textContent).not.toContain('MRN-4471');
});
