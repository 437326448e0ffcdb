import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/host';
import { scanElectron } from '../support/electronegativity';

describe('electronegativity over main/ and preload/', () => {
  it('finds no high-severity issue', async () => {
    const findings = await scanElectron([path.join(repoRoot, 'main'), path.join(repoRoot, 'preload')]);
    expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([]);
  });

  it('does flag an insecure window (the gate can fail)', async () => {
    const findings = await scanElectron([path.join(repoRoot, 'test', 'fixtures', 'insecure-electron')]);
    expect(findings.filter((f) => f.severity === 'HIGH').map((f) => f.id)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
  });
});
