import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { arr, detach, obj, str } from '../fhir/access';
import { clipValues, formatMessage, genericMessage, type ImportMessage } from './messages';
import { localGroupWriter, type GroupResult, type GroupWriter } from './group-writer';
import { keepNewestVersions, resolveConditionalWrites } from './entry-semantics';
import { prepare, type PrepareContext, type PreparedResource } from './prepare';
import { defaultSourceName, sourceRegistry } from './source-registry';
import { bundleItems, planFiles, readPlannedFile, type RawBatch, type RawItem } from './sources';
import { statements } from './write';

/** `roots`: the folders the files may be read inside, through links too (see planFiles); unset: anywhere. */
export type ImportInput = { paths: readonly string[]; roots?: readonly string[] } | { bundles: Iterable<unknown>; count: number; label: string };

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

export interface ImportSummary extends ImportCounts {
  durationMs: number;
  cancelled: boolean;
  reportFile: string;
  /** Why resources were skipped or rejected, with how many of each. */
  reasons: { severity: string; message: string; count: number }[];
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

export interface Organisation {
  /** ISO 3166 country of phone numbers written without a country code. */
  country: string;
  /** IANA time zone of dateTimes written without an offset. */
  timeZone: string;
  /** Leave 555-0100…555-0199 numbers (reserved for fiction) out of the phone index. */
  ignoreFictionalNumbers?: boolean;
}

export const defaultOrganisation: Organisation = { country: 'US', timeZone: 'America/New_York', ignoreFictionalNumbers: false };

/** Groups being committed while the next is prepared; more would only hold memory. */
const maxInFlight = 2;

const keptMessages = 200;
/**
 * Resources per transaction: large enough to amortise a commit (index pages dirtied by every group are written
 * once per commit; 5,000 measured faster than 2,000 at 1M resources), small enough that a failure loses little.
 */
export const transactionSize = 5000;

/** Turns a bundle from the generator (or anywhere in memory) into the same batch a file would give. */
function bundleToBatch(bundle: unknown, label: string, index: number): RawBatch {
  return { file: label, ...bundleItems(arr(obj(bundle)?.entry), `bundle ${index} `) };
}

/**
 * Imports FHIR data into the cache. Resources are committed in transactions of up to `transactionSize` (small
 * bundles grouped): a failure leaves the cache as it was before that transaction, and the import goes on.
 */
export async function runImport(db: Database, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const counts: ImportCounts = { read: 0, imported: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, rejected: 0, warnings: 0, failedBatches: 0 };
  const reasons = new Map<string, { severity: string; message: string; count: number }>();
  const firstMessages: ImportMessage[] = [];
  const report = fs.openSync(options.reportFile, 'w', 0o600);
  let reportBuffer: string[] = [];
  const flushReport = () => {
    if (reportBuffer.length) fs.writeSync(report, reportBuffer.join('\n') + '\n');
    reportBuffer = [];
  };
  /** `count`: how many files or resources the message stands for (one message for a folder's other files). */
  const record = (raw: ImportMessage, count = 1) => {
    const m = { ...raw, message: clipValues(raw.message), ...(raw.resource ? { resource: clipValues(raw.resource) } : {}) };
    if (m.severity === 'warning') counts.warnings++;
    if (firstMessages.length < keptMessages) firstMessages.push(JSON.parse(JSON.stringify(m)) as ImportMessage);
    reportBuffer.push(formatMessage(m));
    // Group by the message with ids and paths taken out, so the summary says "what" and "how often".
    const generic = genericMessage(m.message);
    const key = `${m.severity}|${m.resource?.split('/')[0] ?? ''}|${generic}`;
    const type = m.resource?.split('/')[0] ?? '';
    const r = reasons.get(key) ?? { severity: m.severity, message: generic.startsWith(`${type} `) ? generic : `${type} ${generic}`.trim(), count: 0 };
    r.count += count;
    reasons.set(key, r);
  };

  const s = statements(db);
  const sources = sourceRegistry(db);
  // Identifiers seen in this import, per source: "source|type|system|value" → local id, and "source|type|value" → ids.
  const seenIdentifiers = new Map<string, string>();
  const seenValues = new Map<string, Set<string>>();
  const knownPatients = new Set<string>();
  const facts = new Map<string, { birthDate: string | null; gender: string | null }>();
  const factsOf = db.prepare('SELECT birth_date AS birthDate, gender FROM patients WHERE id = ?');
  const organisation = options.organisation ?? defaultOrganisation;
  const fileSource = sources.idFor(options.source?.trim() || defaultSourceName, 'files');
  const findByIdentifier = (sourceId: number, type: string, system: string, value: string): string | undefined => {
    if (system) return seenIdentifiers.get(`${sourceId}|${type}|${system}|${value}`) ?? (s.findIdentifier.get(sourceId, type, system, value) as string | undefined);
    // No system: only a value that one resource alone has.
    const ids = new Set([...(seenValues.get(`${sourceId}|${type}|${value}`) ?? []), ...(s.findIdentifierValue.all(sourceId, type, value) as string[])]);
    return ids.size === 1 ? [...ids][0] : undefined;
  };
  const ctxFor = (batch: RawBatch): PrepareContext => ({
    file: batch.file,
    organisation,
    sourceId: batch.base ? sources.idFor(batch.base, 'server') : fileSource,
    base: batch.base,
    sourceOf: (base: string) => sources.idOfBase(base),
    fullUrls: batch.fullUrls,
    findByIdentifier: (type: string, system: string, value: string) => findByIdentifier(batch.base ? sources.idFor(batch.base, 'server') : fileSource, type, system, value),
    patientFacts: (id: string) => {
      let f = facts.get(id);
      if (!f) {
        f = factsOf.get(id) as { birthDate: string | null; gender: string | null } | undefined;
        if (f) facts.set(detach(id), f);
      }
      return f;
    },
    patientKnown: (id: string) => {
      if (knownPatients.has(id)) return true;
      if (s.patientExists.get(id)) {
        knownPatients.add(detach(id));
        return true;
      }
      return false;
    },
  });

  let unit: ImportProgress['unit'] = 'bytes';
  let total = 0;
  let done = 0;
  let filesDone = 0;
  let filesTotal = 0;
  let currentFile: string | null = null;
  let lastProgress = 0;
  const progress = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastProgress < (options.progressIntervalMs ?? 200))) return;
    lastProgress = now;
    const elapsedMs = now - started;
    const fraction = total ? done / total : 0;
    options.onProgress({
      ...counts,
      unit,
      done,
      total,
      filesDone,
      filesTotal,
      currentFile,
      elapsedMs,
      ratePerSecond: elapsedMs > 0 ? Math.round((counts.read * 1000) / elapsedMs) : 0,
      etaSeconds: fraction > 0.01 && fraction < 1 ? Math.round(((elapsedMs / fraction) * (1 - fraction)) / 1000) : null,
    });
  };

  // Prepared resources wait here until a transaction's worth has gathered (small bundles are grouped).
  const writer = options.writer ?? localGroupWriter(db);
  let pending: { file: string; resource: PreparedResource }[] = [];
  const inFlight: Promise<void>[] = [];
  const settle = (group: { file: string; resource: PreparedResource }[], result: GroupResult) => {
    if (result.error) {
      counts.failedBatches++;
      counts.rejected += group.length;
      const first = group[0]!;
      const last = group[group.length - 1]!;
      record({
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
    const skipped = (indexes: number[], severity: 'skipped' | 'error', message: string) => {
      for (const i of indexes) {
        const { file, resource: r } = group[i]!;
        if (severity === 'error') counts.rejected++;
        else counts.skipped++;
        record({ severity, file, where: r.where, resource: `${r.type}/${r.id.split('~')[0]}`, message });
      }
    };
    skipped(result.older, 'skipped', 'the cache already holds a newer version');
    skipped(
      result.conflict,
      'skipped',
      'differs from the cached copy, and neither has a meta.lastUpdated or versionId to tell which is newer; the cached copy was kept (import it with the source named, or as a newer export, if it is)',
    );
    skipped(result.sameDateConflict, 'skipped', 'differs from the cached copy, but both carry the same meta.lastUpdated; the cached copy was kept');
    skipped(
      result.identityConflict,
      'error',
      'has the id of a cached patient but another birth date and none of its identifiers: it looks like another person from another system, so it was not merged. Import files from different systems with a source name each (--source)',
    );
    skipped(result.tombstoned, 'skipped', 'was deleted by its source, and this copy is not newer than the deletion; it was not brought back');
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
  const drain = async () => {
    await commit();
    await Promise.all([...inFlight]);
  };

  // Resources left with references that resolved to nothing: tried again once everything has been read.
  const retry: { item: RawItem; batch: RawBatch; unresolved: number; notes: ImportMessage[] }[] = [];
  const maxRetry = 20_000;

  const writeBatch = async (batch: RawBatch, depth = 0) => {
    const ctx = ctxFor(batch);
    resolveConditionalWrites(batch, ctx);
    if (batch.bundleType === 'history') keepNewestVersions(batch);
    for (const item of batch.items) {
      // A Bundle inside a file (bulk "deleted" output, a collection in a collection) is read as the bundle it is.
      const inner = obj(item.value);
      if (inner?.resourceType === 'Bundle' && depth < 2 && !item.error) {
        const nested = bundleItems(arr(inner.entry), `${item.where} `, str(inner.type));
        if (nested.items.length) await writeBatch({ file: batch.file, ...nested }, depth + 1);
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
        if (outcome.message.severity === 'error') counts.rejected++;
        else counts.skipped++;
        record(outcome.message);
        continue;
      }
      const r = outcome.resource;
      // What did not resolve is reported after the second pass, and only if it still does not resolve then.
      if (r.retrySource !== undefined && retry.length < maxRetry) {
        retry.push({ item: { ...item, value: JSON.parse(r.retrySource) as unknown }, batch, unresolved: r.unresolved, notes: outcome.notes });
      } else for (const n of outcome.notes) record(n);
      delete r.retrySource;
      for (const i of r.identifiers) {
        const claimed = findByIdentifier(r.sourceId, r.type, i.system, i.value);
        if (claimed && claimed !== r.id) {
          // Never repoint: references by this identifier keep meaning the first resource that had it.
          record({ severity: 'warning', file: batch.file, where: r.where, resource: `${r.type}/${r.id.split('~')[0]}`, message: `shares an identifier (${i.system.slice(0, 120)}|…) with ${r.type}/${claimed.split('~')[0]}; references by that identifier keep pointing at the first` });
          continue;
        }
        seenIdentifiers.set(detach(`${r.sourceId}|${r.type}|${i.system}|${i.value}`), detach(r.id));
        const byValue = `${r.sourceId}|${r.type}|${i.value}`;
        seenValues.set(detach(byValue), (seenValues.get(byValue) ?? new Set()).add(detach(r.id)));
      }
      if (r.type === 'Patient') knownPatients.add(detach(r.id));
      if (r.patient) facts.set(detach(r.id), { birthDate: r.patient.birthDate, gender: r.patient.gender });
      pending.push({ file: batch.file, resource: r });
    }
    if (pending.length >= transactionSize) await commit();
  };

  let cancelled = false;
  try {
    if ('paths' in input) {
      const plan = planFiles(input.paths, input.roots ? { roots: input.roots } : {});
      for (const { count = 1, ...p } of plan.problems) {
        if (p.severity === 'error') counts.rejected += count;
        else counts.skipped += count;
        record(p, count);
      }
      filesTotal = plan.files.length;
      total = plan.files.reduce((sum, f) => sum + f.size, 0);
      for (const file of plan.files) {
        currentFile = file.file;
        progress(true);
        for await (const batch of readPlannedFile(file, (n) => (done += n), options.streamAboveBytes)) {
          await writeBatch(batch);
          flushReport();
          progress();
          if (options.isCancelled?.()) {
            cancelled = true;
            break;
          }
          // Let progress messages and a cancel request through between batches.
          await new Promise((r) => setImmediate(r));
        }
        filesDone++;
        if (cancelled) break;
      }
    } else {
      unit = 'bundles';
      total = input.count;
      currentFile = input.label;
      let index = 0;
      for (const bundle of input.bundles) {
        await writeBatch(bundleToBatch(bundle, input.label, index++));
        done = index;
        flushReport();
        progress();
        if (options.isCancelled?.()) {
          cancelled = true;
          break;
        }
        if (index % 20 === 0) await new Promise((r) => setImmediate(r));
      }
    }
    // References that resolved to nothing may resolve now that everything has been read (a Patient file named after
    // the Observations that point at it): the copy that resolves more replaces the first.
    let repaired = 0;
    for (const { item, batch, unresolved, notes } of retry) {
      const again = cancelled ? undefined : prepare(item, ctxFor(batch));
      if (again?.ok && again.resource.unresolved < unresolved) {
        for (const n of again.notes) record(n);
        delete again.resource.retrySource;
        pending.push({ file: batch.file, resource: again.resource });
        repaired++;
        if (pending.length >= transactionSize) await commit();
      } else for (const n of notes) record(n);
    }
    if (repaired) record({ severity: 'warning', file: '(this import)', where: 'second pass', message: `${repaired} resources had references that resolved once the whole import had been read` });
    await drain();
  } finally {
    currentFile = null;
    progress(true);
    const durationMs = Date.now() - started;
    reportBuffer.push(
      '',
      `Summary: read ${counts.read}, imported ${counts.imported}, updated ${counts.updated}, unchanged ${counts.unchanged}, ` +
        `skipped ${counts.skipped}, rejected ${counts.rejected}, warnings ${counts.warnings}, failed batches ${counts.failedBatches}` +
        `${cancelled ? ' (cancelled)' : ''}, in ${(durationMs / 1000).toFixed(1)} s.`,
    );
    flushReport();
    fs.closeSync(report);
  }
  return {
    ...counts,
    durationMs: Date.now() - started,
    cancelled,
    reportFile: options.reportFile,
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count).slice(0, 50),
    firstMessages,
  };
}
