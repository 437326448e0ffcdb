import type { AppInfo } from '../../preload/contract';
import type { PatientsService } from '../services/patients/service';
import type { SettingsService } from '../services/settings/service';
import { appHandlers } from './app';
import { patientsHandlers } from './patients';
import { buildRegistry, type Registry } from './registry';
import { settingsHandlers } from './settings';

export interface HandlerDeps {
  appInfo: () => AppInfo;
  settings: SettingsService;
  patients: PatientsService;
}

export function createRegistry(deps: HandlerDeps): Registry {
  return buildRegistry([...appHandlers(deps), ...settingsHandlers(deps), ...patientsHandlers(deps)]);
}

export { dispatch, type Registry, type Logger } from './registry';
