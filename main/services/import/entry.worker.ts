// Entry of an import worker thread: its own connection (WAL lets the database worker keep answering reads).
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { generateDemoBundles } from '../demo-data';
import { openDatabase } from '../db/open';
import { threadGroupWriter } from './group-writer';
import { runImport, type ImportInput, type ImportSummary } from './run';
import type { FromImportWorker, ImportWorkerInit, ToImportWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('import worker must run as a worker thread');
const init = workerData as ImportWorkerInit;
const post = (m: FromImportWorker) => port.postMessage(m);
let cancelled = false;
port.on('message', (m: ToImportWorker) => {
  if (m.type === 'cancel') cancelled = true;
});

async function main(): Promise<ImportSummary> {
  const { db } = openDatabase({
    file: init.file,
    key: Buffer.from(init.key),
    setAsideUnreadable: false,
    ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
  });
  const writer = threadGroupWriter(init.writerScript, {
    file: init.file,
    key: init.key,
    ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
  });
  try {
    const input: ImportInput =
      'paths' in init.input
        ? { paths: init.input.paths, ...(init.input.roots ? { roots: init.input.roots } : {}) }
        : {
            bundles: generateDemoBundles({ seed: init.input.demo.seed, patients: init.input.demo.patients }),
            count: init.input.demo.patients + 1,
            label: 'demo data',
          };
    const summary = await runImport(db, input, {
      reportFile: init.reportFile,
      onProgress: (progress) => post({ type: 'progress', progress }),
      isCancelled: () => cancelled,
      writer,
      organisation: init.organisation,
      ...('paths' in init.input && init.input.source ? { source: init.input.source } : {}),
    });
    return summary;
  } finally {
    await writer.close();
    db.close();
  }
}

// The port is closed after the last message so the thread ends (a listening port would keep it alive).
main()
  .then((summary) => post({ type: 'done', summary }))
  .catch((error: Error) => {
    if (!fs.existsSync(init.reportFile)) fs.writeFileSync(init.reportFile, `Import failed: ${error.message}\n`, { mode: 0o600 });
    post({ type: 'failed', message: error.message });
  })
  .finally(() => port.close());
