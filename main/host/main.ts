// Browser host entry: the same app and contract as Electron, served on 127.0.0.1 to a browser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from '../core';
import { openConfSettings } from '../services/settings/conf-backing';
import { setAsideInvalidSettings } from '../services/settings/service';
import { defaultDataDir } from '../services/paths';
import { startHost } from './server';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..');

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const dataDir = path.resolve(argValue('--data-dir') ?? defaultDataDir());
  const port = Number(argValue('--port') ?? process.env.DESK_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${String(port)}`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = (line: string) => process.stderr.write(`[host] ${line}\n`);
  const notice = setAsideInvalidSettings(path.join(dataDir, 'settings.json'));
  const pkg = JSON.parse(fs.readFileSync(path.resolve(dist, '..', 'package.json'), 'utf8')) as { version: string };

  const core = await startCore({
    mode: 'browser-host',
    version: pkg.version,
    dataDir,
    workersDir: path.join(dist, 'main'),
    knowledgeDir: process.env.DESK_KNOWLEDGE_DIR ?? path.resolve(dist, '..', 'resources', 'knowledge'),
    settings: openConfSettings(dataDir),
    notices: notice ? [notice] : [],
    log,
  });
  for (const n of core.notices) log(n);
  const host = await startHost({ registry: core.registry, rendererDir: path.join(dist, 'renderer'), port, log });
  core.onEvent((name, payload) => host.broadcast(name, payload));

  process.stdout.write(`Ambassador Desk is running at ${host.url}\n`);
  process.stdout.write(`Data: ${dataDir}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: Error & { code?: string }) => {
  process.stderr.write(`Ambassador Desk could not start: ${error.message}\n`);
  process.exit(error.code === 'schema_too_new' ? 3 : 1);
});
