// `npm test` says what it tested: a focused test is refused by both tools under CI (as scripts/test-all.mjs runs them),
// a file that crashes is a failure of its own, skipped tests are listed with their reason, and a suite that falls
// below its recorded minimum fails. Real Vitest and Playwright runs over probe files, read by scripts/test-summary.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addPlaywright, addVitest, applyMinimum, formatSummary, newSummary } from '../../scripts/test-summary.mjs';
import { repoRoot } from '../support/host';

const probe = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-runner-probe-')));
// Probe files resolve vitest and @playwright/test as the repository's own tests do.
fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(probe, 'node_modules'), 'dir');
afterAll(() => fs.rmSync(probe, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(probe, name)), { recursive: true });
    fs.writeFileSync(path.join(probe, name), text);
  }
}

/** Runs a tool of the repository in the probe folder, with CI set as `npm test` sets it (and no trace of this Vitest). */
function runTool(tool: string, args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
  const r = spawnSync(path.join(repoRoot, 'node_modules', '.bin', tool), args, { cwd: probe, encoding: 'utf8', env: { ...env, CI: '1' }, timeout: 120_000 });
  return { exit: { ok: r.status === 0, status: r.status }, output: `${r.stdout}${r.stderr}` };
}

// The probe files focus one test; spelled through a variable so no scan of this file mistakes it for a focused test.
const focusModifier = 'only';
const readReport = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(probe, name), 'utf8'));
const configOf = (file: string) => JSON.stringify(path.join(repoRoot, file));

describe('the test runner under npm test', () => {
  it('Vitest: refuses it.only, names a file that crashed at import, and lists a skipped test with its reason', () => {
    write({
      // The repository's own allowOnly, as vitest.config.ts computes it.
      'vitest.config.ts': `import { defineConfig } from 'vitest/config';
import repo from ${configOf('vitest.config.ts')};
export default defineConfig({ test: { allowOnly: repo.test?.allowOnly, include: ['test/**/*.test.ts'] } });
`,
      'test/unit/focused.test.ts': `import { expect, it } from 'vitest';
it.${focusModifier}('the one a developer focused on', () => expect(1).toBe(1));
it('every other test of the file', () => expect(1).toBe(1));
`,
      'test/unit/crashes.test.ts': `throw new Error('this file cannot load');
`,
      'test/integration/skips.test.ts': `import { expect, it } from 'vitest';
import { skipBecause } from ${JSON.stringify(path.join(repoRoot, 'test', 'support', 'skip.ts'))};
it('runs', () => expect(2).toBe(2));
it('needs a keychain', (ctx) => skipBecause(ctx, 'no OS keychain on this machine'));
`,
    });
    const { exit, output } = runTool('vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile=vitest.json']);
    expect(exit.ok).toBe(false);
    expect(output).toContain('Unexpected .only modifier');

    const summary = newSummary(probe);
    addVitest(summary, readReport('vitest.json'), exit);
    const { text, totals } = formatSummary(summary, []);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'vitest unit: 0 passed, 2 failed, 1 skipped',
        'vitest integration: 1 passed, 0 failed, 1 skipped',
        '  crashed: test/unit/crashes.test.ts: this file cannot load',
        '  skipped: test/integration/skips.test.ts › needs a keychain (no OS keychain on this machine)',
        '1 passed, 2 failed, 2 skipped',
      ]),
    );
    expect(totals).toEqual({ passed: 1, failed: 2, skipped: 2 });
  }, 120_000);

  it('Playwright: refuses test.only, names a spec that crashed at load, and lists skips with their reasons', () => {
    // The repository's own configuration (forbidOnly included), pointed at the probe specs.
    write({
      'playwright.config.ts': `import repo from ${configOf('playwright.config.ts')};
export default { ...repo, testDir: '.', globalSetup: undefined, outputDir: 'pw-out', reporter: [['json', { outputFile: 'playwright.json' }]], projects: [{ name: 'e2e', testDir: 'specs' }] };
`,
      'specs/focused.spec.ts': `import { expect, test } from '@playwright/test';
test.${focusModifier}('the one a developer focused on', () => expect(1).toBe(1));
test('every other test of the file', () => expect(1).toBe(1));
`,
    });
    const focused = runTool('playwright', ['test']);
    expect(focused.exit.ok).toBe(false);
    expect(focused.output).toContain("item focused with '.only' is not allowed due to the 'forbidOnly' option");
    const refused = newSummary(probe);
    addPlaywright(refused, readReport('playwright.json'), focused.exit);
    expect(formatSummary(refused, []).text).toMatch(/^ {2}crashed: Error: item focused with '\.only' is not allowed.* \(specs\/focused\.spec\.ts:2\)$/m);
    expect(formatSummary(refused, []).totals).toEqual({ passed: 0, failed: 1, skipped: 0 });

    fs.rmSync(path.join(probe, 'specs', 'focused.spec.ts'));
    write({
      'specs/crashes.spec.ts': `throw new Error('this spec cannot load');
`,
    });
    const crashed = runTool('playwright', ['test']);
    const crash = newSummary(probe);
    addPlaywright(crash, readReport('playwright.json'), crashed.exit);
    expect(formatSummary(crash, []).text).toMatch(/^ {2}crashed: Error: this spec cannot load \(specs\/crashes\.spec\.ts:1\)$/m);

    fs.rmSync(path.join(probe, 'specs', 'crashes.spec.ts'));
    write({
      'specs/skips.spec.ts': `import { expect, test } from '@playwright/test';
test('runs', () => expect(1).toBe(1));
test('needs a real account', () => test.skip(true, 'no Twilio account configured'));
test.fixme('a known bug', () => {});
test.describe.serial('in order', () => {
  test('first step fails', () => expect(1).toBe(2));
  test('second step', () => expect(1).toBe(1));
});
`,
    });
    const mixed = runTool('playwright', ['test']);
    const summary = newSummary(probe);
    addPlaywright(summary, readReport('playwright.json'), mixed.exit);
    const { text, totals } = formatSummary(summary, []);
    expect(text.split('\n')).toEqual([
      'playwright e2e: 1 passed, 1 failed, 3 skipped',
      '  skipped: specs/skips.spec.ts › needs a real account (no Twilio account configured)',
      '  skipped: specs/skips.spec.ts › a known bug (fixme: no reason given)',
      '  skipped: specs/skips.spec.ts › second step (not run: an earlier test of its serial group failed)',
      '1 passed, 1 failed, 3 skipped',
    ]);
    expect(totals.failed).toBe(1);
  }, 180_000);

  it('fails a suite below its recorded minimum, and a failed check, without counting checks as tests', () => {
    const summary = newSummary(repoRoot);
    addVitest(
      summary,
      {
        testResults: [
          {
            name: path.join(repoRoot, 'test', 'unit', 'a.test.ts'),
            status: 'passed',
            message: '',
            assertionResults: [{ status: 'passed', fullName: 'a', title: 'a' }],
          },
        ],
      },
      { ok: true, status: 0 },
    );
    applyMinimum(summary, { $comment: 'floors', 'vitest unit': 1, 'vitest integration': 5 }, 'test/minimum-tests.json');
    const { text, totals } = formatSummary(summary, [
      ['typecheck', true],
      ['lint', false],
    ]);
    expect(text.split('\n')).toEqual([
      'checks (not counted as tests): typecheck passed, lint FAILED',
      'vitest unit: 1 passed, 0 failed, 0 skipped',
      'vitest integration: 0 passed, 1 failed, 0 skipped',
      '  below minimum: vitest integration passed 0, the recorded minimum is 5 (test/minimum-tests.json)',
      '1 passed, 2 failed, 0 skipped',
    ]);
    expect(totals).toEqual({ passed: 1, failed: 2, skipped: 0 });
  });

  it('keeps a recorded minimum for every suite, and the README says how to raise it', () => {
    const minimum = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'minimum-tests.json'), 'utf8')) as Record<string, unknown>;
    for (const name of ['vitest unit', 'vitest integration', 'vitest renderer', 'playwright e2e']) expect(minimum[name], name).toEqual(expect.any(Number));
    expect(fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain('test/minimum-tests.json');
  });
});
