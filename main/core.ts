import os from 'node:os';
import type { AppInfo, AppMode, EventName, EventPayloadOf } from '../preload/contract';
import { createEventBus, type EventListener } from './events';
import { createRegistry, type PathPicker, type Registry } from './handlers';
import { DbClient } from './services/db/client';
import { loadOrCreateDbKey, type KeyProtector } from './services/db/key';
import { createContactsService } from './services/contacts/service';
import { noopDesktopShell, type DesktopShell } from './services/desktop/desktop-shell';
import { importRootsAccess, pickedPathsAccess } from './services/import/access';
import { importReportsDir, pruneImportReports } from './services/import/reports';
import { createImportService, type ImportService } from './services/import/service';
import { KnowledgePackModified, verifyKnowledgePack } from './services/knowledge/integrity';
import { loadKnowledgePack, type KnowledgePack } from './services/knowledge/load';
import { createPatientsService, type PatientsService } from './services/patients/service';
import { createScriptsService } from './services/scripts/service';
import { createSettingsService, type SettingsBacking, type SettingsService } from './services/settings/service';
import { createTelephonyService } from './services/telephony/service';
import { createTimelineService } from './services/timeline/service';
import { createTrainingService } from './services/training/service';

export interface CoreOptions {
  mode: AppMode;
  version: string;
  dataDir: string;
  /** Folder of the knowledge pack (resources/knowledge; the desktop app's build copy, dist/knowledge, inside its asar). */
  knowledgeDir: string;
  /**
   * The build's record of the pack (dist/knowledge-pack.json). When given, a pack that differs from it (a file edited,
   * added or missing) is refused with a notice, as an invalid one is.
   */
  knowledgeManifestFile?: string;
  /** Folder of the built worker scripts (db-worker.js, import-worker.js). */
  workersDir: string;
  settings: SettingsBacking;
  keyProtector?: KeyProtector;
  nativeBinding?: string;
  /** Things the user should be told at start (a settings file set aside, for example). */
  notices?: string[];
  pickPaths?: PathPicker;
  /**
   * Without a dialog (the browser host): the folders the page may import from, as real paths (resolveImportRoots);
   * default: the user's home folder.
   */
  importRoots?: string[];
  /** Load synthetic demo patients when the cache is empty (default: yes, unless DESK_DEMO_DATA=off). */
  demoData?: { patients: number; seed: number } | false;
  log?: (line: string) => void;
  /** How main reaches the organisation's telephony endpoints (default: Node's fetch). */
  fetch?: typeof fetch;
  /** Tray and OS notification that follow the call status (Electron); default: none (the browser host). */
  desktopShell?: DesktopShell;
}

export interface Core {
  registry: Registry;
  /** Sends an event to every window (checked against the contract first), as the services' own events are. */
  emit<E extends EventName>(name: E, payload: EventPayloadOf<E>): void;
  settings: SettingsService;
  patients: PatientsService;
  imports: ImportService;
  info: AppInfo;
  notices: string[];
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

export const defaultDemo = { patients: 200, seed: 20261101 };

/** Everything behind the contract, with no Electron in it: the desktop app and the browser host both start this. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => {});
  const key = loadOrCreateDbKey(options.dataDir, options.keyProtector);
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const db = await DbClient.start({ dataDir: options.dataDir, key, workerScript: `${options.workersDir}/db-worker.js`, ...native });
  const bus = createEventBus(log);
  const settings = createSettingsService(options.settings);
  settings.onChange((s) => bus.emit('settings.changed', s));
  const patients = createPatientsService(db, () => settings.get().organisation.country);
  const imports = createImportService({
    dataDir: options.dataDir,
    dbFile: db.file,
    key,
    workersDir: options.workersDir,
    emit: (name, payload) => bus.emit(name, payload),
    organisation: () => settings.get().organisation,
    ...native,
  });
  // Import reports name files and resources: keep them only as long as the organisation says.
  const pruneReports = () => {
    const days = settings.get().privacy.importReportDays;
    try {
      const { deleted, failed } = pruneImportReports(importReportsDir(options.dataDir), days);
      if (deleted) log(`deleted ${deleted} import report${deleted === 1 ? '' : 's'} older than ${days} days`);
      if (failed.length) log(`could not delete ${failed.length} old import reports: ${failed.slice(0, 5).join(', ')}`);
    } catch (error) {
      log(`could not look for old import reports: ${(error as Error).message}`);
    }
  };
  pruneReports();
  bus.on((name) => {
    if (name === 'import.finished') pruneReports();
  });
  const notices = [...(options.notices ?? [])];
  if (db.setAside) notices.push(db.setAside.reason);
  let pack: KnowledgePack | Error;
  try {
    if (options.knowledgeManifestFile) verifyKnowledgePack(options.knowledgeDir, options.knowledgeManifestFile);
    pack = loadKnowledgePack(options.knowledgeDir);
  } catch (error) {
    pack = error as Error;
    notices.push(
      pack instanceof KnowledgePackModified
        ? `Explanation scripts are unavailable: the knowledge pack is not the one this version of the app was built with (${pack.message}). ` +
            'Reinstall the app or tell your IT team.'
        : `Explanation scripts are unavailable: the knowledge pack is invalid (${pack.message}).`,
    );
    log(`knowledge pack refused: ${pack.message}`);
  }

  const demo = options.demoData ?? (process.env.DESK_DEMO_DATA === 'off' ? false : defaultDemo);
  // Not after a cache was set aside: an empty cache there is a failure to look into, not a first start.
  if (demo && !db.setAside && (await patients.count()) === 0) {
    notices.push(
      `The patient cache was empty, so ${demo.patients} synthetic demo patients are being loaded (no real patient data). ` +
        'Import your organisation’s FHIR data to replace them.',
    );
    imports.start({ demo }, 'demo data');
  }

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
  const registry = createRegistry({
    appInfo: () => info,
    settings,
    patients,
    timeline: createTimelineService(db),
    imports,
    scripts: createScriptsService(db, pack, log),
    contacts: createContactsService(db),
    telephony: createTelephonyService({ settings, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    training: createTrainingService(db),
    pickPaths: options.pickPaths,
    importAccess: options.pickPaths ? pickedPathsAccess() : importRootsAccess(options.importRoots ?? [os.homedir()]),
    desktop: options.desktopShell ?? noopDesktopShell,
  });
  return {
    registry,
    settings,
    patients,
    imports,
    info,
    notices,
    emit: (name, payload) => bus.emit(name, payload),
    onEvent: bus.on,
    close: async () => {
      const running = imports.status().running;
      if (running) imports.cancel(running.jobId);
      await imports.idle();
      await db.close();
    },
  };
}
