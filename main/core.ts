import type { AppInfo, AppMode } from '../preload/contract';
import { createRegistry, type Registry } from './handlers';
import { DbClient } from './services/db/client';
import { loadOrCreateDbKey, type KeyProtector } from './services/db/key';
import { createPatientsService, type PatientsService } from './services/patients/service';
import type { SettingsBacking, SettingsService } from './services/settings/service';
import { createSettingsService } from './services/settings/service';

export interface CoreOptions {
  mode: AppMode;
  version: string;
  dataDir: string;
  workerScript: string;
  settings: SettingsBacking;
  keyProtector?: KeyProtector;
  nativeBinding?: string;
  /** Things the user should be told at start (a settings file set aside, for example). */
  notices?: string[];
}

export interface Core {
  registry: Registry;
  settings: SettingsService;
  patients: PatientsService;
  info: AppInfo;
  notices: string[];
  close(): Promise<void>;
}

/** Everything behind the contract, with no Electron in it: the desktop app and the browser host both start this. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const key = loadOrCreateDbKey(options.dataDir, options.keyProtector);
  const db = await DbClient.start({
    dataDir: options.dataDir,
    key,
    workerScript: options.workerScript,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const settings = createSettingsService(options.settings);
  const patients = createPatientsService(db);
  const notices = [...(options.notices ?? [])];
  if (db.setAside) notices.push(db.setAside.reason);
  const info: AppInfo = {
    name: 'Ambassador Desk',
    version: options.version,
    mode: options.mode,
    dataDir: options.dataDir,
    notices,
    database: {
      path: db.file,
      schemaVersion: db.schemaVersion,
      encrypted: true,
      ...(db.setAside ? { setAside: db.setAside } : {}),
    },
  };
  const registry = createRegistry({ appInfo: () => info, settings, patients });
  return { registry, settings, patients, info, notices, close: () => db.close() };
}
