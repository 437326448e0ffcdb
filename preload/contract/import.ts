import { z } from 'zod';
import { channel, event } from './channel';

export const ImportCounts = z.object({
  read: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Resources their source deleted (DELETE entries, bulk deleted output), removed from the cache. */
  deleted: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  warnings: z.number().int(),
  failedBatches: z.number().int(),
});

export const ImportProgress = ImportCounts.extend({
  jobId: z.string(),
  label: z.string(),
  unit: z.enum(['bytes', 'bundles']),
  done: z.number(),
  total: z.number(),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  currentFile: z.string().nullable(),
  elapsedMs: z.number(),
  ratePerSecond: z.number(),
  etaSeconds: z.number().nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportMessage = z.object({
  severity: z.enum(['error', 'warning', 'skipped']),
  file: z.string(),
  where: z.string(),
  resource: z.string().optional(),
  message: z.string(),
});
export type ImportMessage = z.infer<typeof ImportMessage>;

export const ImportSummary = ImportCounts.extend({
  jobId: z.string(),
  label: z.string(),
  durationMs: z.number(),
  cancelled: z.boolean(),
  /** Set when the import could not run at all. */
  error: z.string().nullable(),
  reasons: z.array(z.object({ severity: z.string(), message: z.string(), count: z.number().int() })),
  firstMessages: z.array(ImportMessage),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

const ImportPaths = z.array(z.string().min(1).max(4096)).min(1, 'choose at least one file or folder').max(100);

export const importChannels = {
  /**
   * Electron shows the system file dialog; the browser host cannot, and says so (the UI then asks for a path) with the
   * folders it may import from (`roots`). Electron's import.start takes only paths its dialog returned.
   */
  pickPaths: channel(
    'import.pickPaths',
    z.object({}).strict(),
    z.object({ supported: z.boolean(), paths: z.array(z.string()), roots: z.array(z.string()).optional() }),
  ),
  /** `source`: the system the files come from, when they are not from the same one as "local files" (two EHRs' exports). */
  start: channel(
    'import.start',
    z.object({ paths: ImportPaths, source: z.string().trim().min(1).max(120).optional() }).strict(),
    z.object({ jobId: z.string() }),
  ),
  cancel: channel('import.cancel', z.object({ jobId: z.string().max(64) }).strict(), z.object({ cancelled: z.boolean() })),
  report: channel('import.report', z.object({ jobId: z.string().max(64) }).strict(), z.object({ fileName: z.string(), text: z.string() })),
  status: channel('import.status', z.object({}).strict(), z.object({ running: ImportProgress.nullable(), last: ImportSummary.nullable() })),
};

export const importEvents = {
  progress: event('import.progress', ImportProgress),
  finished: event('import.finished', ImportSummary),
};
