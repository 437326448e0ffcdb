// Entry of the import writer thread: commits prepared groups on its own connection.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { writeGroup, type WriterThreadInit } from './group-writer';
import type { PreparedResource } from './prepare';

const port = parentPort;
if (!port) throw new Error('import writer must run as a worker thread');
const init = workerData as WriterThreadInit;
const { db } = openDatabase({
  file: init.file,
  key: Buffer.from(init.key),
  setAsideUnreadable: false,
  ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
});
// A larger page cache for bulk writes into indexes keyed by random ids.
db.pragma('cache_size = -65536');

port.on('message', (m: { id: number; group?: PreparedResource[]; close?: boolean }) => {
  if (m.close) {
    db.close();
    port.close();
    return;
  }
  port.postMessage({ id: m.id, result: writeGroup(db, m.group ?? []) });
});
