// Electron main process. With main/ipc.ts and main/desktop/ (tray, notification, shortcuts), the only files that import 'electron'.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, session } from 'electron';
import Store from 'electron-store';
import { startCore, type Core } from './core';
import { createElectronShell, type ElectronShell } from './desktop/shell';
import { registerIpc, pushEvent } from './ipc';
import { appHost, appOrigin, appScheme, contentSecurityPolicy, isAppUrl, isPermissionAllowed } from './security';
import { plainKeyFile, sealedKeyFileName, type KeyProtector } from './services/db/key';
import { adminPolicySource, applicationMenuTemplate, devToolsAllowed, isDevToolsShortcut, readAdminPolicy } from './services/desktop/devtools';
import type { DesktopShell } from './services/desktop/desktop-shell';
import { manifestFileName, packFolderName } from './services/knowledge/integrity';
import { settingsJsonSchema } from './services/settings/schema';
import { setAsideInvalidSettings, type SettingsBacking } from './services/settings/service';
import { readStatic } from './host/static';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..');
const rendererDir = path.join(dist, 'renderer');
const log = (line: string) => process.stderr.write(`[main] ${line}\n`);

protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Same override as the browser host: tests and multi-profile workstations point the app at another data folder.
if (process.env.DESK_DATA_DIR) app.setPath('userData', path.resolve(process.env.DESK_DATA_DIR));

// Windows shows notifications (and their buttons) only for an app with an AppUserModelID: the installer's app id.
if (process.platform === 'win32') app.setAppUserModelId('org.ambassadordesk.desk');

// Developer tools only where the workstation's administrator allows them (main/services/desktop/devtools.ts).
const adminPolicy = readAdminPolicy(adminPolicySource(process.platform));
const allowDevTools = devToolsAllowed({ packaged: app.isPackaged, policy: adminPolicy.policy, env: process.env });

let mainWindow: BrowserWindow | undefined;
let core: Core | undefined;
let shell: ElectronShell | undefined;

// Core starts before the window, the tray after it: the handler reaches the tray through this, which keeps the
// latest status for the tray to start from.
let latestStatus: Parameters<DesktopShell['setStatus']> | undefined;
const desktopShell: DesktopShell = {
  setStatus(status, caller) {
    latestStatus = [status, caller];
    shell?.setStatus(status, caller);
  },
};

/** Brings the desk in front of other applications (a notification or tray click, a global shortcut to answer). */
function bringToFront(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  if (process.platform === 'darwin') app.focus({ steal: true });
  win.focus();
}

function safeStorageProtector(): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    fileName: sealedKeyFileName,
    protect: (key) => safeStorage.encryptString(key.toString('hex')),
    unprotect: (blob) => Buffer.from(safeStorage.decryptString(blob), 'hex'),
  };
}

/** In development the node_modules build is Node's ABI (for tests); `npm run rebuild:electron` puts Electron's beside it. */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.resolve(dist, '..', 'native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Ambassador Desk',
    show: false,
    webPreferences: {
      preload: path.join(dist, 'preload', 'bridge.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: allowDevTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The softphone blocks unload during a call (the SDK's closeProtection): ask before a call is cut off.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['Stay on the call', 'Close and end the call'],
      defaultId: 0,
      cancelId: 0,
      title: 'A call is in progress',
      message: 'A call is in progress. Closing the desk ends it.',
    });
    if (choice === 1) event.preventDefault();
  });
  void win.loadURL(`${appOrigin}/index.html`);
  return win;
}

function harden(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    if (!allowDevTools) {
      // webPreferences.devTools is off already; the keys and an open from anywhere else are stopped here too.
      contents.on('before-input-event', (event, input) => {
        if (isDevToolsShortcut(input)) event.preventDefault();
      });
      contents.on('devtools-opened', () => contents.closeDevTools());
    }
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionAllowed(permission, details.requestingUrl, mediaTypes));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, requestingOrigin, details.mediaType ? [details.mediaType] : undefined),
  );
  const csp = contentSecurityPolicy();
  protocol.handle(appScheme, (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? readStatic(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const notices: string[] = [];
  if (adminPolicy.notice) notices.push(adminPolicy.notice);
  // No default menu (its View menu reloads the page and opens developer tools): see applicationMenuTemplate.
  const menu = applicationMenuTemplate(process.platform, allowDevTools);
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
  const settingsNotice = setAsideInvalidSettings(path.join(dataDir, 'settings.json'));
  if (settingsNotice) notices.push(settingsNotice);
  let keyProtector = safeStorageProtector();
  if (!keyProtector) {
    keyProtector = plainKeyFile;
    notices.push('The system keychain is not available; the database key is kept in a file only this user can read.');
  }
  const nativeBinding = electronNativeBinding();
  const store = new Store<Record<string, unknown>>({ name: 'settings', cwd: dataDir, schema: settingsJsonSchema() as never });
  try {
    core = await startCore({
      mode: 'electron',
      version: app.getVersion(),
      dataDir,
      workersDir: path.join(dist, 'main'),
      // The build's copy (inside the asar when packaged), checked against the hashes the build recorded.
      knowledgeDir: path.join(dist, packFolderName),
      knowledgeManifestFile: path.join(dist, manifestFileName),
      settings: store as unknown as SettingsBacking,
      keyProtector,
      notices,
      log,
      // A deployed workstation never gets demo patients unless asked for (DESK_DEMO_DATA=on).
      ...(app.isPackaged && process.env.DESK_DEMO_DATA !== 'on' ? { demoData: false as const } : {}),
      pickPaths: async () => {
        const options = {
          title: 'Import FHIR data',
          buttonLabel: 'Import',
          properties: ['openFile', 'openDirectory', 'multiSelections'] as ('openFile' | 'openDirectory' | 'multiSelections')[],
          filters: [{ name: 'FHIR JSON or NDJSON', extensions: ['json', 'ndjson', 'jsonl'] }],
        };
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      ...(nativeBinding ? { nativeBinding } : {}),
      desktopShell,
    });
  } catch (error) {
    dialog.showErrorBox('Ambassador Desk could not start', (error as Error).message);
    app.exit(3);
    return;
  }
  harden();
  registerIpc(core.registry, log);
  mainWindow = createWindow();
  core.onEvent((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) pushEvent(win.webContents, name, payload);
  });
  startDesktopShell(core);
}

/** Tray, incoming-call notification and global shortcuts; their commands reach the renderer as desktop.command events. */
function startDesktopShell(c: Core): void {
  shell = createElectronShell({
    settings: () => c.settings.get(),
    onCommand: (command) => {
      // Answering needs the screen-pop in view; declining and hanging up do not take the agent away from their work.
      if (command === 'show' || command === 'answer') bringToFront();
      c.emit('desktop.command', { command });
    },
    notify: (notice) => {
      log(notice);
      // Shown with the other notices: those found now, before the page has loaded, appear at once.
      if (!c.notices.includes(notice)) c.notices.push(notice);
    },
    log,
  });
  shell.applySettings(c.settings.get());
  c.settings.onChange((settings) => shell?.applySettings(settings));
  if (latestStatus) shell.setStatus(...latestStatus);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => bringToFront());
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (event) => {
    // Global shortcuts belong to the system until unregistered; the tray icon goes with the app.
    shell?.dispose();
    shell = undefined;
    if (closed || !core) return;
    // Let a running import stop between transactions and the database close before the process ends.
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.exit(0);
    });
  });
  void app.whenReady().then(start);
}
