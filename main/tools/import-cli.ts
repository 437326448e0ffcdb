// npm run import -- <file or folder>… [--data-dir DIR]: imports FHIR data into a workstation's cache from a terminal.
import fs from 'node:fs';
import path from 'node:path';
import { loadOrCreateDbKey } from '../services/db/key';
import { openDatabase } from '../services/db/open';
import { fileURLToPath } from 'node:url';
import { threadGroupWriter } from '../services/import/group-writer';
import { defaultOrganisation, runImport, type ImportProgress } from '../services/import/run';
import { defaultDataDir } from '../services/paths';

function validZone(zone: string | undefined): string | undefined {
  try {
    return zone ? (new Intl.DateTimeFormat('en-US', { timeZone: zone }), zone) : undefined;
  } catch {
    return undefined;
  }
}

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write('Usage: npm run import -- <file or folder> [more…] [--data-dir DIR] [--country US] [--time-zone America/New_York] [--source NAME]\n');
  process.exit(64);
}

const args = process.argv.slice(2);
let dataDir = defaultDataDir();
const paths: string[] = [];
const organisation = { ...defaultOrganisation };
let source: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--data-dir') dataDir = path.resolve(args[++i] ?? usage('--data-dir needs a folder'));
  else if (args[i] === '--country')
    organisation.country = /^[A-Z]{2}$/.test(args[++i] ?? '') ? args[i]! : usage('--country needs a two-letter code such as US or MX');
  else if (args[i] === '--source') source = (args[++i] ?? '').trim() || usage('--source needs a name for the system the files come from');
  else if (args[i] === '--time-zone') organisation.timeZone = validZone(args[++i]) ?? usage('--time-zone needs an IANA zone such as America/Chicago');
  else if (args[i] === '--help' || args[i] === '-h') usage();
  else paths.push(args[i]!);
}
if (paths.length === 0) usage('Name at least one file or folder to import.');
if (fs.existsSync(path.join(dataDir, 'db.key.enc')) && !fs.existsSync(path.join(dataDir, 'db.key'))) {
  usage(`${dataDir} belongs to the desktop app, whose key is sealed by the system keychain: use its "Import FHIR data…" command.`);
}

const mb = (n: number) => (n / 1048576).toFixed(1);
const tty = process.stderr.isTTY;
function show(p: ImportProgress): void {
  const eta = p.etaSeconds === null ? '' : `, about ${p.etaSeconds} s left`;
  const line = `${p.read.toLocaleString('en-US')} resources, ${mb(p.done)} of ${mb(p.total)} MB, ${p.ratePerSecond.toLocaleString('en-US')}/s${eta}`;
  process.stderr.write(tty ? `\r${line.padEnd(90)}` : `${line}\n`);
}

const key = loadOrCreateDbKey(dataDir);
const { db, schemaVersion } = openDatabase({ file: path.join(dataDir, 'desk.db'), key, setAsideUnreadable: false });
const reportDir = path.join(dataDir, 'import-reports');
fs.mkdirSync(reportDir, { recursive: true, mode: 0o700 });
const reportFile = path.join(reportDir, `import-${new Date().toISOString().replace(/[:.]/g, '-')}-cli.txt`);
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));
process.stderr.write(`Importing into ${dataDir} (cache schema v${schemaVersion})\n`);
const writerScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'main', 'import-writer.js');
const writer = threadGroupWriter(writerScript, { file: path.join(dataDir, 'desk.db'), key: new Uint8Array(key) });
const summary = await runImport(
  db,
  { paths },
  { reportFile, onProgress: show, progressIntervalMs: tty ? 200 : 2000, isCancelled: () => interrupted, writer, organisation, ...(source ? { source } : {}) },
);
await writer.close();
db.close();
if (tty) process.stderr.write('\n');
const s = summary;
process.stdout.write(
  `${s.cancelled ? 'Cancelled' : 'Done'} in ${(s.durationMs / 1000).toFixed(1)} s: ${s.imported} imported, ${s.updated} updated, ` +
    `${s.unchanged} unchanged, ${s.skipped} skipped, ${s.rejected} rejected, ${s.warnings} warnings` +
    `${s.failedBatches ? `, ${s.failedBatches} batches not saved` : ''}.\n`,
);
for (const r of s.reasons.slice(0, 10)) process.stdout.write(`  ${r.count} × ${r.severity}: ${r.message}\n`);
process.stdout.write(`Full report: ${reportFile}\n`);
process.exit(s.rejected > 0 || s.failedBatches > 0 ? 2 : 0);
