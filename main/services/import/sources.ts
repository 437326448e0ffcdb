import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { fhirIdSyntax } from '../../../preload/contract';
import { arr, detach, obj, str } from '../fhir/access';
import { markDecimalToken, parseFhirJson, restoreDecimals } from '../fhir/decimal-json';
import { baseOf } from '../fhir/references';
import { importOrder } from '../fhir/resource-types';
import { isInside, isNetworkPath, networkPathMessage } from './access';
import type { ImportMessage } from './messages';

type Token = Parameters<ReturnType<typeof pick>>[0];

/** Files above this size are streamed instead of parsed whole (memory stays bounded). */
export const streamThresholdBytes = 64 * 1024 * 1024;
const batchSize = 1000;

export interface PlannedFile {
  file: string;
  size: number;
  format: 'ndjson' | 'json';
  /** A .gz file, read through gunzip. */
  gzip?: boolean;
  /** The resource type of its first line (NDJSON), which decides the import order better than its name. */
  firstType?: string;
}

/** One thing read from a file: a parsed value or the reason it could not be read. */
export interface RawItem {
  where: string;
  value?: unknown;
  error?: string;
  /** Nothing to import, with the reason (a response entry, a search request). */
  skip?: string;
  fullUrl?: string;
  method?: string;
  /** request.url of a transaction or batch entry: "Patient/123", "Patient?identifier=…". */
  url?: string;
  /** request.ifNoneExist: create only when no resource matches. */
  ifNoneExist?: string;
  /** response.lastModified (history bundles, transaction responses): when the server last changed it. */
  lastModified?: string;
  /** Set by the import for a conditional write: the local id of the resource the condition found (or a new one). */
  targetId?: string;
  /** Set by the import when a conditional create (ifNoneExist) found the resource already there: nothing to create. */
  matched?: boolean;
}

export interface RawBatch {
  file: string;
  items: RawItem[];
  /** For bundles: fullUrl → "Type/id" over the whole bundle, to resolve references to entries. */
  fullUrls?: Map<string, string>;
  /** Bundle.type: history bundles keep only each resource's newest entry. */
  bundleType?: string;
  /** The server the bundle came from, when its fullUrls are absolute URLs of one server. */
  base?: string;
}

/** Which type a file holds, from its name: "Patient.ndjson", "Patient-1.ndjson", "1.Patient.ndjson", "patient_2.ndjson". */
function typeFromName(base: string): string | undefined {
  const lower = base.toLowerCase();
  return importOrder.find((t) => {
    const l = t.toLowerCase();
    return lower.startsWith(`${l}.`) || lower.startsWith(`${l}-`) || lower.startsWith(`${l}_`) || new RegExp(`^\\d+\\.${l}\\.`).test(lower);
  });
}

function orderKey(f: PlannedFile): number {
  const base = path.basename(f.file);
  if (/^(hospital|practitioner)Information/i.test(base)) return -1;
  const type = f.firstType ?? typeFromName(base);
  const i = type ? importOrder.indexOf(type) : -1;
  return i === -1 ? importOrder.length : i;
}

/**
 * Opens a file for reading only if it is a regular file. Non-blocking, so that a named pipe put in its place after it
 * was planned cannot make the open wait for a writer; the check is on what was opened, not on the name.
 */
export function openRegularFile(file: string): number {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  let regular = false;
  try {
    regular = fs.fstatSync(fd).isFile();
  } finally {
    if (!regular) fs.closeSync(fd);
  }
  if (!regular) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'not a regular file' });
  return fd;
}

/** A read stream of a regular file (see openRegularFile). */
const regularStream = (file: string, encoding?: BufferEncoding): fs.ReadStream =>
  fs.createReadStream(file, { fd: openRegularFile(file), ...(encoding ? { encoding } : {}) });

/** The first bytes of a file, gunzipped when it is gzip. */
function head(file: string, gzip: boolean, bytes = 65536): string {
  const fd = openRegularFile(file);
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const data = buf.subarray(0, n);
    if (!gzip) return data.toString('utf8');
    try {
      return zlib.gunzipSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('utf8');
    } catch {
      return '';
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The resourceType of a text's first line when that line is a JSON object on its own (NDJSON). */
function firstLineType(text: string): string | undefined {
  const line = withoutBom(text)
    .split(/\r?\n/)
    .find((l) => l.trim() !== '');
  if (!line || line.length >= text.length - 1) return undefined;
  try {
    return str(obj(JSON.parse(line))?.resourceType);
  } catch {
    return undefined;
  }
}

/** The first resourceType in a JSON text other than the Bundle's own. */
function firstEntryType(text: string): string | undefined {
  for (const m of text.matchAll(/"resourceType"\s*:\s*"([A-Za-z]{1,64})"/g)) if (m[1] !== 'Bundle') return m[1];
  return undefined;
}

/** What a data file is, from its name or, without a known extension, its content (bulk clients save opaque names). */
function classify(file: string, size: number): PlannedFile | undefined {
  const lower = file.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const name = gzip ? lower.slice(0, -3) : lower;
  const sniff = () => head(file, gzip);
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) {
    const firstType = firstLineType(sniff());
    return { file, size, format: 'ndjson', gzip, ...(firstType ? { firstType } : {}) };
  }
  if (name.endsWith('.json')) {
    // A bundle sorts by its first entry: a shared Organization/Practitioner bundle goes before patient bundles.
    const firstType = firstEntryType(sniff());
    return { file, size, format: 'json', gzip, ...(firstType ? { firstType } : {}) };
  }
  if (path.extname(name) !== '' && !/\.\d+$/.test(name)) return undefined;
  // No extension (or only a number): read the start. NDJSON if the first line is an object of its own, else JSON.
  const text = sniff();
  if (!/^\s*[{[]/.test(withoutBom(text))) return undefined;
  const firstType = firstLineType(text);
  if (firstType) return { file, size, format: 'ndjson', gzip, firstType };
  const entryType = firstEntryType(text);
  return { file, size, format: 'json', gzip, ...(entryType ? { firstType: entryType } : {}) };
}

/** What a path that is neither a file nor a folder is, and why it is not read. */
function specialFileMessage(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'is a named pipe (FIFO), not a file: reading it would wait for another program forever; not read';
  if (stat.isSocket()) return 'is a socket, not a file; not read';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a file (a device such as /dev/zero never ends); not read';
  return 'is not a regular file or folder; not read';
}

export interface PlanOptions {
  /**
   * Real paths of the folders (or files) the import may read inside. Every file and folder reached, through links
   * too, must really be inside one of them. Unset: anywhere (the command-line import, run by an administrator).
   */
  roots?: readonly string[];
}

/** A planning problem; `count` is how many files it stands for (files in a folder that are not data: one message). */
export type PlanProblem = ImportMessage & { count?: number };

/**
 * Expands files and folders (recursively) into the files to import, referenced types first.
 *
 * Only regular files are read: devices, named pipes, sockets and link loops are refused with the reason, and so are
 * network (UNC) paths. A folder's other contents are not listed: files that are not FHIR data are counted in one
 * message for the folder that was asked for, and hidden entries are passed over.
 */
export function planFiles(paths: readonly string[], options: PlanOptions = {}): { files: PlannedFile[]; problems: PlanProblem[] } {
  const files: PlannedFile[] = [];
  const problems: PlanProblem[] = [];
  const refuse = (file: string, message: string) => problems.push({ severity: 'error', file, where: 'file', message });
  const cannotRead = (file: string, error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') refuse(file, 'is a symbolic link loop (it leads back to itself); not read');
    else refuse(file, `cannot be read (${code ?? 'error'})`);
  };
  const roots = options.roots?.map((r) => path.resolve(r));
  const inRoots = (p: string) => {
    if (!roots) return true;
    try {
      const real = fs.realpathSync(p);
      return roots.some((root) => isInside(real, root));
    } catch {
      return false;
    }
  };
  let notData = 0;
  /** `folders`: identities of the folders being read above this path, to stop at a link back to one of them. */
  const visit = (p: string, top: boolean, folders: ReadonlySet<string>) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      cannotRead(p, error);
      return;
    }
    if (!inRoots(p)) {
      refuse(p, 'leads outside the folders this desk may import from; not read');
      return;
    }
    if (stat.isDirectory()) {
      const identity = `${stat.dev}:${stat.ino}`;
      if (folders.has(identity)) {
        refuse(p, 'is a link back to a folder that is already being read (a symbolic link loop); not followed');
        return;
      }
      let names: string[];
      try {
        names = fs.readdirSync(p).sort();
      } catch (error) {
        cannotRead(p, error);
        return;
      }
      const inside = new Set(folders).add(identity);
      for (const name of names) if (!name.startsWith('.')) visit(path.join(p, name), false, inside);
      return;
    }
    if (!stat.isFile()) {
      refuse(p, specialFileMessage(stat));
      return;
    }
    let planned: PlannedFile | undefined;
    try {
      planned = classify(p, stat.size);
    } catch (error) {
      cannotRead(p, error);
      return;
    }
    if (planned) files.push(planned);
    else if (top) problems.push({ severity: 'skipped', file: p, where: 'file', message: 'not FHIR JSON or NDJSON (by its name or its first bytes)' });
    else notData++;
  };
  for (const p of paths) {
    if (isNetworkPath(p)) {
      refuse(p, `${networkPathMessage}; not read`);
      continue;
    }
    const resolved = path.resolve(p);
    notData = 0;
    visit(resolved, true, new Set());
    if (notData > 0) {
      problems.push({
        severity: 'skipped',
        file: resolved,
        where: `folder (${notData === 1 ? '1 other file' : `${notData} other files`})`,
        message: 'not FHIR JSON or NDJSON (by name or first bytes), so not read; their names are not listed',
        count: notData,
      });
    }
  }
  files.sort((a, b) => orderKey(a) - orderKey(b) || a.file.localeCompare(b.file));
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

/** A regular file's whole content (see openRegularFile). */
function readRegularFile(file: string): Buffer {
  const fd = openRegularFile(file);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function looksBinary(file: string, gzip: boolean): boolean {
  return head(file, gzip, 4096).includes('\u0000');
}

const idAtEnd = new RegExp(`/(${fhirIdSyntax})(?:/_history/[^/]+)?$`);
const literalReference = new RegExp(`^[A-Z][A-Za-z]+/(${fhirIdSyntax})$`);

/** The id an entry's resource will have: its own, else the one its fullUrl or its PUT url gives. */
export function entryId(item: RawItem): string | undefined {
  const o = obj(item.value);
  const own = str(o?.id);
  if (own) return own;
  const full = item.fullUrl;
  if (full?.startsWith('urn:uuid:')) return full.slice('urn:uuid:'.length);
  if (full?.startsWith('urn:oid:')) return full.slice('urn:oid:'.length);
  const fromFull = full ? idAtEnd.exec(full)?.[1] : undefined;
  if (fromFull && baseOf(full!)) return fromFull;
  if (item.method === 'PUT' && item.url) return literalReference.exec(item.url)?.[1];
  return undefined;
}

function typeAndId(item: RawItem): string | undefined {
  const type = str(obj(item.value)?.resourceType);
  const id = entryId(item);
  return type && id ? `${type}/${id}` : undefined;
}

function entryItem(entry: unknown, index: number, wherePrefix = ''): RawItem {
  const where = `${wherePrefix}entry ${index}`;
  const e = obj(entry);
  if (!e) return { where, error: 'entry is not an object' };
  const item: RawItem = { where };
  const fullUrl = str(e.fullUrl);
  if (fullUrl) item.fullUrl = fullUrl;
  const request = obj(e.request);
  const method = str(request?.method);
  if (method) item.method = method.toUpperCase();
  const url = str(request?.url);
  if (url) item.url = url;
  const ifNoneExist = str(request?.ifNoneExist);
  if (ifNoneExist) item.ifNoneExist = ifNoneExist;
  const lastModified = str(obj(e.response)?.lastModified);
  if (lastModified) item.lastModified = lastModified;
  if (e.resource !== undefined) item.value = e.resource;
  else if (item.method === 'DELETE') return item;
  else if (item.method === 'GET' || item.method === 'HEAD') item.skip = 'a search (GET) entry carries no resource to import';
  else if (e.response !== undefined) item.skip = 'a response entry (transaction-response or batch-response) carries no resource to import';
  else item.error = 'entry has no resource';
  return item;
}

/** The server a bundle came from, when every absolute fullUrl names the same one. */
function bundleBase(items: readonly RawItem[]): string | undefined {
  let base: string | undefined;
  for (const item of items) {
    const b = item.fullUrl ? baseOf(item.fullUrl) : undefined;
    if (!b) continue;
    if (base && b !== base) return undefined;
    base = b;
  }
  return base;
}

function textStream(file: string, gzip: boolean, onBytes?: (n: number) => void): NodeJS.ReadableStream {
  const raw = regularStream(file);
  // Progress counts the file's own bytes (compressed ones for .gz), as its size was counted.
  if (onBytes) raw.on('data', (chunk: Buffer | string) => onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
  const stream = gzip ? raw.pipe(zlib.createGunzip()) : raw;
  stream.setEncoding('utf8');
  return stream;
}

async function* readNdjson(file: string, onBytes: (n: number) => void, gzip = false): AsyncGenerator<RawBatch> {
  const lines = readline.createInterface({ input: textStream(file, gzip, onBytes), crlfDelay: Infinity });
  let items: RawItem[] = [];
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    try {
      // A BOM can start any line: files concatenated with cat keep each one's.
      items.push({ where: `line ${lineNo}`, value: parseFhirJson(withoutBom(line)) });
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
async function* streamBundle(file: string, fullUrls: Map<string, string> | undefined, onBytes: (n: number) => void, gzip = false): AsyncGenerator<RawBatch> {
  // Bytes are counted inside the pipeline: a 'data' listener on the file would switch it to flowing mode and
  // read the whole file ahead of the parser, defeating backpressure.
  const input: NodeJS.ReadableStream = gzip ? regularStream(file).pipe(zlib.createGunzip()).setEncoding('utf8') : regularStream(file, 'utf8');
  const countBytes = (text: string) => {
    onBytes(Buffer.byteLength(text));
    return text;
  };
  const pipeline = chain([
    input as fs.ReadStream,
    countBytes,
    parser({ streamValues: false }),
    (t: Token) => markDecimalToken(t),
    pick({ filter: 'entry' }),
    streamArray(),
  ]);
  let items: RawItem[] = [];
  let index = 0;
  try {
    for await (const { value } of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      items.push(entryItem(restoreDecimals(value), index++));
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

async function collectFullUrls(file: string, gzip = false): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for await (const batch of streamBundle(file, undefined, () => {}, gzip)) {
    for (const item of batch.items) {
      const target = typeAndId(item);
      if (item.fullUrl && target) map.set(detach(item.fullUrl), detach(target));
    }
  }
  return map;
}

/**
 * A bundle's entries as raw items, with its fullUrl → "Type/id" map (files and in-memory bundles alike), its type, and
 * the server its absolute fullUrls name.
 */
export function bundleItems(entries: unknown[], wherePrefix = '', bundleType?: string): Omit<RawBatch, 'file'> & { fullUrls: Map<string, string> } {
  const items = entries.map((e, i) => entryItem(e, i, wherePrefix));
  const fullUrls = new Map<string, string>();
  for (const item of items) {
    const target = typeAndId(item);
    if (item.fullUrl && target) fullUrls.set(item.fullUrl, target);
  }
  const base = bundleBase(items);
  return { items, fullUrls, ...(bundleType ? { bundleType } : {}), ...(base ? { base } : {}) };
}

function bundleBatches(file: string, entries: unknown[], bundleType?: string): RawBatch[] {
  const { items, ...rest } = bundleItems(entries, '', bundleType);
  const batches: RawBatch[] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push({ file, items: items.slice(i, i + batchSize), ...rest });
  return batches;
}

async function* readJson(planned: PlannedFile, onBytes: (n: number) => void, streamAbove: number): AsyncGenerator<RawBatch> {
  const { file, size } = planned;
  if (size > streamAbove) {
    let entries = 0;
    for await (const batch of streamBundle(file, await collectFullUrls(file, planned.gzip), onBytes, planned.gzip)) {
      entries += batch.items.length;
      yield batch;
    }
    if (entries === 0) {
      yield {
        file,
        items: [
          {
            where: 'file',
            error: `is over ${Math.round(streamAbove / 1048576)} MB and not a Bundle with entries; export large data as a Bundle or as .ndjson`,
          },
        ],
      };
    }
    return;
  }
  let parsed: unknown;
  const whole = readRegularFile(file);
  const text = withoutBom(planned.gzip ? zlib.gunzipSync(whole).toString('utf8') : whole.toString('utf8'));
  try {
    parsed = parseFhirJson(text);
  } catch (error) {
    // A .json file that holds NDJSON (one resource per line) is read as NDJSON.
    if (firstLineType(text)) {
      yield* readNdjson(file, onBytes, planned.gzip);
      return;
    }
    // Salvage what precedes a syntax error: stream the entries up to it.
    const salvaged: RawItem[] = [];
    let fullUrls: Map<string, string> | undefined;
    try {
      fullUrls = await collectFullUrls(file, planned.gzip);
      for await (const batch of streamBundle(file, fullUrls, () => {}, planned.gzip)) salvaged.push(...batch.items);
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
    const batches = bundleBatches(file, entries, str(o.type));
    if (batches.length === 0) {
      onBytes(size);
      // An empty search result is a valid answer, not an error.
      const empty =
        o.type === 'searchset' || o.type === 'history' ? { skip: `an empty ${String(o.type)} bundle: nothing to import` } : { error: 'bundle has no entries' };
      yield { file, items: [{ where: 'file', ...empty }] };
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
export async function* readPlannedFile(planned: PlannedFile, onBytes: (n: number) => void, streamAbove = streamThresholdBytes): AsyncGenerator<RawBatch> {
  try {
    if (looksBinary(planned.file, planned.gzip === true)) {
      onBytes(planned.size);
      yield { file: planned.file, items: [{ where: 'file', error: 'is binary data, not FHIR JSON' }] };
      return;
    }
  } catch (error) {
    yield { file: planned.file, items: [{ where: 'file', error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }] };
    return;
  }
  if (planned.format === 'ndjson') yield* readNdjson(planned.file, onBytes, planned.gzip === true);
  else yield* readJson(planned, onBytes, streamAbove);
}
