import type { AppInfo } from '../../preload/contract';
import type { ContactsService } from '../services/contacts/service';
import type { DesktopShell } from '../services/desktop/desktop-shell';
import type { ImportAccess } from '../services/import/access';
import type { ImportService } from '../services/import/service';
import type { PatientsService } from '../services/patients/service';
import type { ScriptsService } from '../services/scripts/service';
import type { SettingsService } from '../services/settings/service';
import type { TelephonyService } from '../services/telephony/service';
import type { TimelineService } from '../services/timeline/service';
import type { TrainingService } from '../services/training/service';
import { appHandlers } from './app';
import { contactsHandlers } from './contacts';
import { desktopHandlers } from './desktop';
import { importHandlers, type PathPicker } from './import';
import { patientsHandlers } from './patients';
import { buildRegistry, type Registry } from './registry';
import { scriptsHandlers } from './scripts';
import { settingsHandlers } from './settings';
import { telephonyHandlers } from './telephony';
import { timelineHandlers } from './timeline';
import { trainingHandlers } from './training';

export interface HandlerDeps {
  appInfo: () => AppInfo;
  settings: SettingsService;
  patients: PatientsService;
  timeline: TimelineService;
  imports: ImportService;
  scripts: ScriptsService;
  contacts: ContactsService;
  telephony: TelephonyService;
  training: TrainingService;
  pickPaths: PathPicker;
  /** Which paths the page may import (default: see importHandlers). */
  importAccess?: ImportAccess;
  /** Tray and OS notification in Electron; nothing in the browser host. */
  desktop: DesktopShell;
}

export function createRegistry(deps: HandlerDeps): Registry {
  return buildRegistry([
    ...appHandlers(deps),
    ...settingsHandlers(deps),
    ...patientsHandlers(deps),
    ...timelineHandlers(deps),
    ...importHandlers(deps),
    ...scriptsHandlers(deps),
    ...contactsHandlers(deps),
    ...telephonyHandlers(deps),
    ...trainingHandlers(deps),
    ...desktopHandlers(deps),
  ]);
}

export { dispatch, type Registry, type Logger } from './registry';
export type { PathPicker } from './import';
