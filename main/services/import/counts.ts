/** What an import did so far, resource by resource (also the first fields of its progress and its summary). */
export interface ImportCounts {
  read: number;
  imported: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  rejected: number;
  warnings: number;
  failedBatches: number;
}

export const emptyCounts = (): ImportCounts => ({
  read: 0,
  imported: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  skipped: 0,
  rejected: 0,
  warnings: 0,
  failedBatches: 0,
});

/** A resource (or, for a folder's other files, `count` of them) left out: an error rejects it, anything else skips it. */
export function countLeftOut(counts: ImportCounts, severity: string, count = 1): void {
  if (severity === 'error') counts.rejected += count;
  else counts.skipped += count;
}
