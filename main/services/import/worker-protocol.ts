import type { ImportProgress, ImportSummary, Organisation } from './run';

/** `roots`: the folders the page's import may read inside (see planFiles). */
export type ImportJobInput = { paths: string[]; source?: string; roots?: string[] } | { demo: { seed: number; patients: number } };

export interface ImportWorkerInit {
  file: string;
  key: Uint8Array;
  nativeBinding?: string;
  input: ImportJobInput;
  reportFile: string;
  /** The built writer thread script (import-writer.js). */
  writerScript: string;
  organisation: Organisation;
}

export type FromImportWorker = { type: 'progress'; progress: ImportProgress } | { type: 'done'; summary: ImportSummary } | { type: 'failed'; message: string };

export type ToImportWorker = { type: 'cancel' };
