import type { AppInfo } from '../../preload/contract';
import type { ImportService } from '../services/import/service';
import type { PatientsService } from '../services/patients/service';
import type { SettingsService } from '../services/settings/service';
import type { TimelineService } from '../services/timeline/service';
import { appHandlers } from './app';
import { importHandlers, type PathPicker } from './import';
import { patientsHandlers } from './patients';
import { buildRegistry, type Registry } from './registry';
import { settingsHandlers } from './settings';
import { timelineHandlers } from './timeline';

export interface HandlerDeps {
  appInfo: () => AppInfo;
  settings: SettingsService;
  patients: PatientsService;
  timeline: TimelineService;
  imports: ImportService;
  pickPaths: PathPicker;
}

export function createRegistry(deps: HandlerDeps): Registry {
  return buildRegistry([
    ...appHandlers(deps),
    ...settingsHandlers(deps),
    ...patientsHandlers(deps),
    ...timelineHandlers(deps),
    ...importHandlers(deps),
  ]);
}

export { dispatch, type Registry, type Logger } from './registry';
export type { PathPicker } from './import';
