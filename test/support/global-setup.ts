import { execFileSync } from 'node:child_process';

/** Integration tests run the real worker and host: build the Node-side bundles once (esbuild, about a second). */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { stdio: 'inherit' });
}
