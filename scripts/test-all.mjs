// npm test: build, checks (typecheck, lint, format), Vitest (unit, integration, renderer), Playwright (e2e in Chromium,
// electron). Then one line per suite, every file that crashed, any suite below its recorded minimum
// (test/minimum-tests.json), every skipped test with its reason, and one closing line over the tests only:
// "N passed, N failed, N skipped" (scripts/test-summary.mjs reads the reports).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addPlaywright, addVitest, applyMinimum, formatSummary, newSummary } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
// With CI set, Vitest refuses `.only` (allowOnly) and so does Playwright (forbidOnly): a focused test left in a file
// fails the run instead of silently narrowing it.
const testEnv = { DESK_SKIP_BUILD: '1', CI: process.env.CI || '1' };

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: r.status === 0, status: r.status ?? r.signal ?? r.error?.message };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs a tool that writes a JSON report, after deleting any report an earlier run left. */
function runWithReport(label, tool, args, report) {
  fs.rmSync(report, { force: true });
  const exit = run(label, bin(tool), args, testEnv);
  return { exit, report: readJson(report) };
}

if (!run('build', process.execPath, ['scripts/build.mjs']).ok) {
  process.stdout.write('\nThe build failed; no tests ran.\n0 passed, 1 failed, 0 skipped\n');
  process.exit(1);
}
const checks = [
  ['typecheck (tsc --noEmit)', run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']).ok],
  ['lint (eslint)', run('lint', bin('eslint'), ['.', '--max-warnings=0']).ok],
  ['format (prettier --check)', run('format', bin('prettier'), ['--check', '.']).ok],
];

const summary = newSummary(root);
const vitestJson = path.join(root, 'test-results', 'vitest.json');
const vitest = runWithReport(
  'vitest (unit, integration, renderer)',
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`],
  vitestJson,
);
addVitest(summary, vitest.report, vitest.exit);

// playwright.config.ts writes test-results/playwright.json.
const pw = runWithReport('playwright (e2e in Chromium, electron)', 'playwright', ['test'], path.join(root, 'test-results', 'playwright.json'));
addPlaywright(summary, pw.report, pw.exit);

const minimumFile = 'test/minimum-tests.json';
applyMinimum(summary, readJson(path.join(root, minimumFile)), minimumFile);

const { text, totals } = formatSummary(summary, checks);
process.stdout.write(`\n=== summary\n${text}\n`);
process.exit(totals.failed === 0 ? 0 : 1);
