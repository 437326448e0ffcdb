// Browser host entry: the same app and contract as Electron, served on 127.0.0.1 to a browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from '../core';
import { resolveImportRoots } from '../services/import/access';
import { openConfSettings } from '../services/settings/conf-backing';
import { setAsideInvalidSettings } from '../services/settings/service';
import { defaultDataDir } from '../services/paths';
import { NoHostAnswered, requestSecretRotation, watchSecretRotation } from './control';
import { startHost } from './server';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..');

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Every value of an option that may be repeated (`--import-root A --import-root B`). */
function argValues(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, i) => {
    if (arg !== name) return;
    const value = process.argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a folder`);
    values.push(value);
  });
  return values;
}

async function main(): Promise<void> {
  const dataDir = path.resolve(argValue('--data-dir') ?? defaultDataDir());
  if (process.argv.includes('--rotate-secret')) return rotateSecretCommand(dataDir);
  // The page may import only from these folders (and what is inside them): the user's home folder unless told.
  const given = argValues('--import-root');
  const importRoots = resolveImportRoots(given.length ? given : [os.homedir()]);
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
    importRoots,
    log,
  });
  for (const n of core.notices) log(n);
  const host = await startHost({
    registry: core.registry,
    rendererDir: path.join(dist, 'renderer'),
    port,
    log,
    // Source maps are a developer's aid: served only when asked for.
    serveSourceMaps: process.argv.includes('--source-maps'),
  });
  core.onEvent((name, payload) => host.broadcast(name, payload));

  process.stdout.write(`Ambassador Desk is running at ${host.url}\n`);
  process.stdout.write(`Data: ${dataDir}\n`);
  process.stdout.write(`Import from: ${importRoots.join(', ')} (add folders with --import-root)\n`);

  // `npm run host:rotate-secret` (this file with --rotate-secret) asks for a new launch secret through the data folder.
  const stopWatching = watchSecretRotation(
    dataDir,
    () => {
      const url = host.rotateSecret();
      process.stdout.write(`The launch secret was changed and open pages were disconnected. Ambassador Desk is now at ${url}\n`);
      return url;
    },
    log,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopWatching();
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** `--rotate-secret`: tells the host running on this data folder to change its launch secret, and prints the new address. */
async function rotateSecretCommand(dataDir: string): Promise<void> {
  try {
    const url = await requestSecretRotation(dataDir);
    process.stdout.write(`The launch secret was changed; pages opened with the old address were disconnected.\nOpen: ${url}\n`);
  } catch (error) {
    if (!(error instanceof NoHostAnswered)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

main().catch((error: Error & { code?: string }) => {
  process.stderr.write(`Ambassador Desk could not start: ${error.message}\n`);
  process.exit(error.code === 'schema_too_new' ? 3 : 1);
});
