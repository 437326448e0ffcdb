import type { Database } from 'better-sqlite3-multiple-ciphers';
import { arr, obj } from '../fhir/access';
import { batchPreparation, type BatchPreparation } from './batch-preparation';
import { countLeftOut, emptyCounts, type ImportCounts } from './counts';
import { localGroupWriter, type GroupWriter } from './group-writer';
import type { ImportMessage } from './messages';
import { defaultOrganisation, type Organisation } from './organisation';
import type { PrepareContext } from './prepare';
import { referenceIndex, type ReferenceIndex } from './reference-index';
import { openRunReport, summaryLine, type ReasonCount, type RunReport } from './run-report';
import { runProgress, type ImportProgress, type RunProgress } from './run-progress';
import { defaultSourceName, sourceRegistry } from './source-registry';
import { bundleItems, planFiles, readPlannedFile, type RawBatch } from './sources';
import { writePipeline } from './write-pipeline';

export type { ImportCounts } from './counts';
export type { ImportProgress } from './run-progress';
export { defaultOrganisation, type Organisation } from './organisation';

/** `roots`: the folders the files may be read inside, through links too (see planFiles); unset: anywhere. */
export type ImportInput = { paths: readonly string[]; roots?: readonly string[] } | { bundles: Iterable<unknown>; count: number; label: string };

export interface ImportSummary extends ImportCounts {
  durationMs: number;
  cancelled: boolean;
  reportFile: string;
  /** Why resources were skipped or rejected, with how many of each. */
  reasons: ReasonCount[];
  /** The first messages, for the summary screen; every message is in the report file. */
  firstMessages: ImportMessage[];
}

export interface ImportOptions {
  reportFile: string;
  onProgress?: (p: ImportProgress) => void;
  progressIntervalMs?: number;
  isCancelled?: () => boolean;
  /** JSON files larger than this are streamed rather than parsed whole (default 64 MB). */
  streamAboveBytes?: number;
  /** Where groups are committed: a writer thread for big imports; this thread (on `db`) by default. */
  writer?: GroupWriter;
  /** The organisation's defaults for what the data leaves unsaid (phone country, time zone of offset-less times). */
  organisation?: Organisation;
  /**
   * The source files belong to ("local files" by default): data from a FHIR server is keyed by the server's base URL
   * when its fullUrls name one; otherwise by this name, so two systems' Patient/1 can be kept apart by naming them.
   */
  source?: string;
}

/**
 * Imports FHIR data into the cache. Resources are committed in transactions of up to `transactionSize` (small
 * bundles grouped): a failure leaves the cache as it was before that transaction, and the import goes on.
 */
export async function runImport(db: Database, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const counts = emptyCounts();
  const report = openRunReport(options.reportFile, counts);
  const index = referenceIndex(db);
  const contextFor = prepareContexts(db, index, options);
  const progress = runProgress(counts, started, options);
  const pipeline = writePipeline(options.writer ?? localGroupWriter(db), counts, report);
  const batches = batchPreparation({ counts, report, index, pipeline, contextFor });

  let cancelled = false;
  try {
    cancelled = await readInput(input, { counts, report, progress, batches, options });
    await batches.secondPass(cancelled);
    await pipeline.drain();
  } finally {
    progress.position.currentFile = null;
    progress.report(true);
    report.close(summaryLine(counts, cancelled, Date.now() - started));
  }
  return {
    ...counts,
    durationMs: Date.now() - started,
    cancelled,
    reportFile: options.reportFile,
    reasons: report.reasons(),
    firstMessages: report.firstMessages,
  };
}

/** What preparing a batch needs to know: its source (a server by base URL, else the named file source) and the index. */
function prepareContexts(db: Database, index: ReferenceIndex, options: ImportOptions): (batch: RawBatch) => PrepareContext {
  const sources = sourceRegistry(db);
  const organisation = options.organisation ?? defaultOrganisation;
  const fileSource = sources.idFor(options.source?.trim() || defaultSourceName, 'files');
  return (batch) => ({
    file: batch.file,
    organisation,
    sourceId: batch.base ? sources.idFor(batch.base, 'server') : fileSource,
    base: batch.base,
    sourceOf: (base: string) => sources.idOfBase(base),
    fullUrls: batch.fullUrls,
    findByIdentifier: (type: string, system: string, value: string) =>
      index.findByIdentifier(batch.base ? sources.idFor(batch.base, 'server') : fileSource, type, system, value),
    patientFacts: (id: string) => index.patientFacts(id),
    patientKnown: (id: string) => index.patientKnown(id),
  });
}

/** Turns a bundle from the generator (or anywhere in memory) into the same batch a file would give. */
function bundleToBatch(bundle: unknown, label: string, index: number): RawBatch {
  return { file: label, ...bundleItems(arr(obj(bundle)?.entry), `bundle ${index} `) };
}

/**
 * Reads the files (or the bundles) batch by batch into preparation, flushing the report and telling progress between
 * batches, until the end or a cancel. Resolves true when cancelled.
 */
async function readInput(
  input: ImportInput,
  run: { counts: ImportCounts; report: RunReport; progress: RunProgress; batches: BatchPreparation; options: ImportOptions },
): Promise<boolean> {
  const { counts, report, progress, batches, options } = run;
  const position = progress.position;
  if ('paths' in input) {
    const plan = planFiles(input.paths, input.roots ? { roots: input.roots } : {});
    for (const { count = 1, ...problem } of plan.problems) {
      countLeftOut(counts, problem.severity, count);
      report.record(problem, count);
    }
    position.filesTotal = plan.files.length;
    position.total = plan.files.reduce((sum, f) => sum + f.size, 0);
    for (const file of plan.files) {
      position.currentFile = file.file;
      progress.report(true);
      let cancelled = false;
      for await (const batch of readPlannedFile(file, (n) => (position.done += n), options.streamAboveBytes)) {
        await batches.prepareBatch(batch);
        report.flush();
        progress.report();
        if (options.isCancelled?.()) {
          cancelled = true;
          break;
        }
        // Let progress messages and a cancel request through between batches.
        await new Promise((r) => setImmediate(r));
      }
      position.filesDone++;
      if (cancelled) return true;
    }
    return false;
  }
  position.unit = 'bundles';
  position.total = input.count;
  position.currentFile = input.label;
  let index = 0;
  for (const bundle of input.bundles) {
    await batches.prepareBatch(bundleToBatch(bundle, input.label, index++));
    position.done = index;
    report.flush();
    progress.report();
    if (options.isCancelled?.()) return true;
    if (index % 20 === 0) await new Promise((r) => setImmediate(r));
  }
  return false;
}
