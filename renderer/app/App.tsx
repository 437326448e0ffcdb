import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { appInfoApi } from '../features/app-info/api';
import { DesktopIntegration } from '../features/desktop/DesktopIntegration';
import { ImportButton } from '../features/import/ImportButton';
import { importApi } from '../features/import/api';
import { Notices } from '../features/app-info/Notices';
import { StatusBar } from '../features/app-info/StatusBar';
import { CallerPatientHeader } from '../features/patient-header/CallerPatientHeader';
import { Sidebar } from '../features/layout/Sidebar';
import { PatientSearch } from '../features/patient-search/PatientSearch';
import { ScriptPanel } from '../features/script-panel/ScriptPanel';
import { SettingsControls } from '../features/settings/SettingsControls';
import { settingsApi } from '../features/settings/api';
import { useApplySettings } from '../features/settings/useApplySettings';
import { IdentityGate } from '../features/screen-pop/IdentityGate';
import { SoftphoneBar } from '../features/softphone/SoftphoneBar';
import { CallSessionRoot } from '../features/softphone/CallSession';
import { TimelinePanel } from '../features/timeline/TimelinePanel';
import { WrapUpPanel } from '../features/wrap-up/WrapUpPanel';
import { useAppDispatch, useAppSelector } from './hooks';
import { subscribeToMain } from './mainEvents';
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
    const reads = [
      dispatch(appInfoApi.endpoints.appInfo.initiate()),
      dispatch(settingsApi.endpoints.settings.initiate()),
      dispatch(importApi.endpoints.importStatus.initiate()),
    ];
    const unsubscribe = subscribeToMain(transport, dispatch);
    return () => {
      unsubscribe();
      reads.forEach((r) => r.unsubscribe());
    };
  }, [dispatch, transport]);

  if (!info || (settingsPending && !error)) {
    return (
      <p className={error ? 'fatal' : 'loading'} role={error ? 'alert' : 'status'}>
        {error ? t('app.unreachable', { error }) : t('app.loading')}
      </p>
    );
  }

  return (
    <CallSessionRoot>
      <DesktopIntegration />
      <div className="desk">
        <header className="topbar">
          <h1 className="brand">{t('app.title')}</h1>
          <SoftphoneBar />
          <ImportButton />
        </header>
        <Notices />
        <div className="workspace">
          <Sidebar>
            <PatientSearch />
          </Sidebar>
          <main className="main">
            <CallerPatientHeader />
            <IdentityGate>
              <div className="columns">
                <TimelinePanel />
                <ScriptPanel />
              </div>
            </IdentityGate>
            <WrapUpPanel />
          </main>
        </div>
        <div className="desk-footer">
          <StatusBar />
          <SettingsControls />
        </div>
      </div>
    </CallSessionRoot>
  );
}
