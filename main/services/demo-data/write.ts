import fs from 'node:fs';
import path from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { directory, sharedResourcesBundle } from './directory';
import { patientBundle } from './patient';

export interface DemoOptions {
  /** Any 32-bit integer; the same seed and options always give byte-identical output. */
  seed: number;
  /** How many patients. */
  patients: number;
  /** Approximate clinical/billing resources per adult patient (default 40); children get about half. */
  eventsPerPatient?: number;
  /** Index of the first patient (default 0), to generate a large set in slices. */
  firstIndex?: number;
}

/** The shared bundle (only for the first slice), then one bundle per patient, built one at a time. */
export function* generateDemoBundles(options: DemoOptions): Generator<Bundle> {
  const first = options.firstIndex ?? 0;
  const perPatient = options.eventsPerPatient === undefined ? {} : { eventsPerPatient: options.eventsPerPatient };
  if (first === 0) yield sharedResourcesBundle(options.seed);
  for (let i = 0; i < options.patients; i++) yield patientBundle(options.seed, first + i, perPatient);
}

/** One compact JSON file per bundle: 000-shared.json, patient-000000.json, ... */
export function writeDemoBundles(dir: string, options: DemoOptions): { files: number; resources: number } {
  fs.mkdirSync(dir, { recursive: true });
  const first = options.firstIndex ?? 0;
  let files = 0;
  let resources = 0;
  let index = first;
  for (const bundle of generateDemoBundles(options)) {
    const shared = files === 0 && first === 0;
    const name = shared ? '000-shared.json' : `patient-${String(index++).padStart(6, '0')}.json`;
    fs.writeFileSync(path.join(dir, name), JSON.stringify(bundle));
    files++;
    resources += bundle.entry?.length ?? 0;
  }
  return { files, resources };
}

const FLUSH_CHARS = 1 << 20;

/** Appends lines to one file per resource type, writing in ~1 MB chunks. */
class NdjsonFiles {
  private readonly files = new Map<string, { fd: number; chunks: string[]; size: number }>();

  constructor(private readonly dir: string) {}

  write(type: string, line: string): void {
    let file = this.files.get(type);
    if (!file) {
      file = { fd: fs.openSync(path.join(this.dir, `${type}.ndjson`), 'w'), chunks: [], size: 0 };
      this.files.set(type, file);
    }
    file.chunks.push(line, '\n');
    file.size += line.length + 1;
    if (file.size >= FLUSH_CHARS) this.flush(file);
  }

  private flush(file: { fd: number; chunks: string[]; size: number }): void {
    if (file.chunks.length > 0) fs.writeSync(file.fd, file.chunks.join(''));
    file.chunks = [];
    file.size = 0;
  }

  close(): number {
    for (const file of this.files.values()) {
      this.flush(file);
      fs.closeSync(file.fd);
    }
    return this.files.size;
  }
}

const REFERENCE_VALUE = /"reference":"((?:urn:uuid:|Organization\?|Practitioner\?)[^"]*)"/g;

/**
 * Bulk-export style output: one <ResourceType>.ndjson per type, one resource per line, every reference in
 * plain "Type/id" form. Files are truncated first, so give each slice its own directory.
 */
export function writeDemoNdjson(dir: string, options: DemoOptions): { files: number; resources: number } {
  fs.mkdirSync(dir, { recursive: true });
  const out = new NdjsonFiles(dir);
  const shared = directory(options.seed).plainRefs;
  let resources = 0;
  let files: number;
  try {
    for (const bundle of generateDemoBundles(options)) {
      const local = new Map<string, string>();
      for (const entry of bundle.entry ?? []) {
        const r = entry.resource as Resource;
        if (entry.fullUrl) local.set(entry.fullUrl, `${r.resourceType}/${r.id as string}`);
      }
      const plain = (match: string, value: string): string => {
        const target = local.get(value) ?? shared.get(value);
        return target === undefined ? match : `"reference":"${target}"`;
      };
      for (const entry of bundle.entry ?? []) {
        const r = entry.resource as Resource;
        out.write(r.resourceType, JSON.stringify(r).replace(REFERENCE_VALUE, plain));
        resources++;
      }
    }
  } finally {
    files = out.close();
  }
  return { files, resources };
}
