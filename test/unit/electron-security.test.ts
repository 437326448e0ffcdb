import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../main/core';
import {
  adminPolicySource,
  applicationMenuTemplate,
  devToolsAllowed,
  isDevToolsShortcut,
  parseRegistryPolicy,
  readPolicyFile,
  regExe,
  type AdminPolicyRead,
  type AppMenuItem,
} from '../../main/services/desktop/devtools';
import { defaultSettings } from '../../preload/contract';
import { repoRoot } from '../support/host';
import { scanElectron } from '../support/electronegativity';
import { resetFakeElectron } from '../support/fake-electron';
import { tempDir } from '../support/tmp';

// main/index.ts runs against a stand-in for Electron (no Electron binary here): the core, IPC, tray and settings store
// are replaced too, so that what is checked is the shell's own wiring.
const shared = globalThis as { __deskPolicy?: AdminPolicyRead; __deskCoreOptions?: CoreOptions | undefined };
vi.mock('electron', async () => (await import('../support/fake-electron')).fakeElectronModule());
vi.mock('electron-store', () => ({
  default: class {
    store = {};
    path = '';
  },
}));
vi.mock('../../main/ipc', () => ({ registerIpc: () => {}, pushEvent: () => {} }));
vi.mock('../../main/desktop/shell', () => ({ createElectronShell: () => ({ setStatus() {}, applySettings() {}, dispose() {} }) }));
vi.mock('../../main/core', () => ({
  startCore: async (options: CoreOptions) => {
    shared.__deskCoreOptions = options;
    return {
      registry: new Map(),
      notices: options.notices ?? [],
      settings: { get: () => defaultSettings, onChange: () => () => {} },
      onEvent: () => () => {},
      emit: () => {},
      close: async () => {},
    };
  },
}));
vi.mock(import('../../main/services/desktop/devtools'), async (importOriginal) => ({
  ...(await importOriginal()),
  readAdminPolicy: () => shared.__deskPolicy ?? { policy: { allowDevTools: false } },
}));

describe('electronegativity over main/ and preload/', () => {
  it('finds no high-severity issue', async () => {
    const findings = await scanElectron([path.join(repoRoot, 'main'), path.join(repoRoot, 'preload')]);
    expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([]);
  });

  it('does flag an insecure window (the gate can fail)', async () => {
    const findings = await scanElectron([path.join(repoRoot, 'test', 'fixtures', 'insecure-electron')]);
    expect(findings.filter((f) => f.severity === 'HIGH').map((f) => f.id)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
  });
});

/** Starts main/index.ts afresh (as the packaged app unless told otherwise) and waits for its window. */
async function startMain(options: { policy?: AdminPolicyRead; packaged?: boolean } = {}) {
  const state = resetFakeElectron({ isPackaged: options.packaged ?? true, userData: tempDir() });
  shared.__deskPolicy = options.policy ?? { policy: { allowDevTools: false } };
  shared.__deskCoreOptions = undefined;
  // Electron sets it in every process: the folder beside the app's asar.
  (process as { resourcesPath?: string }).resourcesPath = path.join(state.userData, 'resources');
  vi.resetModules();
  await import('../../main/index');
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
  const win = state.windows[0]!;
  return { state, win, contents: win.webContents, core: shared.__deskCoreOptions! };
}

/** Every role anywhere in a menu template. */
const rolesIn = (items: readonly AppMenuItem[] | null | undefined): string[] =>
  (items ?? []).flatMap((i) => [...(i.role ? [i.role] : []), ...rolesIn(i.submenu)]);

const devToolsKeys = [
  { key: 'F12', code: 'F12' },
  { key: 'I', code: 'KeyI', control: true, shift: true },
  { key: 'J', code: 'KeyJ', control: true, shift: true },
  { key: 'C', code: 'KeyC', control: true, shift: true },
  { key: 'C', code: 'KeyC', meta: true, shift: true },
  // macOS: Cmd+Alt+I types "ˆ", the physical key is still I.
  { key: 'ˆ', code: 'KeyI', meta: true, alt: true },
];
const appKeys = [
  { key: 'A', code: 'KeyA', control: true, shift: true }, // answer
  { key: 'E', code: 'KeyE', control: true, shift: true }, // hang up
  { key: 'c', code: 'KeyC', control: true }, // copy
  { key: 'i', code: 'KeyI', control: true }, // import
  { key: 'k', code: 'KeyK' },
];

describe('developer tools in the packaged desktop app (main/index.ts)', () => {
  const env = { ...process.env };
  beforeEach(() => {
    // A packaged app ignores the development switch: set it to prove so.
    process.env.DESK_DEVTOOLS = 'on';
  });
  afterEach(() => {
    process.env = { ...env };
  });

  it('without the administrator policy: no application menu, devTools off, their keys swallowed, an open closed', async () => {
    const { state, win, contents } = await startMain();
    // Windows and Linux (this machine): no menu at all, so no View menu with Reload and Toggle Developer Tools.
    expect(state.applicationMenu).toBeNull();
    expect(win.options.webPreferences?.devTools).toBe(false);
    for (const key of devToolsKeys) expect(contents.press(key), JSON.stringify(key)).toBe(false);
    for (const key of appKeys) expect(contents.press(key), JSON.stringify(key)).toBe(true);
    expect(contents.openDevTools()).toBe(false);
    expect(contents.closeDevToolsCalls).toBe(1);
    // The other hardening still holds.
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });

  it('with the administrator policy: a Developer menu that opens them, and their keys work', async () => {
    const { state, win, contents } = await startMain({ policy: { policy: { allowDevTools: true } } });
    expect(rolesIn(state.applicationMenu?.template as AppMenuItem[])).toEqual(['toggleDevTools']);
    expect(win.options.webPreferences?.devTools).toBe(true);
    for (const key of devToolsKeys) expect(contents.press(key)).toBe(true);
    expect(contents.openDevTools()).toBe(true);
  });

  it('a policy that is not used is said on screen, and development runs (not packaged) may use DESK_DEVTOOLS=on', async () => {
    const notice = 'The administrator policy /etc/ambassador-desk/policy.json is ignored (not valid JSON); developer tools stay off.';
    const ignored = await startMain({ policy: { policy: { allowDevTools: false }, notice } });
    expect(ignored.core.notices).toContain(notice);
    expect(ignored.win.options.webPreferences?.devTools).toBe(false);

    const dev = await startMain({ packaged: false });
    expect(dev.win.options.webPreferences?.devTools).toBe(true);
  });

  it('loads the knowledge pack from the build (inside the asar) and has it checked against the build record', async () => {
    const { core } = await startMain();
    expect(core.knowledgeManifestFile).toBe(path.join(repoRoot, 'knowledge-pack.json'));
    expect(core.knowledgeDir).toBe(path.join(repoRoot, 'knowledge'));
    // In the built app main/index.ts is dist/main/index.js, so these are dist/knowledge-pack.json and dist/knowledge.
    expect(path.dirname(core.knowledgeManifestFile!)).toBe(path.dirname(core.knowledgeDir));
  });
});

describe('the application menu and the developer-tools keys', () => {
  it('macOS keeps only the app, Edit and Window menus (Cmd+C/V/Q work); nothing that reloads or opens devtools', () => {
    expect(rolesIn(applicationMenuTemplate('darwin', false))).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    expect(applicationMenuTemplate('win32', false)).toBeNull();
    expect(applicationMenuTemplate('linux', false)).toBeNull();
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(rolesIn(applicationMenuTemplate(platform, false))).not.toEqual(expect.arrayContaining(['toggleDevTools']));
      expect(rolesIn(applicationMenuTemplate(platform, true))).toContain('toggleDevTools');
      for (const role of ['viewMenu', 'reload', 'forceReload']) expect(rolesIn(applicationMenuTemplate(platform, true))).not.toContain(role);
    }
  });

  it('recognises the developer-tools keys and nothing else', () => {
    const base = { type: 'keyDown', control: false, meta: false, alt: false, shift: false };
    for (const key of devToolsKeys) expect(isDevToolsShortcut({ ...base, ...key }), JSON.stringify(key)).toBe(true);
    for (const key of appKeys) expect(isDevToolsShortcut({ ...base, ...key }), JSON.stringify(key)).toBe(false);
    expect(isDevToolsShortcut({ ...base, type: 'keyUp', key: 'F12' })).toBe(false);
  });

  it('a packaged app allows devtools only through the policy', () => {
    const on = { DESK_DEVTOOLS: 'on' };
    expect(devToolsAllowed({ packaged: true, policy: { allowDevTools: false }, env: on })).toBe(false);
    expect(devToolsAllowed({ packaged: true, policy: { allowDevTools: true }, env: {} })).toBe(true);
    expect(devToolsAllowed({ packaged: false, policy: { allowDevTools: false }, env: on })).toBe(true);
    expect(devToolsAllowed({ packaged: false, policy: { allowDevTools: false }, env: {} })).toBe(false);
  });
});

describe('the administrator policy', () => {
  it('lives where only an administrator can write: HKLM on Windows, root-owned files elsewhere', () => {
    expect(adminPolicySource('win32')).toEqual({ kind: 'registry', key: 'HKLM\\SOFTWARE\\Policies\\Ambassador Desk' });
    // Read with Windows' reg.exe by full path, not one found through the user's PATH.
    expect(regExe).toBe('C:\\Windows\\System32\\reg.exe');
    expect(adminPolicySource('darwin')).toEqual({ kind: 'file', file: '/Library/Application Support/Ambassador Desk/policy.json' });
    expect(adminPolicySource('linux')).toEqual({ kind: 'file', file: '/etc/ambassador-desk/policy.json' });
    expect(parseRegistryPolicy('\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Ambassador Desk\r\n    AllowDevTools    REG_DWORD    0x1\r\n')).toEqual({
      allowDevTools: true,
    });
    expect(parseRegistryPolicy('    AllowDevTools    REG_DWORD    0x0\r\n')).toEqual({ allowDevTools: false });
    expect(parseRegistryPolicy('    AllowDevTools    REG_SZ    1\r\n')).toEqual({ allowDevTools: false });
  });

  it('reads a policy file that only its trusted owner can write, and ignores (and says so) any other', () => {
    const uid = process.getuid!();
    const dir = tempDir();
    const file = path.join(dir, 'policy.json');
    expect(readPolicyFile(file, { trustedUid: uid })).toEqual({ policy: { allowDevTools: false } });
    fs.writeFileSync(file, '{"allowDevTools": true}', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(readPolicyFile(file, { trustedUid: uid })).toEqual({ policy: { allowDevTools: true } });
    // Owned by someone else than the trusted owner (root, by default).
    expect(readPolicyFile(file, { trustedUid: uid + 1 })).toMatchObject({
      policy: { allowDevTools: false },
      notice: expect.stringContaining('must belong to root'),
    });
    fs.chmodSync(file, 0o666);
    expect(readPolicyFile(file, { trustedUid: uid })).toMatchObject({
      policy: { allowDevTools: false },
      notice: expect.stringContaining('only root may write it'),
    });
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, '{"allowDevTools": "yes"}');
    expect(readPolicyFile(file, { trustedUid: uid }).policy.allowDevTools).toBe(false);
    fs.writeFileSync(file, '{"allowDevTools": true, "other": 1}');
    expect(readPolicyFile(file, { trustedUid: uid })).toMatchObject({ policy: { allowDevTools: false }, notice: expect.stringContaining('is ignored') });
    fs.writeFileSync(file, 'allowDevTools=true');
    expect(readPolicyFile(file, { trustedUid: uid })).toEqual({
      policy: { allowDevTools: false },
      notice: `The administrator policy ${file} is ignored (not valid JSON); developer tools stay off.`,
    });
  });
});
