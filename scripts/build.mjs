// Builds the Node-side parts with esbuild and the renderer with Vite into dist/.
// Usage: node scripts/build.mjs [--node-only]
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeOnly = process.argv.includes('--node-only');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...node,
    entryPoints: {
      index: 'main/index.ts',
      'db-worker': 'main/services/db/entry.worker.ts',
      'import-worker': 'main/services/import/entry.worker.ts',
      'import-writer': 'main/services/import/writer-entry.worker.ts',
    },
    outdir: 'dist/main',
    external: ['electron'],
  }),
  build({
    ...node,
    entryPoints: {
      import: 'main/tools/import-cli.ts',
      'script-sample': 'main/tools/script-sample.ts',
      'knowledge-pack': 'main/services/knowledge/integrity.ts',
    },
    outdir: 'dist/tools',
  }),
  build({ ...node, entryPoints: { main: 'main/host/main.ts' }, outdir: 'dist/host' }),
  build({ ...node, entryPoints: { run: 'test/bench/run.ts' }, outdir: 'dist/bench' }),
  // The sandboxed preload cannot load modules: one CommonJS file with everything but electron inlined.
  build({
    ...node,
    format: 'cjs',
    packages: undefined,
    external: ['electron'],
    entryPoints: { bridge: 'preload/bridge.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
  }),
]);

// The knowledge pack the app is built with: copied into dist/knowledge (inside the packaged app's asar) with the
// SHA-256 of each file in dist/knowledge-pack.json, which the desktop app checks at start.
const { buildKnowledgePack } = await import(pathToFileURL(path.join(root, 'dist', 'tools', 'knowledge-pack.js')).href);
buildKnowledgePack(path.join(root, 'resources', 'knowledge'), path.join(root, 'dist'));

if (!nodeOnly) {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
