// npm run bench [-- --only cold,import,lookups,timeline] [--quick] [--import-resources N]: prints one JSON document of figures.
// Quote medians and ratios from one run; these machines are noisy.
import os from 'node:os';
import { hostColdStart } from './host-cold-start';
import { importRate } from './import-rate';
import { lookups } from './lookups';
import { timelineAtScale } from './timeline';

const args = process.argv.slice(2);
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? '').split(',')) : undefined;
const quick = args.includes('--quick');
const importArg = args.indexOf('--import-resources');
const importResources = importArg >= 0 ? Number(args[importArg + 1]) : quick ? 100_000 : 1_000_000;
const wanted = (name: string) => !only || only.has(name);
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const result: Record<string, unknown> = {
  machine: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.arch()}` },
};
if (wanted('cold')) {
  log('browser-host cold start…');
  result.hostColdStart = await hostColdStart(5, 1000);
}
if (wanted('import')) {
  log('import rate…');
  result.importRate = await importRate(importResources);
}
if (wanted('lookups')) {
  log('lookups…');
  result.lookups = await lookups(
    quick ? { patients: 5_000, eventsPerPatient: 50, seed: 3 } : { patients: 100_000, eventsPerPatient: 56, seed: 3 },
    quick ? 200 : 1000,
    quick ? 100 : 500,
    log,
  );
}
if (wanted('timeline')) {
  log('timeline at scale…');
  result.timeline = await timelineAtScale({ events: 10_000, runs: quick ? 3 : 7, coldRuns: quick ? 2 : 3, log });
}
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
