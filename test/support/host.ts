import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { writeDemoBundles } from '../../main/services/demo-data';

export const repoRoot = path.resolve(import.meta.dirname ?? __dirname, '..', '..');
export const distDir = path.join(repoRoot, 'dist');
export const workerScript = path.join(distDir, 'main', 'db-worker.js');

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  secret: string;
  process: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Starts the built browser host (dist/host/main.js) as a real process on a free port and waits for its URL. */
export function spawnHost(dataDir: string, options: { timeoutMs?: number; demoData?: boolean; importRoots?: string[] } = {}): Promise<RunningHost> {
  // Tests import from the repository's fixtures and from temporary folders, which need not be under the home folder.
  const importRoots = (options.importRoots ?? [os.tmpdir(), repoRoot]).flatMap((root) => ['--import-root', root]);
  const child = spawn(process.execPath, [path.join(distDir, 'host', 'main.js'), '--data-dir', dataDir, '--port', '0', ...importRoots], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Tests start from the data they write; the first-start demo load is asked for explicitly.
    env: { ...process.env, DESK_DATA_DIR: dataDir, DESK_DEMO_DATA: options.demoData ? 'on' : 'off' },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not print its URL in time. stderr: ${err}`));
    }, options.timeoutMs ?? 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${String(code)} before it was ready. stderr: ${err}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:(\d+)\/#k=([\w-]+))/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = match[1]!;
      resolve({
        url,
        origin: new URL(url).origin,
        port: Number(match[2]),
        secret: match[3]!,
        process: child,
        stderr: () => err,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export interface WsClient {
  socket: WebSocket;
  /** Sends a raw text frame and resolves with the next reply frame. */
  sendRaw(text: string): Promise<Record<string, unknown>>;
  request(channel: string, input: unknown): Promise<Record<string, unknown>>;
  close(): void;
}

/** Opens a WebSocket to the host as the page would: the launch secret and the host's own Origin, unless overridden. */
export function connectWs(
  host: Pick<RunningHost, 'port' | 'origin' | 'secret'>,
  overrides: { secret?: string | null; origin?: string | null } = {},
): Promise<WsClient> {
  const secret = overrides.secret === undefined ? host.secret : overrides.secret;
  const origin = overrides.origin === undefined ? host.origin : overrides.origin;
  const url = `ws://127.0.0.1:${host.port}/ws${secret === null ? '' : `?k=${encodeURIComponent(secret)}`}`;
  const socket = new WebSocket(url, origin === null ? {} : { origin });
  let nextId = 1;
  const waiting: Array<(m: Record<string, unknown>) => void> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    if (message.type === 'reply') waiting.shift()?.(message);
  });
  const sendRaw = (text: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      waiting.push(resolve);
      socket.send(text);
    });
  const client: WsClient = {
    socket,
    sendRaw,
    request: (channel, input) => sendRaw(JSON.stringify({ id: nextId++, channel, input })),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${String(res.statusCode)}`)));
    socket.once('error', reject);
  });
}

/** Imports files or folders into `dataDir`'s cache through the import CLI, as an administrator would before the desk starts. */
export function importPaths(dataDir: string, paths: readonly string[]): void {
  const run = spawnSync(process.execPath, [path.join(distDir, 'tools', 'import.js'), ...paths, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`import into ${dataDir} failed (${String(run.status ?? run.signal)}): ${run.stderr}`);
}

/**
 * Fills `dataDir`'s cache as an administrator would before the desk starts: generated demo patients (and any
 * `alsoImport` paths) through the import CLI. Throws with the CLI's stderr when the import fails.
 */
export function importDemoPatients(dataDir: string, options: { seed: number; patients: number; alsoImport?: string[] }): void {
  const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-generated-'));
  try {
    writeDemoBundles(generated, { seed: options.seed, patients: options.patients });
    importPaths(dataDir, [...(options.alsoImport ?? []), generated]);
  } finally {
    fs.rmSync(generated, { recursive: true, force: true });
  }
}

/** Writes FHIR resources as one collection Bundle into `dir`, for `importPaths`; returns the file. */
export function writeBundle(dir: string, resources: readonly object[], name = 'bundle.json'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }));
  return file;
}
