import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './host';

/** The E2E tests drive the built app: build it unless `npm test` just did. */
export default function setup(): void {
  if (process.env.DESK_SKIP_BUILD === '1' && fs.existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}
