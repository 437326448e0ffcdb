import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionChanged, loadAppInfo } from '../features/app-info/appInfoSlice';
import { DesktopIntegration } from '../features/desktop/DesktopIntegration';
import { ImportButton } from '../features/import/ImportButton';
import { importFinished, importProgressed, loadImportStatus } from '../features/import/importSlice';
import { Notices } from '../features/app-info/Notices';
import { StatusBar } from '../features/app-info/StatusBar';
import { PatientHeader } from '../features/patient-header/PatientHeader';
import { PatientSearch } from '../features/patient-search/PatientSearch';
import { ScriptPanel } from '../features/script-panel/ScriptPanel';
import { SettingsControls } from '../features/settings/SettingsControls';
import { loadSettings, settingsChanged } from '../features/settings/settingsSlice';
import { useApplySettings } from '../features/settings/useApplySettings';
import { ScreenPop } from '../features/screen-pop/ScreenPop';
import { IdentityGate } from '../features/screen-pop/IdentityGate';
import { SoftphoneBar } from '../features/softphone/SoftphoneBar';
import { VoiceRoot } from '../features/softphone/VoiceContext';
import { TimelinePanel } from '../features/timeline/TimelinePanel';
import { WrapUpPanel } from '../features/wrap-up/WrapUpPanel';
import { useAppDispatch, useAppSelector } from './hooks';
import type { Transport } from './transport';

export function App({ transport }: { transport: Transport }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { info, error } = useAppSelector((s) => s.appInfo);
  // The softphone's mode comes from the settings: wait for them, so a desk set up for live calls never starts (and
  // shows itself Available) in training mode first. If they cannot be read, the defaults apply and say so.
  const settingsPending = useAppSelector((s) => !s.settings.loaded && s.settings.error === null);
  useApplySettings();

  useEffect(() => {
    void dispatch(loadAppInfo());
    void dispatch(loadSettings());
    void dispatch(loadImportStatus());
    const offs = [
      transport.on('settings.changed', (s) => dispatch(settingsChanged(s))),
      transport.on('import.progress', (p) => dispatch(importProgressed(p))),
      transport.on('import.finished', (s) => dispatch(importFinished(s))),
      transport.onConnectionChange((connected, ended) => dispatch(connectionChanged(ended ? { connected, ended } : connected))),
    ];
    return () => offs.forEach((off) => off());
  }, [dispatch, transport]);

  if (!info || (settingsPending && !error)) {
    return (
      <p className={error ? 'fatal' : 'loading'} role={error ? 'alert' : 'status'}>
        {error ? t('app.unreachable', { error }) : t('app.loading')}
      </p>
    );
  }

  return (
    <VoiceRoot>
    <DesktopIntegration />
    <div className="desk">
      <header className="topbar">
        <h1 className="brand">{t('app.title')}</h1>
        <SoftphoneBar />
        <ImportButton />
        <SettingsControls />
      </header>
      <Notices />
      <div className="workspace">
        <aside className="sidebar">
          <PatientSearch />
        </aside>
        <main className="main">
          <ScreenPop />
          <PatientHeader />
          <IdentityGate>
            <div className="columns">
              <TimelinePanel />
              <ScriptPanel />
            </div>
          </IdentityGate>
          <WrapUpPanel />
        </main>
      </div>
      <StatusBar />
    </div>
    </VoiceRoot>
  );
}
