// Developer tools in the desktop app. The packaged app has no menu that opens them, no keyboard shortcut that does,
// and its window is created with devTools off — unless the workstation's administrator turns them on in a policy that
// an agent's own account cannot write (the settings file in the user's data folder would not do: the agent can edit
// it). Where the policy lives:
//   Windows  registry value HKLM\SOFTWARE\Policies\Ambassador Desk, AllowDevTools (REG_DWORD 1)
//   macOS    /Library/Application Support/Ambassador Desk/policy.json   {"allowDevTools": true}
//   Linux    /etc/ambassador-desk/policy.json                           {"allowDevTools": true}
// A policy file counts only when it belongs to root and only root can write it.
// Plain functions (no Electron): main/index.ts applies them; test/unit/electron-security.test.ts checks both.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { z } from 'zod';

export const AdminPolicy = z.object({ allowDevTools: z.boolean().default(false) }).strict();
export type AdminPolicy = z.infer<typeof AdminPolicy>;
export const defaultAdminPolicy: AdminPolicy = { allowDevTools: false };

export const policyRegistryKey = 'HKLM\\SOFTWARE\\Policies\\Ambassador Desk';

export type AdminPolicySource = { kind: 'registry'; key: string } | { kind: 'file'; file: string };

export function adminPolicySource(platform: NodeJS.Platform): AdminPolicySource {
  if (platform === 'win32') return { kind: 'registry', key: policyRegistryKey };
  if (platform === 'darwin') return { kind: 'file', file: '/Library/Application Support/Ambassador Desk/policy.json' };
  return { kind: 'file', file: '/etc/ambassador-desk/policy.json' };
}

export interface AdminPolicyRead {
  policy: AdminPolicy;
  /** Said to the agent when the policy exists but is not used (invalid, or writable by others than root). */
  notice?: string;
}

/**
 * Reads a policy file: none means the defaults; one that is not root's alone (trustedUid, 0 unless a test says
 * otherwise), or not valid, is ignored with a notice.
 */
export function readPolicyFile(file: string, options: { trustedUid?: number } = {}): AdminPolicyRead {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { policy: defaultAdminPolicy };
  }
  if (stat.uid !== (options.trustedUid ?? 0) || (stat.mode & 0o022) !== 0) {
    return { policy: defaultAdminPolicy, notice: `The administrator policy ${file} is ignored: it must belong to root and only root may write it.` };
  }
  try {
    return { policy: AdminPolicy.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) };
  } catch (error) {
    const reason = error instanceof z.ZodError ? (error.issues[0]?.message ?? 'invalid') : 'not valid JSON';
    return { policy: defaultAdminPolicy, notice: `The administrator policy ${file} is ignored (${reason}); developer tools stay off.` };
  }
}

/** The output of `reg query <key> /v AllowDevTools`: on only for REG_DWORD 1. */
export function parseRegistryPolicy(output: string): AdminPolicy {
  const match = /^\s*AllowDevTools\s+REG_DWORD\s+0x([0-9a-f]+)\s*$/im.exec(output);
  return { allowDevTools: match ? Number.parseInt(match[1]!, 16) === 1 : false };
}

/**
 * Windows' own reg.exe, by full path: PATH and SystemRoot come from the user's environment, and a reg.exe of theirs
 * could answer "on". Windows installed elsewhere means no policy (devtools off), never a guess.
 */
export const regExe = 'C:\\Windows\\System32\\reg.exe';

export function readAdminPolicy(source: AdminPolicySource): AdminPolicyRead {
  if (source.kind === 'file') return readPolicyFile(source.file);
  try {
    const output = execFileSync(regExe, ['query', source.key, '/v', 'AllowDevTools'], { encoding: 'utf8', timeout: 5000, windowsHide: true });
    return { policy: parseRegistryPolicy(output) };
  } catch {
    // No such key or value (reg exits 1), or no reg.exe there: the default.
    return { policy: defaultAdminPolicy };
  }
}

/**
 * Developer tools are allowed by the administrator's policy, or, when running from the source tree (not packaged)
 * for development, with DESK_DEVTOOLS=on. A packaged app ignores the variable.
 */
export function devToolsAllowed(options: { packaged: boolean; policy: AdminPolicy; env: NodeJS.ProcessEnv }): boolean {
  return options.policy.allowDevTools || (!options.packaged && options.env.DESK_DEVTOOLS === 'on');
}

/** The menu roles the app uses (a subset of Electron's MenuItemConstructorOptions roles). */
export interface AppMenuItem {
  role?: 'appMenu' | 'editMenu' | 'windowMenu' | 'toggleDevTools';
  label?: string;
  submenu?: AppMenuItem[];
}

/**
 * The application menu, instead of Electron's default one (whose View menu reloads the page — ending a call — and
 * opens developer tools). macOS needs a menu for Cmd+C/V/Q to work: app, Edit and Window menus. Windows and Linux: no
 * menu at all (null). With developer tools allowed, a Developer menu holds the one item that opens them.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, allowDevTools: boolean): AppMenuItem[] | null {
  const items: AppMenuItem[] = platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }] : [];
  if (allowDevTools) items.push({ label: 'Developer', submenu: [{ role: 'toggleDevTools' }] });
  return items.length ? items : null;
}

/** The parts of Electron's before-input-event Input the check reads. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Chromium's developer-tools keys: F12, Ctrl+Shift+I/J/C (Cmd+Shift+C on macOS) and Cmd+Alt+I/J/C on macOS.
 * The code (physical key) is read first: on macOS Alt changes the key's character.
 */
export function isDevToolsShortcut(input: KeyInput): boolean {
  if (input.type === 'keyUp') return false;
  if (input.key === 'F12' || input.code === 'F12') return true;
  const letter = input.code?.startsWith('Key') ? input.code.slice(3).toUpperCase() : input.key.toUpperCase();
  if (!['I', 'J', 'C'].includes(letter)) return false;
  return ((input.control || input.meta) && input.shift) || (input.meta && input.alt);
}
