import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface Finding {
  id: string;
  severity: string;
  file: string;
  line: number;
}

interface Issue {
  id: string;
  severity: { name: string };
  file: string;
  location: { line: number };
}

const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;

/**
 * Runs electronegativity over the given folders as one tree (its global checks, such as navigation limits,
 * look across files). The network check for newer Electron releases is skipped: these machines are offline.
 */
export async function scanElectron(folders: readonly string[]): Promise<Finding[]> {
  const run = require('@doyensec/electronegativity/dist/runner.js') as (options: object, forCli: boolean) => Promise<{ issues: Issue[] }>;
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-scan-'));
  try {
    for (const folder of folders) fs.cpSync(folder, path.join(tree, path.basename(folder)), { recursive: true });
    const { issues } = await run(
      {
        input: tree,
        customScan: [],
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        electronVersionOverride: electronVersion,
        isRelative: true,
        parserPlugins: [],
      },
      false,
    );
    return issues.map((i) => ({ id: i.id, severity: i.severity.name, file: i.file, line: i.location.line }));
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
}
