import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { App } from './app/App';
import { TransportContext } from './app/TransportContext';
import { createStore } from './app/store';
import { createTransport } from './app/transport';
import { createI18n } from './i18n';
import './styles.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const i18n = await createI18n(navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en');
  const transport = createTransport();
  if ('error' in transport) {
    root.render(
      <p className="fatal" role="alert">
        {transport.error}
      </p>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Provider store={createStore(transport)}>
          <TransportContext.Provider value={transport}>
            <App transport={transport} />
          </TransportContext.Provider>
        </Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
