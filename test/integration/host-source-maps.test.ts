// Issue 15, point 7: the browser host does not hand out the renderer's source maps (the page's original source).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../main/handlers';
import { startHost, type Host } from '../../main/host/server';
import { distDir, spawnHost } from '../support/host';
import { skipBecause } from '../support/skip';
import { tempDir } from '../support/tmp';

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** A built renderer as Vite writes it: a script that names its map, and the map next to it. */
function renderer(): string {
  const dir = tempDir('desk-renderer-');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="./assets/index-abc.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1);\n//# sourceMappingURL=index-abc.js.map\n');
  fs.writeFileSync(
    path.join(dir, 'assets', 'index-abc.js.map'),
    JSON.stringify({ version: 3, sources: ['../src/App.tsx'], sourcesContent: ['secret source'] }),
  );
  return dir;
}

describe('source maps and the browser host (issue 15)', () => {
  const hosts: Host[] = [];
  afterAll(async () => {
    for (const h of hosts) await h.close();
  });

  it('answers 404 for a .map file by default, however it is asked for, while the script itself is served', async () => {
    const host = await startHost({ registry: new Map() as Registry, rendererDir: renderer() });
    hosts.push(host);
    expect(await get(host.port, '/assets/index-abc.js')).toMatchObject({ status: 200 });
    for (const p of [
      '/assets/index-abc.js.map',
      '/assets/index-abc.js.MAP',
      '/assets/index-abc.js%2emap',
      '/assets/index-abc.js.map?x=1',
      '/assets/index-abc.js.map.',
      '/assets/index-abc.js.map::$DATA',
    ]) {
      const res = await get(host.port, p);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('secret source');
    }
  });

  it('serves them only when a developer asks for it (--source-maps)', async () => {
    const host = await startHost({ registry: new Map() as Registry, rendererDir: renderer(), serveSourceMaps: true });
    hosts.push(host);
    expect(await get(host.port, '/assets/index-abc.js.map')).toMatchObject({ status: 200, body: expect.stringContaining('secret source') });
  });

  it('the host as npm start runs it does not serve the built renderer’s maps', async (ctx) => {
    const assets = path.join(distDir, 'renderer', 'assets');
    const map = fs.existsSync(assets) ? fs.readdirSync(assets).find((f) => f.endsWith('.js.map')) : undefined;
    if (!map) return skipBecause(ctx, 'the renderer is not built here (node scripts/build.mjs builds it)');
    const dataDir = tempDir('desk-host-maps-');
    const host = await spawnHost(dataDir);
    try {
      expect((await get(host.port, `/assets/${map.replace(/\.map$/, '')}`)).status).toBe(200);
      expect((await get(host.port, `/assets/${map}`)).status).toBe(404);
    } finally {
      await host.stop();
    }
  });
});
