import os from 'node:os';
import { contract } from '../../preload/contract';
import { importRootsAccess, pickedPathsAccess, type ImportAccess } from '../services/import/access';
import type { ImportService } from '../services/import/service';
import { handlersFor } from './registry';

/** How the platform lets the agent choose files: Electron's dialog, or nothing (the browser host). */
export type PathPicker = (() => Promise<string[]>) | undefined;

/**
 * `importAccess`: which paths the page may import. Default: what the dialog returned (when there is a dialog), else
 * paths under the user's home folder.
 */
export const importHandlers = (deps: { imports: ImportService; pickPaths: PathPicker; importAccess?: ImportAccess }) => {
  const access = deps.importAccess ?? (deps.pickPaths ? pickedPathsAccess() : importRootsAccess([os.homedir()]));
  return handlersFor(contract.import, {
    pickPaths: async () => {
      if (!deps.pickPaths) {
        const roots = access.roots();
        return { supported: false, paths: [], ...(roots ? { roots } : {}) };
      }
      const paths = await deps.pickPaths();
      // Main keeps what its own dialog returned: the page can import those, and nothing else.
      access.picked(paths);
      return { supported: true, paths };
    },
    start: ({ paths, source }) => {
      const { roots } = access.admit(paths);
      return {
        jobId: deps.imports.start({ paths, roots, ...(source ? { source } : {}) }, paths.length === 1 ? paths[0]! : `${paths.length} files and folders`),
      };
    },
    cancel: ({ jobId }) => ({ cancelled: deps.imports.cancel(jobId) }),
    report: ({ jobId }) => deps.imports.report(jobId),
    status: () => deps.imports.status(),
  });
};
