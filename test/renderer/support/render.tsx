import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { TransportContext } from '../../../renderer/app/TransportContext';
import { createStore, type AppStore } from '../../../renderer/app/store';
import { CallSessionRoot } from '../../../renderer/features/softphone/CallSession';
import { createI18n } from '../../../renderer/i18n';
import { createFakeTransport, type FakeTransport, type Handlers } from './fake-transport';
import { createScriptedProvider, type ScriptedProvider } from './scripted-provider';

export type Rendered = ReturnType<typeof render> & { store: AppStore; transport: FakeTransport; provider: ScriptedProvider };

/**
 * Renders renderer UI as the app does (store, translations, transport, call session) over a fake transport: what the
 * test's handlers answer is what main would have said. The call session's voice provider is one the test drives.
 */
export async function renderWithProviders(ui: ReactElement, options: { handlers?: Handlers } = {}): Promise<Rendered> {
  const transport = createFakeTransport(options.handlers);
  const store = createStore(transport);
  const provider = createScriptedProvider();
  const i18n = await createI18n('en');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nextProvider i18n={i18n}>
      <Provider store={store}>
        <TransportContext.Provider value={transport}>
          <CallSessionRoot providerFor={() => provider}>{children}</CallSessionRoot>
        </TransportContext.Provider>
      </Provider>
    </I18nextProvider>
  );
  return Object.assign(render(ui, { wrapper }), { store, transport, provider });
}
