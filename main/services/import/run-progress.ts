import type { ImportCounts } from './counts';

export interface ImportProgress extends ImportCounts {
  unit: 'bytes' | 'bundles';
  done: number;
  total: number;
  filesDone: number;
  filesTotal: number;
  currentFile: string | null;
  elapsedMs: number;
  ratePerSecond: number;
  etaSeconds: number | null;
}

/** Where the import is; the counts come from the shared ImportCounts. */
export type ProgressPosition = Pick<ImportProgress, 'unit' | 'done' | 'total' | 'filesDone' | 'filesTotal' | 'currentFile'>;

export interface RunProgress {
  /** Updated in place as the import reads. */
  readonly position: ProgressPosition;
  /** Tells the listener, at most once per interval unless `force`. */
  report(force?: boolean): void;
}

export function runProgress(
  counts: ImportCounts,
  started: number,
  options: { onProgress?: ((p: ImportProgress) => void) | undefined; progressIntervalMs?: number | undefined },
): RunProgress {
  const position: ProgressPosition = { unit: 'bytes', done: 0, total: 0, filesDone: 0, filesTotal: 0, currentFile: null };
  let last = 0;
  return {
    position,
    report(force = false) {
      const now = Date.now();
      if (!options.onProgress || (!force && now - last < (options.progressIntervalMs ?? 200))) return;
      last = now;
      const elapsedMs = now - started;
      const fraction = position.total ? position.done / position.total : 0;
      options.onProgress({
        ...counts,
        ...position,
        elapsedMs,
        ratePerSecond: elapsedMs > 0 ? Math.round((counts.read * 1000) / elapsedMs) : 0,
        etaSeconds: fraction > 0.01 && fraction < 1 ? Math.round(((elapsedMs / fraction) * (1 - fraction)) / 1000) : null,
      });
    },
  };
}
