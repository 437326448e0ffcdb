import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { arr, detach, obj, str } from '../fhir/access';
import { importOrder } from '../fhir/resource-types';
import type { ImportMessage } from './messages';

/** Files above this size are streamed instead of parsed whole (memory stays bounded). */
export const streamThresholdBytes = 64 * 1024 * 1024;
const batchSize = 1000;

export interface PlannedFile {
  file: string;
  size: number;
  format: 'ndjson' | 'json';
}

/** One thing read from a file: a parsed value or the reason it could not be read. */
export interface RawItem {
  where: string;
  value?: unknown;
  error?: string;
  fullUrl?: string;
  method?: string;
}

export interface RawBatch {
  file: string;
  items: RawItem[];
  /** For bundles: fullUrl → "Type/id" over the whole bundle, to resolve urn:uuid references. */
  fullUrls?: Map<string, string>;
}

function orderKey(file: string): number {
  const base = path.basename(file);
  if (/^(hospital|practitioner)Information/i.test(base)) return -1;
  const i = importOrder.findIndex((t) => base.startsWith(`${t}.`) || base.startsWith(`${t}-`));
  return i === -1 ? importOrder.length : i;
}

/** Expands files and folders (recursively) into the files to import, referenced types first. */
export function planFiles(paths: readonly string[]): { files: PlannedFile[]; problems: ImportMessage[] } {
  const files: PlannedFile[] = [];
  const problems: ImportMessage[] = [];
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      problems.push({ severity: 'error', file: p, where: 'file', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!name.startsWith('.')) visit(path.join(p, name));
      return;
    }
    const lower = p.toLowerCase();
    if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) files.push({ file: p, size: stat.size, format: 'ndjson' });
    else if (lower.endsWith('.json')) files.push({ file: p, size: stat.size, format: 'json' });
    else problems.push({ severity: 'skipped', file: p, where: 'file', message: 'not a .json or .ndjson file' });
  };
  for (const p of paths) visit(path.resolve(p));
  files.sort((a, b) => orderKey(a.file) - orderKey(b.file) || a.file.localeCompare(b.file));
  return { files, problems };
}

/**
 * "not valid JSON (at character 120)": V8's own message quotes the input around the error, which may be a
 * patient's name or identifier, and the message goes into reports.
 */
export function jsonError(error: unknown): string {
  const m = /position (\d+)|line (\d+) column (\d+)/.exec((error as Error).message ?? '');
  if (!m) return 'not valid JSON';
  return m[1] ? `not valid JSON (at character ${m[1]})` : `not valid JSON (at line ${m[2]}, column ${m[3]})`;
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function looksBinary(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(0);
  } finally {
    fs.closeSync(fd);
  }
}

function typeAndId(resource: unknown): string | undefined {
  const o = obj(resource);
  const type = str(o?.resourceType);
  const id = str(o?.id);
  return type && id ? `${type}/${id}` : undefined;
}

function entryItem(entry: unknown, index: number, wherePrefix = ''): RawItem {
  const where = `${wherePrefix}entry ${index}`;
  const e = obj(entry);
  if (!e) return { where, error: 'entry is not an object' };
  const item: RawItem = { where };
  const fullUrl = str(e.fullUrl);
  if (fullUrl) item.fullUrl = fullUrl;
  const method = str(obj(e.request)?.method);
  if (method) item.method = method.toUpperCase();
  if (e.resource === undefined) item.error = 'entry has no resource';
  else item.value = e.resource;
  return item;
}

async function* readNdjson(file: string, onBytes: (n: number) => void): AsyncGenerator<RawBatch> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let items: RawItem[] = [];
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    onBytes(Buffer.byteLength(line) + 1);
    if (!line.trim()) continue;
    try {
      items.push({ where: `line ${lineNo}`, value: JSON.parse(lineNo === 1 ? withoutBom(line) : line) });
    } catch (error) {
      items.push({ where: `line ${lineNo}`, error: jsonError(error) });
    }
    if (items.length >= batchSize) {
      yield { file, items };
      items = [];
    }
  }
  if (items.length) yield { file, items };
}

/** Streams the entries of a bundle too large to parse whole; a syntax error ends the file after what was read. */
async function* streamBundle(file: string, fullUrls: Map<string, string> | undefined, onBytes: (n: number) => void): AsyncGenerator<RawBatch> {
  // Bytes are counted inside the pipeline: a 'data' listener on the file would switch it to flowing mode and
  // read the whole file ahead of the parser, defeating backpressure.
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const countBytes = (text: string) => {
    onBytes(Buffer.byteLength(text));
    return text;
  };
  const pipeline = chain([input, countBytes, parser({ streamValues: false }), pick({ filter: 'entry' }), streamArray()]);
  let items: RawItem[] = [];
  let index = 0;
  try {
    for await (const { value } of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      items.push(entryItem(value, index++));
      if (items.length >= batchSize) {
        yield fullUrls ? { file, items, fullUrls } : { file, items };
        items = [];
      }
    }
  } catch (error) {
    const where = /position (\d+)/.exec((error as Error).message ?? '')?.[1];
    items.push({ where: `entry ${index}`, error: `JSON syntax error${where ? ` at character ${where}` : ''}; the rest of the file was not read` });
  }
  if (items.length) yield fullUrls ? { file, items, fullUrls } : { file, items };
}

async function collectFullUrls(file: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for await (const batch of streamBundle(file, undefined, () => {})) {
    for (const item of batch.items) {
      const target = typeAndId(item.value);
      if (item.fullUrl && target) map.set(detach(item.fullUrl), detach(target));
    }
  }
  return map;
}

/** A bundle's entries as raw items, with its fullUrl → "Type/id" map (files and in-memory bundles alike). */
export function bundleItems(entries: unknown[], wherePrefix = ''): { items: RawItem[]; fullUrls: Map<string, string> } {
  const items = entries.map((e, i) => entryItem(e, i, wherePrefix));
  const fullUrls = new Map<string, string>();
  for (const item of items) {
    const target = typeAndId(item.value);
    if (item.fullUrl && target) fullUrls.set(item.fullUrl, target);
  }
  return { items, fullUrls };
}

function bundleBatches(file: string, entries: unknown[]): RawBatch[] {
  const { items, fullUrls } = bundleItems(entries);
  const batches: RawBatch[] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push({ file, items: items.slice(i, i + batchSize), fullUrls });
  return batches;
}

async function* readJson(planned: PlannedFile, onBytes: (n: number) => void, streamAbove: number): AsyncGenerator<RawBatch> {
  const { file, size } = planned;
  if (size > streamAbove) {
    let entries = 0;
    for await (const batch of streamBundle(file, await collectFullUrls(file), onBytes)) {
      entries += batch.items.length;
      yield batch;
    }
    if (entries === 0) {
      yield { file, items: [{ where: 'file', error: `is over ${Math.round(streamAbove / 1048576)} MB and not a Bundle with entries; export large data as a Bundle or as .ndjson` }] };
    }
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(withoutBom(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    // Salvage what precedes a syntax error: stream the entries up to it.
    const salvaged: RawItem[] = [];
    let fullUrls: Map<string, string> | undefined;
    try {
      fullUrls = await collectFullUrls(file);
      for await (const batch of streamBundle(file, fullUrls, () => {})) salvaged.push(...batch.items);
    } catch {
      // nothing could be salvaged
    }
    onBytes(size);
    const readable = salvaged.filter((i) => !i.error);
    if (readable.length === 0) {
      yield { file, items: [{ where: 'file', error: jsonError(error) }] };
      return;
    }
    yield { file, items: salvaged, ...(fullUrls ? { fullUrls } : {}) };
    return;
  }
  const o = obj(parsed);
  if (o?.resourceType === 'Bundle') {
    const entries = arr(o.entry);
    const batches = bundleBatches(file, entries);
    if (batches.length === 0) {
      onBytes(size);
      yield { file, items: [{ where: 'file', error: 'bundle has no entries' }] };
      return;
    }
    for (const batch of batches) {
      onBytes(Math.round((size * batch.items.length) / entries.length));
      yield batch;
    }
    return;
  }
  onBytes(size);
  if (Array.isArray(parsed)) {
    yield { file, items: parsed.map((value, i) => ({ where: `item ${i}`, value })) };
    return;
  }
  yield { file, items: [{ where: 'file', value: parsed }] };
}

/** Reads a planned file as batches of raw items; binary or unreadable files become one error item. */
export async function* readPlannedFile(
  planned: PlannedFile,
  onBytes: (n: number) => void,
  streamAbove = streamThresholdBytes,
): AsyncGenerator<RawBatch> {
  try {
    if (looksBinary(planned.file)) {
      onBytes(planned.size);
      yield { file: planned.file, items: [{ where: 'file', error: 'is binary data, not FHIR JSON' }] };
      return;
    }
  } catch (error) {
    yield { file: planned.file, items: [{ where: 'file', error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }] };
    return;
  }
  if (planned.format === 'ndjson') yield* readNdjson(planned.file, onBytes);
  else yield* readJson(planned, onBytes, streamAbove);
}
