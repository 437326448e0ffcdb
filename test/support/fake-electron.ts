// A recording stand-in for the `electron` module, enough for main/index.ts to start without an Electron binary:
// what it asks of app, BrowserWindow, Menu, session and protocol is recorded, and web contents can be driven
// (web-contents-created, before-input-event, devtools-opened). Use with vi.mock('electron', …).
// The state sits on globalThis so that it survives vi.resetModules() between imports of main/index.ts.
import os from 'node:os';

type Listener = (...args: unknown[]) => void;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(name) ?? []) l(...args);
  }
}

export class FakeWebContents extends Emitter {
  devToolsOpen = false;
  closeDevToolsCalls = 0;
  windowOpenHandler: unknown;
  setWindowOpenHandler(handler: unknown): void {
    this.windowOpenHandler = handler;
  }
  closeDevTools(): void {
    this.closeDevToolsCalls += 1;
    this.devToolsOpen = false;
  }
  /** As a key press reaches the page: true when main's before-input-event handlers let it through. */
  press(input: { key: string; code?: string; control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean }): boolean {
    let prevented = false;
    this.emit(
      'before-input-event',
      { preventDefault: () => (prevented = true) },
      {
        type: 'keyDown',
        control: false,
        meta: false,
        alt: false,
        shift: false,
        ...input,
      },
    );
    return !prevented;
  }
  /** DevTools opened by any means: true when they stay open. */
  openDevTools(): boolean {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
    return this.devToolsOpen;
  }
}

export interface FakeElectronState {
  isPackaged: boolean;
  userData: string;
  appEvents: Emitter;
  windows: { options: { webPreferences?: Record<string, unknown> }; webContents: FakeWebContents; url?: string }[];
  /** What Menu.setApplicationMenu was given: undefined until it is called. */
  applicationMenu: { template: unknown[] } | null | undefined;
  exitCode?: number;
}

function freshState(): FakeElectronState {
  return { isPackaged: true, userData: os.tmpdir(), appEvents: new Emitter(), windows: [], applicationMenu: undefined };
}

const holder = globalThis as { __deskFakeElectron?: FakeElectronState };

export function fakeElectronState(): FakeElectronState {
  return (holder.__deskFakeElectron ??= freshState());
}

export function resetFakeElectron(options: Partial<Pick<FakeElectronState, 'isPackaged' | 'userData'>> = {}): FakeElectronState {
  holder.__deskFakeElectron = { ...freshState(), ...options };
  return holder.__deskFakeElectron;
}

/** The module main/index.ts imports as 'electron'. Reads the state at call time. */
export function fakeElectronModule(): Record<string, unknown> {
  const s = fakeElectronState;
  const app = {
    get isPackaged() {
      return s().isPackaged;
    },
    getPath: () => s().userData,
    setPath: (_name: string, value: string) => {
      s().userData = value;
    },
    getVersion: () => '0.0.0-test',
    setAppUserModelId: () => {},
    requestSingleInstanceLock: () => true,
    on: (name: string, listener: Listener) => s().appEvents.on(name, listener),
    whenReady: () => Promise.resolve(),
    quit: () => {},
    exit: (code: number) => {
      s().exitCode = code;
    },
    focus: () => {},
  };
  class BrowserWindow {
    readonly webContents = new FakeWebContents();
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      const record = { options, webContents: this.webContents } as FakeElectronState['windows'][number];
      s().windows.push(record);
      // Electron announces every new web contents to the app.
      s().appEvents.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => [];
    once() {}
    on() {}
    loadURL(url: string) {
      const w = s().windows.find((x) => x.webContents === this.webContents);
      if (w) w.url = url;
      return Promise.resolve();
    }
  }
  const Menu = {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (menu: { template: unknown[] } | null) => {
      s().applicationMenu = menu;
    },
  };
  const session = { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } };
  const protocol = { registerSchemesAsPrivileged: () => {}, handle: () => {} };
  const safeStorage = {
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => Buffer.from(text),
    decryptString: (blob: Buffer) => blob.toString(),
  };
  const dialog = { showErrorBox: () => {}, showMessageBoxSync: () => 0, showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }) };
  return { app, BrowserWindow, Menu, session, protocol, safeStorage, dialog, default: {} };
}
