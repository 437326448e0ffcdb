// How `npm test` (scripts/test-all.mjs) reads the Vitest and Playwright JSON reports into its closing summary.
// Kept apart from the runner so that test/integration/test-runner.test.ts can feed it real reports of probe files.
import path from 'node:path';

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((l) => l.trim())
    ?.trim() ?? '';

/** An empty summary: suites (name → counts, in the order first seen), failure and skip lines. */
export function newSummary(root) {
  return { root, suites: new Map(), failures: [], skipped: [] };
}

function suite(summary, name) {
  if (!summary.suites.has(name)) summary.suites.set(name, { passed: 0, failed: 0, skipped: 0 });
  return summary.suites.get(name);
}

const rel = (summary, file) => path.relative(summary.root, file).split(path.sep).join('/');

/**
 * Vitest's JSON report: one suite per folder under test/ (unit, integration, renderer). A skipped test's reason is
 * `task.meta.skipReason` (test/support/skip.ts sets it). A file that failed outside any test (it did not load, a hook
 * threw, its worker died) is counted as one failure and named.
 */
export function addVitest(summary, report, exit) {
  if (!report) {
    suite(summary, 'vitest').failed++;
    summary.failures.push('  vitest produced no report');
    return;
  }
  let counted = 0;
  for (const file of report.testResults ?? []) {
    const name = rel(summary, file.name);
    const parts = name.split('/');
    const s = suite(summary, `vitest ${parts[0] === 'test' && parts.length > 2 ? parts[1] : 'other'}`);
    let failedHere = 0;
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') s.passed++;
      else if (t.status === 'failed') failedHere++;
      else {
        s.skipped++;
        const why = t.meta?.skipReason ?? (t.status === 'todo' ? 'to do: not written yet' : 'no reason given');
        summary.skipped.push(`  skipped: ${name} › ${t.fullName} (${why})`);
      }
    }
    s.failed += failedHere;
    counted += failedHere;
    if (file.status === 'failed' && failedHere === 0) {
      s.failed++;
      counted++;
      summary.failures.push(`  crashed: ${name}: ${firstLine(file.message) || 'failed outside any test (see its output above)'}`);
    }
  }
  if (!exit.ok && counted === 0) {
    suite(summary, 'vitest').failed++;
    summary.failures.push(
      `  vitest exited with ${String(exit.status)} but its report shows no failed test or file (an unhandled error or a lost worker: see its output above)`,
    );
  }
}

function skipReason(test) {
  const note = test.annotations?.find((a) => a.type === 'skip' || a.type === 'fixme');
  if (note) return `${note.type === 'fixme' ? 'fixme: ' : ''}${note.description ?? 'no reason given'}`;
  if (test.annotations?.some((a) => a.type === 'serial')) return 'not run: an earlier test of its serial group failed';
  return 'no reason given';
}

/**
 * Playwright's JSON report: one suite per project (e2e, electron). A flaky test (passed only on a retry) is a failure:
 * the suite runs with retries 0. Errors outside any test (a spec that did not load, a refused `.only`, a global setup
 * that threw) are failures of the suite "playwright", each named.
 */
export function addPlaywright(summary, report, exit) {
  if (!report) {
    suite(summary, 'playwright').failed++;
    summary.failures.push('  playwright produced no report');
    return;
  }
  let counted = 0;
  const base = report.config?.rootDir ?? summary.root;
  const walk = (node) => {
    for (const spec of node.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const s = suite(summary, `playwright ${t.projectName || 'tests'}`);
        const where = `${rel(summary, path.resolve(base, spec.file))} › ${spec.title}`;
        if (t.status === 'expected') s.passed++;
        else if (t.status === 'skipped') {
          s.skipped++;
          summary.skipped.push(`  skipped: ${where} (${skipReason(t)})`);
        } else {
          s.failed++;
          counted++;
          if (t.status === 'flaky') summary.failures.push(`  flaky: ${where} (passed only on a retry)`);
        }
      }
    }
    for (const child of node.suites ?? []) walk(child);
  };
  for (const node of report.suites ?? []) walk(node);
  for (const e of report.errors ?? []) {
    suite(summary, 'playwright').failed++;
    counted++;
    const at = e.location ? ` (${rel(summary, e.location.file)}:${e.location.line})` : '';
    summary.failures.push(`  crashed: ${firstLine(e.message)}${at}`);
  }
  if (!exit.ok && counted === 0) {
    suite(summary, 'playwright').failed++;
    summary.failures.push(`  playwright exited with ${String(exit.status)} but its report shows no failed test (see its output above)`);
  }
}

/** Fails each suite whose passed tests fell below its recorded floor (keys starting with "$" are comments). */
export function applyMinimum(summary, minimum, file) {
  if (!minimum) {
    suite(summary, 'minimum').failed++;
    summary.failures.push(`  ${file} is missing or not JSON`);
    return;
  }
  for (const [name, floor] of Object.entries(minimum)) {
    if (name.startsWith('$')) continue;
    const s = suite(summary, name);
    if (s.passed < floor) {
      s.failed++;
      summary.failures.push(`  below minimum: ${name} passed ${s.passed}, the recorded minimum is ${floor} (${file})`);
    }
  }
}

/** The summary's text and totals; `checks` ([label, ok]) are listed on their own line and never counted as tests. */
export function formatSummary(summary, checks) {
  const totals = { passed: 0, failed: checks.filter(([, ok]) => !ok).length, skipped: 0 };
  const lines = checks.length ? [`checks (not counted as tests): ${checks.map(([label, ok]) => `${label} ${ok ? 'passed' : 'FAILED'}`).join(', ')}`] : [];
  for (const [name, s] of summary.suites) {
    totals.passed += s.passed;
    totals.failed += s.failed;
    totals.skipped += s.skipped;
    lines.push(`${name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  }
  lines.push(...summary.failures, ...summary.skipped, `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return { text: lines.join('\n'), totals };
}
