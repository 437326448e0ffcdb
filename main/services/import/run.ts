import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { arr, obj, str } from '../fhir/access';
import { formatMessage, type ImportMessage } from './messages';
import { prepare, type PreparedResource } from './prepare';
import { planFiles, readPlannedFile, type RawBatch, type RawItem } from './sources';
import { statements, writeResource } from './write';

export type ImportInput = { paths: readonly string[] } | { bundles: Iterable<unknown>; count: number; label: string };

export interface ImportCounts {
  read: number;
  imported: number;
  updated: number;
  unchanged: number;
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
}

const keptMessages = 200;

/** Turns a bundle from the generator (or anywhere in memory) into the same batches a file would give. */
function bundleToBatch(bundle: unknown, label: string, index: number): RawBatch {
  const entries = arr(obj(bundle)?.entry);
  const items: RawItem[] = entries.map((e, i) => {
    const o = obj(e);
    const item: RawItem = { where: `bundle ${index} entry ${i}`, value: o?.resource };
    const fullUrl = str(o?.fullUrl);
    if (fullUrl) item.fullUrl = fullUrl;
    return item;
  });
  const fullUrls = new Map<string, string>();
  for (const item of items) {
    const r = obj(item.value);
    if (item.fullUrl && str(r?.resourceType) && str(r?.id)) fullUrls.set(item.fullUrl, `${String(r!.resourceType)}/${String(r!.id)}`);
  }
  return { file: label, items, fullUrls };
}

/**
 * Imports FHIR data into the cache. Each batch (a bundle, or up to 1,000 entries or lines) is one transaction:
 * a failure leaves the cache as it was before that batch, and the import goes on with the next one.
 */
export async function runImport(db: Database, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const counts: ImportCounts = { read: 0, imported: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, warnings: 0, failedBatches: 0 };
  const reasons = new Map<string, { severity: string; message: string; count: number }>();
  const firstMessages: ImportMessage[] = [];
  const report = fs.openSync(options.reportFile, 'w', 0o600);
  let reportBuffer: string[] = [];
  const flushReport = () => {
    if (reportBuffer.length) fs.writeSync(report, reportBuffer.join('\n') + '\n');
    reportBuffer = [];
  };
  const record = (m: ImportMessage) => {
    if (m.severity === 'warning') counts.warnings++;
    if (firstMessages.length < keptMessages) firstMessages.push(m);
    reportBuffer.push(formatMessage(m));
    // Group by the message with ids and paths taken out, so the summary says "what" and "how often".
    const generic = m.message.replace(/[A-Za-z]+\/[A-Za-z0-9\-.]+|urn:uuid:[\w-]+|\d+/g, '…');
    const key = `${m.severity}|${m.resource?.split('/')[0] ?? ''}|${generic}`;
    const r = reasons.get(key) ?? { severity: m.severity, message: `${m.resource?.split('/')[0] ?? ''} ${generic}`.trim(), count: 0 };
    r.count++;
    reasons.set(key, r);
  };

  const s = statements(db);
  const seenIdentifiers = new Map<string, string>();
  const knownPatients = new Set<string>();
  const ctxFor = (batch: RawBatch) => ({
    file: batch.file,
    fullUrls: batch.fullUrls,
    findByIdentifier: (type: string, system: string, value: string) =>
      seenIdentifiers.get(`${type}|${system}|${value}`) ?? (s.findIdentifier.get(type, system, value) as string | undefined),
    patientKnown: (id: string) => {
      if (knownPatients.has(id)) return true;
      if (s.patientExists.get(id)) {
        knownPatients.add(id);
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

  const writeBatch = (batch: RawBatch) => {
    const ctx = ctxFor(batch);
    const ready: PreparedResource[] = [];
    for (const item of batch.items) {
      counts.read++;
      const outcome = prepare(item, ctx);
      if (!outcome.ok) {
        if (outcome.message.severity === 'error') counts.rejected++;
        else counts.skipped++;
        record(outcome.message);
        continue;
      }
      for (const n of outcome.notes) record(n);
      const r = outcome.resource;
      for (const i of r.identifiers) seenIdentifiers.set(`${r.type}|${i.system}|${i.value}`, r.id);
      if (r.type === 'Patient') knownPatients.add(r.id);
      ready.push(r);
    }
    const result = { imported: 0, updated: 0, unchanged: 0, older: [] as PreparedResource[], conflict: [] as PreparedResource[] };
    const now = new Date().toISOString();
    try {
      db.transaction(() => {
        for (const r of ready) {
          const outcome = writeResource(s, r, now);
          if (outcome === 'older' || outcome === 'conflict') result[outcome].push(r);
          else result[outcome]++;
        }
      })();
    } catch (error) {
      counts.failedBatches++;
      counts.rejected += ready.length;
      const first = ready[0]?.where ?? '';
      const last = ready[ready.length - 1]?.where ?? '';
      record({
        severity: 'error',
        file: batch.file,
        where: first === last ? first : `${first} to ${last}`,
        message: `${ready.length} resources were not saved, and the cache was left as it was before them: ${(error as Error).message}`,
      });
      return;
    }
    counts.imported += result.imported;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    for (const r of result.older) {
      counts.skipped++;
      record({ severity: 'skipped', file: batch.file, where: r.where, resource: `${r.type}/${r.id}`, message: 'the cache already holds a newer version' });
    }
    for (const r of result.conflict) {
      counts.skipped++;
      record({
        severity: 'skipped',
        file: batch.file,
        where: r.where,
        resource: `${r.type}/${r.id}`,
        message: 'differs from the cached copy, and neither has a meta.lastUpdated or versionId to tell which is newer; the cached copy was kept',
      });
    }
  };

  let cancelled = false;
  try {
    if ('paths' in input) {
      const plan = planFiles(input.paths);
      for (const p of plan.problems) {
        if (p.severity === 'error') counts.rejected++;
        else counts.skipped++;
        record(p);
      }
      filesTotal = plan.files.length;
      total = plan.files.reduce((sum, f) => sum + f.size, 0);
      for (const file of plan.files) {
        currentFile = file.file;
        progress(true);
        for await (const batch of readPlannedFile(file, (n) => (done += n), options.streamAboveBytes)) {
          writeBatch(batch);
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
        writeBatch(bundleToBatch(bundle, input.label, index++));
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
