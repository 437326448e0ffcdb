import { countLeftOut, type ImportCounts } from './counts';
import type { GroupResult, GroupWriter } from './group-writer';
import type { PreparedResource } from './prepare';
import type { RunReport } from './run-report';

/**
 * Resources per transaction: large enough to amortise a commit (index pages dirtied by every group are written
 * once per commit; 5,000 measured faster than 2,000 at 1M resources), small enough that a failure loses little.
 */
export const transactionSize = 5000;

/** Groups being committed while the next is prepared; more would only hold memory. */
const maxInFlight = 2;

type Queued = { file: string; resource: PreparedResource };

/**
 * Prepared resources wait here until a transaction's worth has gathered (small bundles are grouped), then go to the
 * writer as one group; what became of each group is counted and reported.
 */
export interface WritePipeline {
  add(file: string, resource: PreparedResource): void;
  /** Commits the waiting group once it is a transaction's worth. */
  commitWhenFull(): Promise<void>;
  /** Commits what waits and resolves once every group is written. */
  drain(): Promise<void>;
}

export function writePipeline(writer: GroupWriter, counts: ImportCounts, report: RunReport): WritePipeline {
  let pending: Queued[] = [];
  const inFlight: Promise<void>[] = [];
  const settle = (group: Queued[], result: GroupResult) => {
    if (result.error) {
      counts.failedBatches++;
      counts.rejected += group.length;
      const first = group[0]!;
      const last = group[group.length - 1]!;
      report.record({
        severity: 'error',
        file: first.file === last.file ? first.file : `${first.file} to ${last.file}`,
        where: first.resource.where === last.resource.where ? first.resource.where : `${first.resource.where} to ${last.resource.where}`,
        message: `${group.length} resources were not saved, and the cache was left as it was before them: ${result.error}`,
      });
      return;
    }
    counts.imported += result.imported;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    counts.deleted += result.deleted;
    const leftOut = (indexes: number[], severity: 'skipped' | 'error', message: string) => {
      for (const i of indexes) {
        const { file, resource: r } = group[i]!;
        countLeftOut(counts, severity);
        report.record({ severity, file, where: r.where, resource: `${r.type}/${r.id.split('~')[0]}`, message });
      }
    };
    leftOut(result.older, 'skipped', 'the cache already holds a newer version');
    leftOut(
      result.conflict,
      'skipped',
      'differs from the cached copy, and neither has a meta.lastUpdated or versionId to tell which is newer; the cached copy was kept (import it with the source named, or as a newer export, if it is)',
    );
    leftOut(result.sameDateConflict, 'skipped', 'differs from the cached copy, but both carry the same meta.lastUpdated; the cached copy was kept');
    leftOut(
      result.identityConflict,
      'error',
      'has the id of a cached patient but another birth date and none of its identifiers: it looks like another person from another system, so it was not merged. Import files from different systems with a source name each (--source)',
    );
    leftOut(result.tombstoned, 'skipped', 'was deleted by its source, and this copy is not newer than the deletion; it was not brought back');
  };
  const commit = async () => {
    if (pending.length > 0) {
      const group = pending;
      pending = [];
      const job = writer.write(group.map((g) => g.resource)).then((result) => settle(group, result));
      inFlight.push(job);
      void job.finally(() => inFlight.splice(inFlight.indexOf(job), 1));
    }
    while (inFlight.length >= maxInFlight) await inFlight[0];
  };
  return {
    add: (file, resource) => {
      pending.push({ file, resource });
    },
    commitWhenFull: async () => {
      if (pending.length >= transactionSize) await commit();
    },
    drain: async () => {
      await commit();
      await Promise.all([...inFlight]);
    },
  };
}
