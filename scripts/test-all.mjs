// npm test: build, typecheck, lint, Vitest (unit + integration), Playwright (E2E + Electron),
// then one closing line summing every suite: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, ok) {
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

if (!run('build', process.execPath, ['scripts/build.mjs'])) {
  process.stdout.write('\nThe build failed; no tests ran.\n0 passed, 1 failed\n');
  process.exit(1);
}
check('typecheck (tsc --noEmit)', run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
check('lint (eslint)', run('lint', bin('eslint'), ['.', '--max-warnings=0']));

const vitestJson = path.join(root, 'test-results', 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitestOk = run('vitest (unit + integration)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`], { DESK_SKIP_BUILD: '1' });
const v = readJson(vitestJson);
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests + (vitestOk || v.numFailedTests ? 0 : 1);
  totals.skipped += v.numPendingTests + v.numTodoTests;
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests + v.numTodoTests} skipped`);
} else {
  check('vitest produced no report', false);
}

const pwJson = path.join(root, 'test-results', 'playwright.json');
fs.rmSync(pwJson, { force: true });
const pwOk = run('playwright (e2e in Chromium + electron)', bin('playwright'), ['test'], { DESK_SKIP_BUILD: '1' });
const p = readJson(pwJson);
if (p) {
  const s = p.stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected + (pwOk || s.unexpected ? 0 : 1);
  totals.skipped += s.skipped;
  lines.push(`playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed, ${s.skipped} skipped`);
  const skippedWhy = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) {
      for (const a of t.annotations ?? []) if (a.type === 'skip') skippedWhy.push(`  skipped: ${spec.title} (${a.description ?? 'no reason given'})`);
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of p.suites ?? []) walk(suite);
  lines.push(...skippedWhy);
} else {
  check('playwright produced no report', false);
}

process.stdout.write(`\n=== summary\n${lines.join('\n')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed === 0 ? 0 : 1);
