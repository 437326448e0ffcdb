import fs from 'node:fs';
import path from 'node:path';
import { AgentReadableError } from '../../../preload/contract';
import { clipValues } from './messages';

/**
 * Which files the page may have main import. The page is not trusted with the file system: in Electron it may pass
 * back only what the system file dialog returned in this session; in the browser host only paths under the folders
 * the desk was started with (`--import-root`, the user's home folder by default).
 */
export interface ImportAccess {
  /** Paths the system dialog returned (Electron); they may be imported for the rest of the session. */
  picked(paths: readonly string[]): void;
  /**
   * The folders the import may read inside (real paths), for paths the page may import; otherwise throws an error
   * for the agent naming each refused path and why.
   */
  admit(paths: readonly string[]): { roots: string[] };
  /** The folders the page may import from, to show in the dialog (browser host); undefined in Electron. */
  roots(): string[] | undefined;
}

export class ImportRefusedError extends AgentReadableError {}

/** `\\server\share`, `//server/share`, `\\?\UNC\…`, `\\.\pipe\…`: reaching them talks to another machine (or a device). */
export function isNetworkPath(p: string): boolean {
  return /^[\\/]{2}/.test(p);
}

export const networkPathMessage =
  'is a network (UNC) or device path such as \\\\server\\share or //server/share; copy the files to a folder on this computer and import them from there';

const quote = (p: string) => clipValues(p);

/** Whether `p` is `root` or inside it (both absolute; case-insensitive on Windows, as path.relative is). */
export function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** Electron: only what the system file dialog returned in this session. */
export function pickedPathsAccess(): ImportAccess {
  const picked = new Set<string>();
  return {
    picked(paths) {
      for (const p of paths) picked.add(p);
    },
    admit(paths) {
      const refused = paths.filter((p) => !picked.has(p) || isNetworkPath(p));
      if (refused.length) {
        throw new ImportRefusedError(
          refused
            .map((p) =>
              isNetworkPath(p)
                ? `${quote(p)} ${networkPathMessage}.`
                : `${quote(p)} was not chosen in the file dialog: use “Import FHIR data…” and choose the files or folders there.`,
            )
            .join(' '),
        );
      }
      // A picked folder is read with what is in it, but a link inside it leads nowhere the agent did not choose.
      return { roots: [...new Set(paths.map(realOrSelf))] };
    },
    roots: () => undefined,
  };
}

/** Checks the folders given at start: each must be an existing folder; returns their real paths. */
export function resolveImportRoots(roots: readonly string[]): string[] {
  if (roots.length === 0) throw new Error('at least one folder to import from is needed (--import-root)');
  return [
    ...new Set(
      roots.map((root) => {
        if (isNetworkPath(root)) throw new Error(`--import-root ${root} ${networkPathMessage}`);
        let stat: fs.Stats;
        try {
          stat = fs.statSync(root);
        } catch (error) {
          throw new Error(`--import-root ${root} cannot be used (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
        }
        if (!stat.isDirectory()) throw new Error(`--import-root ${root} is not a folder`);
        return fs.realpathSync(path.resolve(root));
      }),
    ),
  ];
}

/** Browser host: paths under the folders allowed at start (see resolveImportRoots). */
export function importRootsAccess(roots: readonly string[]): ImportAccess {
  const shown = [...new Set(roots.map((r) => path.resolve(r)))];
  // Where they really are (a home folder may be reached through a link): what files must really be inside.
  const real = [...new Set(shown.map(realOrSelf))];
  const named = [...new Set([...shown, ...real])];
  const outside = `is outside the folders this desk may import from (${shown.join(', ')}); to allow another folder, start the desk with --import-root <folder>`;
  const why = (p: string): string | undefined => {
    if (isNetworkPath(p)) return networkPathMessage;
    if (!path.isAbsolute(p)) return 'is not a full path: give the whole path, such as /home/agent/fhir-export or C:\\exports\\fhir';
    // Decided on the name first, without touching the file system, then on where it really leads (links).
    const resolved = path.resolve(p);
    if (!named.some((root) => isInside(resolved, root))) return outside;
    let target: string;
    try {
      target = fs.realpathSync(resolved);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not there (yet): the import says so. A link loop is reported by the import too, with its reason.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return undefined;
      return `cannot be read (${code ?? 'error'})`;
    }
    return real.some((root) => isInside(target, root)) ? undefined : 'is a link that leads outside the folders this desk may import from';
  };
  return {
    picked: () => {},
    admit(paths) {
      const refused = paths.map((p) => ({ p, reason: why(p) })).filter((r) => r.reason);
      if (refused.length) throw new ImportRefusedError(refused.map((r) => `${quote(r.p)} ${r.reason!}.`).join(' '));
      return { roots: real };
    },
    roots: () => shown,
  };
}
