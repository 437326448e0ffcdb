import { execFileSync } from 'node:child_process';

/** Integration tests run the real workers and host: build the Node-side bundles once (esbuild, about a second). */
export default function setup(): void {
  if (process.env.DESK_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { stdio: 'inherit' });
}
