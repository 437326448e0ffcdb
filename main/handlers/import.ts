import { contract } from '../../preload/contract';
import type { ImportService } from '../services/import/service';
import { handlersFor } from './registry';

/** How the platform lets the agent choose files: Electron's dialog, or nothing (the browser host). */
export type PathPicker = (() => Promise<string[]>) | undefined;

export const importHandlers = (deps: { imports: ImportService; pickPaths: PathPicker }) =>
  handlersFor(contract.import, {
    pickPaths: async () => (deps.pickPaths ? { supported: true, paths: await deps.pickPaths() } : { supported: false, paths: [] }),
    start: ({ paths, source }) => ({
      jobId: deps.imports.start({ paths, ...(source ? { source } : {}) }, paths.length === 1 ? paths[0]! : `${paths.length} files and folders`),
    }),
    cancel: ({ jobId }) => ({ cancelled: deps.imports.cancel(jobId) }),
    report: ({ jobId }) => deps.imports.report(jobId),
    status: () => deps.imports.status(),
  });
