// Entry of the database worker thread, and its dispatcher: each message runs one of the ops. The only place a query runs.
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { isAgentReadable } from '../../../preload/contract/errors';
import { openDatabase } from './open';
import { ops } from './ops.worker';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';

const port = parentPort;
if (!port) throw new Error('db worker must run as a worker thread');
const post = (m: FromWorker) => port.postMessage(m);
const init = workerData as WorkerInit;

let db: Database | undefined;
try {
  const opened = openDatabase({
    file: init.file,
    key: Buffer.from(init.key),
    ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
  });
  db = opened.db;
  post({ type: 'ready', schemaVersion: opened.schemaVersion, ...(opened.setAside ? { setAside: opened.setAside } : {}) });
} catch (error) {
  const e = error as { code?: unknown; message?: string };
  post({ type: 'fatal', code: typeof e.code === 'string' ? e.code : 'open_failed', message: e.message ?? String(error) });
}

port.on('message', (message: ToWorker) => {
  if (message.op === '__close') {
    db?.close();
    db = undefined;
    post({ type: 'result', id: message.id, ok: true, value: null });
    return;
  }
  const op = (ops as Record<string, (db: Database, args: unknown) => unknown>)[message.op];
  if (!db || !op) {
    post({ type: 'result', id: message.id, ok: false, code: 'bad_op', message: db ? `Unknown database operation ${message.op}` : 'Database is closed' });
    return;
  }
  try {
    post({ type: 'result', id: message.id, ok: true, value: op(db, (message as { args: unknown }).args) });
  } catch (error) {
    const e = error as { code?: unknown; message?: string };
    post({
      type: 'result',
      id: message.id,
      ok: false,
      code: typeof e.code === 'string' ? e.code : 'query_failed',
      message: e.message ?? String(error),
      ...(isAgentReadable(error) ? { agentReadable: true } : {}),
    });
  }
});
