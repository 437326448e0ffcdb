import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PreparedResource } from './prepare';
import { statements, writeResource } from './write';

/** What became of one transaction's worth of resources. Indexes point into the group that was written. */
export interface GroupResult {
  imported: number;
  updated: number;
  unchanged: number;
  deleted: number;
  older: number[];
  conflict: number[];
  /** Different content with the same meta.lastUpdated. */
  sameDateConflict: number[];
  /** A Patient under a cached id that is plainly another person. */
  identityConflict: number[];
  /** Deleted by its source, and this copy is not newer than the deletion. */
  tombstoned: number[];
  /** Set when the transaction failed and was rolled back: nothing of the group was saved. */
  error?: string;
}

const emptyResult = (): GroupResult => ({
  imported: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  older: [],
  conflict: [],
  sameDateConflict: [],
  identityConflict: [],
  tombstoned: [],
});
const listOf = {
  older: 'older',
  conflict: 'conflict',
  'same-date-conflict': 'sameDateConflict',
  'identity-conflict': 'identityConflict',
  tombstoned: 'tombstoned',
} as const;

/** Writes a group in one transaction; a failure rolls all of it back. */
export function writeGroup(db: Database, group: readonly PreparedResource[]): GroupResult {
  const s = statements(db);
  const result: GroupResult = emptyResult();
  const now = new Date().toISOString();
  try {
    db.transaction(() => {
      group.forEach((r, i) => {
        const outcome = writeResource(s, r, now);
        if (outcome === 'imported' || outcome === 'updated' || outcome === 'unchanged' || outcome === 'deleted') result[outcome]++;
        else result[listOf[outcome]].push(i);
      });
    })();
  } catch (error) {
    return { ...emptyResult(), error: (error as Error).message };
  }
  return result;
}

export interface GroupWriter {
  write(group: PreparedResource[]): Promise<GroupResult>;
  close(): Promise<void>;
}

/** Writes on the calling thread (tests, small imports). */
export function localGroupWriter(db: Database): GroupWriter {
  return { write: async (group) => writeGroup(db, group), close: async () => {} };
}

export interface WriterThreadInit {
  file: string;
  key: Uint8Array;
  nativeBinding?: string;
}

/**
 * Writes on a thread of its own with its own connection, so that reading and preparing the next group (one core)
 * overlaps with committing this one (the other core).
 */
export function threadGroupWriter(script: string, init: WriterThreadInit): GroupWriter {
  const worker = new Worker(script, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: 512 } });
  let nextId = 1;
  let stopped: Error | undefined;
  const waiting = new Map<number, { resolve: (r: GroupResult) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    stopped ??= e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; result: GroupResult }) => {
    waiting.get(m.id)?.resolve(m.result);
    waiting.delete(m.id);
  });
  worker.on('error', (e) => failAll(new Error(`The import writer failed: ${e.message}`)));
  worker.on('exit', () => failAll(new Error('The import writer stopped')));
  return {
    write: (group) =>
      new Promise((resolve, reject) => {
        if (stopped) return reject(stopped);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, group });
      }),
    close: async () => {
      if (stopped) return;
      const exited = new Promise((r) => worker.once('exit', r));
      worker.postMessage({ id: 0, close: true });
      await exited;
    },
  };
}
