// npm run dev: the browser host (main's services, the contract over WebSocket) plus Vite's dev server with hot reload
// for the renderer. Renderer edits show at once; main, preload/contract or worker edits need `npm run dev` again.
// Options after `--` go to the host (e.g. `npm run dev -- --data-dir /tmp/desk-dev`); DEV_PORT sets Vite's port.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--node-only'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const host = spawn(process.execPath, [path.join(root, 'dist', 'host', 'main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const hostUrl = await new Promise((resolve, reject) => {
  let seen = '';
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    seen += chunk.toString();
    const m = /running at (http:\/\/127\.0\.0\.1:\d+)\/#k=(\S+)/.exec(seen);
    if (m) resolve({ origin: m[1], secret: m[2] });
  });
  host.on('exit', (code) => reject(new Error(`the browser host stopped (exit ${code}) before it was ready`)));
});

// The host admits WebSockets to its own host name and from its own origin only: Vite forwards /ws with both.
const vite = await createServer({
  configFile: path.join(root, 'vite.config.ts'),
  server: {
    host: '127.0.0.1',
    port: Number(process.env.DEV_PORT ?? 5173),
    proxy: {
      '/ws': {
        target: hostUrl.origin,
        ws: true,
        changeOrigin: true,
        configure: (proxy) => proxy.on('proxyReqWs', (req) => req.setHeader('origin', hostUrl.origin)),
      },
    },
  },
});
await vite.listen();
const address = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`;
process.stdout.write(`\nDev desk with hot reload: ${address}#k=${hostUrl.secret}\n`);

const stop = async () => {
  await vite.close();
  host.kill('SIGTERM');
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop().then(() => process.exit(0)));
host.on('exit', (code) => {
  void vite.close().then(() => process.exit(code ?? 0));
});
