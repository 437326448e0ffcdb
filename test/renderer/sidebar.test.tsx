import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test } from 'vitest';
import { Sidebar } from '../../renderer/features/layout/Sidebar';
import { PatientSearch } from '../../renderer/features/patient-search/PatientSearch';
import { WrapUpPanel } from '../../renderer/features/wrap-up/WrapUpPanel';
import { contact, lookup } from './support/data';
import { renderWithProviders } from './support/render';
import { inboundCall } from './support/scripted-provider';

const callHandlers = {
  'patients.byPhone': () => lookup('+15551230001', []),
  'contacts.start': (input: { patientId: string | null }) => contact('k1', input.patientId),
  'contacts.update': (input: { contactId: string }) => contact(input.contactId, null),
  'contacts.recent': () => [],
  'contacts.get': () => contact('k1', null),
};

/** A window `width` px wide, as far as the layout's media queries are concerned (jsdom lays nothing out). */
function windowWidth(width: number) {
  const original = window.matchMedia;
  window.matchMedia = (query: string) => {
    const min = Number(/min-width:\s*(\d+)px/.exec(query)?.[1] ?? 0);
    const max = Number(/max-width:\s*(\d+)px/.exec(query)?.[1] ?? Infinity);
    return { matches: width >= min && width <= max, media: query, addEventListener: () => {}, removeEventListener: () => {} } as unknown as MediaQueryList;
  };
  return () => (window.matchMedia = original);
}

let restore = () => {};
afterEach(() => restore());

async function deskWithSearch() {
  const rendered = await renderWithProviders(
    <>
      <Sidebar>
        <PatientSearch />
      </Sidebar>
      <WrapUpPanel />
    </>,
    { handlers: callHandlers },
  );
  const ring = () => act(() => rendered.provider.emit({ type: 'incoming', call: inboundCall('c1', '+15551230001') }));
  return { ...rendered, ring };
}

const searchField = () => screen.queryByRole('searchbox', { name: /Find a patient/ });

test('on a 1366 px screen a call folds the patient search; Ctrl+K unfolds it into the field; after the call it is back', async () => {
  restore = windowWidth(1366);
  const user = userEvent.setup();
  const { ring, provider } = await deskWithSearch();
  expect(searchField()).not.toBeNull();

  ring();
  await waitFor(() => expect(searchField()).toBeNull());
  expect(screen.getByRole('button', { name: 'Show patient search' }).getAttribute('aria-expanded')).toBe('false');

  await user.keyboard('{Control>}k{/Control}');
  expect(document.activeElement).toBe(searchField());
  expect(screen.getByRole('button', { name: 'Hide patient search' }).getAttribute('aria-expanded')).toBe('true');

  act(() => provider.emit({ type: 'cancelled', callId: 'c1' }));
  await user.selectOptions(await screen.findByLabelText('Disposition'), 'caller-hung-up');
  await user.click(screen.getByRole('button', { name: 'Finish wrap-up' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Finish wrap-up' })).toBeNull());
  expect(searchField()).not.toBeNull();
});

test('the agent folds and unfolds the search; on a 1920 px screen a call leaves it open', async () => {
  restore = windowWidth(1920);
  const user = userEvent.setup();
  const { ring } = await deskWithSearch();

  await user.click(screen.getByRole('button', { name: 'Hide patient search' }));
  expect(searchField()).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Show patient search' }));
  expect(searchField()).not.toBeNull();

  ring();
  await screen.findByLabelText('Disposition');
  expect(searchField()).not.toBeNull();
});
