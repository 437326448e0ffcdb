import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OpArgs, OpName, OpResult } from './ops.worker';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';

export interface DbClientOptions {
  dataDir: string;
  key: Buffer;
  /** Path of the built worker script (dist/main/db-worker.js). */
  workerScript: string;
  nativeBinding?: string;
  fileName?: string;
}

export class DbOpenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class DbQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The worker marked the message as written for the agent (see isAgentReadable). */
    readonly agentReadable = false,
  ) {
    super(message);
  }
}

/** Main-process side of the database: every query is a message to the worker that owns the connection. */
export class DbClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly file: string,
    readonly schemaVersion: number,
    readonly setAside: { reason: string; movedTo: string } | undefined,
  ) {
    worker.on('message', (m: FromWorker) => {
      if (m.type !== 'result') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new DbQueryError(m.code, m.message, m.agentReadable === true));
    });
    const failAll = (error: Error) => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', (e) => failAll(new DbQueryError('worker_crashed', `Database worker failed: ${e.message}`)));
    worker.on('exit', () => failAll(new DbQueryError('worker_exited', 'Database worker stopped')));
  }

  static start(options: DbClientOptions): Promise<DbClient> {
    const file = path.join(options.dataDir, options.fileName ?? 'desk.db');
    const init: WorkerInit = {
      file,
      key: new Uint8Array(options.key),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    };
    const worker = new Worker(options.workerScript, { workerData: init });
    return new Promise((resolve, reject) => {
      const onFirst = (m: FromWorker) => {
        worker.off('error', onError);
        if (m.type === 'ready') resolve(new DbClient(worker, file, m.schemaVersion, m.setAside));
        else if (m.type === 'fatal') {
          void worker.terminate();
          reject(new DbOpenError(m.code, m.message));
        }
      };
      const onError = (e: Error) => reject(new DbOpenError('worker_failed', `Database worker failed to start: ${e.message}`));
      worker.once('message', onFirst);
      worker.once('error', onError);
    });
  }

  call<N extends OpName>(op: N, args: OpArgs<N>): Promise<OpResult<N>> {
    return this.send({ id: this.nextId++, op, args }) as Promise<OpResult<N>>;
  }

  private send(message: ToWorker): Promise<unknown> {
    if (this.closed) return Promise.reject(new DbQueryError('closed', 'Database is closed'));
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.send({ id: this.nextId++, op: '__close' });
    this.closed = true;
    await this.worker.terminate();
  }
}
