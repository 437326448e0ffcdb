import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { SoftphoneBar } from '../../renderer/features/softphone/SoftphoneBar';
import { contact, lookup } from './support/data';
import { renderWithProviders } from './support/render';
import { inboundCall } from './support/scripted-provider';

const callHandlers = {
  'patients.byPhone': () => lookup('+15551230001', []),
  'contacts.start': (input: { patientId: string | null }) => contact('k1', input.patientId),
  'contacts.update': (input: { contactId: string }) => contact(input.contactId, null),
  'contacts.recent': () => [],
};

async function barOnACall() {
  const rendered = await renderWithProviders(<SoftphoneBar />, { handlers: callHandlers });
  const bar = screen.getByRole('region', { name: 'Softphone' });
  act(() => rendered.provider.emit({ type: 'incoming', call: inboundCall('c1', '+15551230001') }));
  await within(bar).findByRole('button', { name: 'Answer' });
  return { ...rendered, bar };
}

test('on a call the bar shows mute, hold, keypad and hang up; transfer and audio devices wait under "More…"', async () => {
  const user = userEvent.setup();
  const { bar, provider } = await barOnACall();
  await user.click(within(bar).getByRole('button', { name: 'Answer' }));
  act(() => provider.emit({ type: 'accepted', callId: 'c1', callSid: 'CAc1' }));
  await within(bar).findByRole('button', { name: 'Hang up' });
  for (const name of ['Mute', 'Hold', 'Keypad', 'Hang up']) expect(within(bar).getByRole('button', { name })).toBeTruthy();
  expect(within(bar).queryByLabelText('Transfer to…')).toBeNull();
  expect(within(bar).queryByRole('group', { name: 'Audio devices' })).toBeNull();

  await user.click(within(bar).getByRole('button', { name: 'More…' }));
  const panel = within(bar).getByRole('group', { name: 'More call actions' });
  expect(within(panel).getByLabelText('Transfer to…')).toBeTruthy();
  expect(await within(panel).findByRole('group', { name: 'Audio devices' })).toBeTruthy();
});

test('"More…" by keyboard: ArrowDown opens it on its first control, Escape closes it and gives focus back to the button', async () => {
  const user = userEvent.setup();
  await renderWithProviders(<SoftphoneBar />);
  const more = screen.getByRole('button', { name: 'More…' });
  expect(more.getAttribute('aria-expanded')).toBe('false');

  more.focus();
  await user.keyboard('{ArrowDown}');
  expect(more.getAttribute('aria-expanded')).toBe('true');
  const microphone = await screen.findByLabelText('Microphone');
  await waitFor(() => expect(document.activeElement).toBe(microphone));

  await user.keyboard('{Escape}');
  expect(more.getAttribute('aria-expanded')).toBe('false');
  expect(screen.queryByLabelText('Microphone')).toBeNull();
  expect(document.activeElement).toBe(more);

  // Enter toggles it like any button; a click elsewhere closes it.
  await user.keyboard('{Enter}');
  expect(more.getAttribute('aria-expanded')).toBe('true');
  await user.click(document.body);
  expect(more.getAttribute('aria-expanded')).toBe('false');
});

test('a call ringing while "More…" is open closes it, and the focus returns to the button instead of being lost', async () => {
  const user = userEvent.setup();
  const { provider } = await renderWithProviders(<SoftphoneBar />, { handlers: callHandlers });
  const more = screen.getByRole('button', { name: 'More…' });
  more.focus();
  await user.keyboard('{ArrowDown}');
  await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Microphone')));

  act(() => provider.emit({ type: 'incoming', call: inboundCall('c2', '+15551230001') }));
  await screen.findByRole('button', { name: 'Answer' });
  expect(more.getAttribute('aria-expanded')).toBe('false');
  expect(document.activeElement).toBe(more);
});
