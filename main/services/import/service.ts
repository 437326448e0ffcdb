import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AgentReadableError, type ImportProgress, type ImportSummary } from '../../../preload/contract';
import type { FromImportWorker, ImportJobInput, ImportWorkerInit } from './worker-protocol';
import type { Organisation } from './organisation';

export interface ImportServiceOptions {
  dataDir: string;
  dbFile: string;
  key: Buffer;
  /** Folder of the built import-worker.js and import-writer.js. */
  workersDir: string;
  nativeBinding?: string;
  emit(event: 'import.progress' | 'import.finished', payload: ImportProgress | ImportSummary): void;
  /** The organisation's defaults at the time an import starts (settings). */
  organisation(): Organisation;
}

export interface ImportService {
  start(input: ImportJobInput, label: string): string;
  cancel(jobId: string): boolean;
  report(jobId: string): { fileName: string; text: string };
  status(): { running: ImportProgress | null; last: ImportSummary | null };
  /** Resolves when the running import (if any) has finished. */
  idle(): Promise<void>;
}

export class ImportBusyError extends AgentReadableError {
  constructor() {
    super('An import is already running; wait for it to finish or cancel it first.');
  }
}

const maxReportBytes = 5 * 1024 * 1024;
/**
 * How long a cancelled import may take to stop by itself (it checks between batches) before its worker is stopped
 * outright. SQLite rolls back the transaction the worker had open, so nothing committed is lost or half-written.
 */
export const cancelGraceMs = 800;

export function createImportService(options: ImportServiceOptions): ImportService {
  const reportsDir = path.join(options.dataDir, 'import-reports');
  const reports = new Map<string, string>();
  let running:
    { jobId: string; worker: Worker; progress: ImportProgress | null; done: Promise<void>; stopTimer?: NodeJS.Timeout; stopped?: boolean } | undefined;
  let last: ImportSummary | null = null;

  const emptyCounts = { read: 0, imported: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, rejected: 0, warnings: 0, failedBatches: 0 };

  return {
    start(input, label) {
      if (running) throw new ImportBusyError();
      fs.mkdirSync(reportsDir, { recursive: true, mode: 0o700 });
      const jobId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}`;
      const reportFile = path.join(reportsDir, `import-${jobId}.txt`);
      reports.set(jobId, reportFile);
      const init: ImportWorkerInit = {
        file: options.dbFile,
        key: new Uint8Array(options.key),
        input,
        reportFile,
        writerScript: path.join(options.workersDir, 'import-writer.js'),
        organisation: options.organisation(),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      };
      // A bounded heap: a hostile or enormous input ends this import with an error, never the app.
      const worker = new Worker(path.join(options.workersDir, 'import-worker.js'), {
        workerData: init,
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
      });
      const startedAt = Date.now();
      let finished = false;
      const finish = (summary: ImportSummary) => {
        if (finished) return;
        finished = true;
        clearTimeout(running?.stopTimer);
        last = summary;
        running = undefined;
        options.emit('import.finished', summary);
      };
      const fail = (message: string) =>
        finish({
          ...emptyCounts,
          ...(running?.progress ?? {}),
          jobId,
          label,
          durationMs: Date.now() - startedAt,
          cancelled: false,
          error: message,
          reasons: [],
          firstMessages: [],
        });
      const done = new Promise<void>((resolve) => {
        worker.on('message', (m: FromImportWorker) => {
          if (m.type === 'progress' && running?.jobId === jobId) {
            running.progress = { ...m.progress, jobId, label };
            options.emit('import.progress', running.progress);
          } else if (m.type === 'done') {
            const { reportFile: _r, ...summary } = m.summary;
            finish({ ...summary, jobId, label, error: null });
            void worker.terminate();
          } else if (m.type === 'failed') {
            fail(`The import could not run: ${m.message}`);
            void worker.terminate();
          }
        });
        worker.on('error', (e) => fail(`The import stopped unexpectedly: ${e.message}`));
        worker.on('exit', () => {
          if (running?.jobId === jobId && running.stopped) {
            finish({
              ...emptyCounts,
              ...(running.progress ?? {}),
              jobId,
              label,
              durationMs: Date.now() - startedAt,
              cancelled: true,
              error: null,
              reasons: [],
              firstMessages: [],
            });
          } else fail('The import stopped unexpectedly');
          resolve();
        });
      });
      running = { jobId, worker, progress: null, done };
      return jobId;
    },
    cancel(jobId) {
      if (running?.jobId !== jobId) return false;
      const job = running;
      job.worker.postMessage({ type: 'cancel' });
      // A worker busy inside one step never reads the message: stop it, so cancel and quit take under a second.
      job.stopTimer ??= setTimeout(() => {
        job.stopped = true;
        void job.worker.terminate();
      }, cancelGraceMs);
      return true;
    },
    report(jobId) {
      const file = reports.get(jobId);
      if (!file || !fs.existsSync(file)) throw new AgentReadableError('No report for that import (reports are kept for this session only)');
      const size = fs.statSync(file).size;
      const fd = fs.openSync(file, 'r');
      try {
        const buf = Buffer.alloc(Math.min(size, maxReportBytes));
        fs.readSync(fd, buf, 0, buf.length, 0);
        const more = size > maxReportBytes ? `\n… the report continues in ${file}\n` : '';
        return { fileName: path.basename(file), text: buf.toString('utf8') + more };
      } finally {
        fs.closeSync(fd);
      }
    },
    status: () => ({ running: running?.progress ?? null, last }),
    idle: () => running?.done ?? Promise.resolve(),
  };
}
