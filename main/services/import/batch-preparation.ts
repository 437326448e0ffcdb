import { arr, obj, str } from '../fhir/access';
import { countLeftOut, type ImportCounts } from './counts';
import { keepNewestVersions, resolveConditionalWrites } from './entry-semantics';
import type { ImportMessage } from './messages';
import { prepare, type PrepareContext } from './prepare';
import type { ReferenceIndex } from './reference-index';
import type { RunReport } from './run-report';
import { bundleItems, type RawBatch, type RawItem } from './sources';
import type { WritePipeline } from './write-pipeline';

/** Resources kept for the second pass at most; past this, what did not resolve is reported at once. */
const maxRetry = 20_000;

export interface BatchPreparation {
  /** Prepares each entry of a batch (a Bundle inside it as the bundle it is) and queues it for writing. */
  prepareBatch(batch: RawBatch): Promise<void>;
  /**
   * References that resolved to nothing may resolve now that everything has been read (a Patient file named after
   * the Observations that point at it): the copy that resolves more replaces the first. After a cancel, only the
   * notes of the first pass are reported.
   */
  secondPass(cancelled: boolean): Promise<void>;
}

export function batchPreparation(deps: {
  counts: ImportCounts;
  report: RunReport;
  index: ReferenceIndex;
  pipeline: WritePipeline;
  contextFor: (batch: RawBatch) => PrepareContext;
}): BatchPreparation {
  const { counts, report, index, pipeline, contextFor } = deps;
  // Resources left with references that resolved to nothing: tried again once everything has been read.
  const retry: { item: RawItem; batch: RawBatch; unresolved: number; notes: ImportMessage[] }[] = [];

  const prepareBatch = async (batch: RawBatch, depth = 0): Promise<void> => {
    const ctx = contextFor(batch);
    resolveConditionalWrites(batch, ctx);
    if (batch.bundleType === 'history') keepNewestVersions(batch);
    for (const item of batch.items) {
      // A Bundle inside a file (bulk "deleted" output, a collection in a collection) is read as the bundle it is.
      const inner = obj(item.value);
      if (inner?.resourceType === 'Bundle' && depth < 2 && !item.error) {
        const nested = bundleItems(arr(inner.entry), `${item.where} `, str(inner.type));
        if (nested.items.length) await prepareBatch({ file: batch.file, ...nested }, depth + 1);
        continue;
      }
      counts.read++;
      let outcome: ReturnType<typeof prepare>;
      try {
        outcome = prepare(item, ctx);
      } catch (error) {
        // Whatever a hostile resource does to preparation, it costs that resource only.
        outcome = { ok: false, message: { severity: 'error', file: batch.file, where: item.where, message: `could not be read (${(error as Error).name})` } };
      }
      if (!outcome.ok) {
        countLeftOut(counts, outcome.message.severity);
        report.record(outcome.message);
        continue;
      }
      const r = outcome.resource;
      // What did not resolve is reported after the second pass, and only if it still does not resolve then.
      if (r.retrySource !== undefined && retry.length < maxRetry) {
        retry.push({ item: { ...item, value: JSON.parse(r.retrySource) as unknown }, batch, unresolved: r.unresolved, notes: outcome.notes });
      } else for (const n of outcome.notes) report.record(n);
      delete r.retrySource;
      for (const { system, claimedBy } of index.add(r)) {
        report.record({
          severity: 'warning',
          file: batch.file,
          where: r.where,
          resource: `${r.type}/${r.id.split('~')[0]}`,
          message: `shares an identifier (${system.slice(0, 120)}|…) with ${r.type}/${claimedBy.split('~')[0]}; references by that identifier keep pointing at the first`,
        });
      }
      pipeline.add(batch.file, r);
    }
    await pipeline.commitWhenFull();
  };

  return {
    prepareBatch: (batch) => prepareBatch(batch),
    async secondPass(cancelled) {
      let repaired = 0;
      for (const { item, batch, unresolved, notes } of retry) {
        const again = cancelled ? undefined : prepare(item, contextFor(batch));
        if (again?.ok && again.resource.unresolved < unresolved) {
          for (const n of again.notes) report.record(n);
          delete again.resource.retrySource;
          pipeline.add(batch.file, again.resource);
          repaired++;
          await pipeline.commitWhenFull();
        } else for (const n of notes) report.record(n);
      }
      if (repaired)
        report.record({
          severity: 'warning',
          file: '(this import)',
          where: 'second pass',
          message: `${repaired} resources had references that resolved once the whole import had been read`,
        });
    },
  };
}
