import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoBundles } from '../../main/services/demo-data';
import { connectWs, repoRoot, spawnHost, type RunningHost, type WsClient } from '../support/host';

/** The next event of that name (whose payload passes `until`, when given). */
function nextEvent(ws: WsClient, name: string, until: (payload: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { type: string; event?: string; payload: Record<string, unknown> };
      if (m.type === 'event' && m.event === name && until(m.payload)) {
        ws.socket.off('message', onMessage);
        resolve(m.payload);
      }
    };
    ws.socket.on('message', onMessage);
  });
}

describe('importing through the browser host', () => {
  let host: RunningHost;
  let ws: WsClient;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-host-import-'));
  // The fixture import every test here reads, done once before them (no test depends on another's leftovers).
  let fixtureImport: { started: Record<string, unknown>; progress: Record<string, unknown>; summary: Record<string, unknown> };

  beforeAll(async () => {
    host = await spawnHost(dataDir);
    ws = await connectWs(host);
    const progress = nextEvent(ws, 'import.progress');
    const finished = nextEvent(ws, 'import.finished');
    const started = await ws.request('import.start', { paths: [path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4')] });
    fixtureImport = { started, progress: await progress, summary: await finished };
  }, 120_000);
  afterAll(async () => {
    ws?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs an import in a worker, pushes progress and a summary, and the data is searchable after', async () => {
    const { started, progress, summary } = fixtureImport;
    expect(started).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    expect(progress).toMatchObject({ unit: 'bytes', filesTotal: 12 });
    expect(summary).toMatchObject({ error: null, cancelled: false, rejected: 0, failedBatches: 0 });
    expect(summary.imported).toBeGreaterThan(900);

    const found = await ws.request('patients.search', { text: 'roland' });
    expect((found.value as { name: string }[])[0]?.name).toBe('Roland928 Nienow652');
    const report = await ws.request('import.report', { jobId: (started.value as { jobId: string }).jobId });
    expect((report.value as { text: string }).text).toMatch(/SKIPPED .* CareTeam/);
    expect(await ws.request('import.status', {})).toMatchObject({ ok: true, value: { running: null, last: { jobId: summary.jobId } } });
    expect(fs.readdirSync(path.join(dataDir, 'import-reports'))).toHaveLength(1);
  });

  it('looks a caller up by phone in any format, and pages the timeline', async () => {
    const caller = await ws.request('patients.byPhone', { phone: '(555) 259-9533' });
    expect(caller).toMatchObject({ ok: true, value: { e164: '+15552599533', matches: [{ patient: { name: 'Bibi254 Schowalter414' } }] } });
    const patientId = (caller.value as { matches: { patient: { id: string } }[] }).matches[0]!.patient.id;
    const first = await ws.request('timeline.query', { patientId, limit: 10 });
    const page = first.value as { events: { at: string }[]; nextCursor: string; total: number };
    expect(page.events).toHaveLength(10);
    expect(page.total).toBeGreaterThan(10);
    const second = await ws.request('timeline.query', { patientId, limit: 10, cursor: page.nextCursor });
    expect((second.value as { events: { at: string }[] }).events[0]!.at <= page.events[9]!.at).toBe(true);
  });

  it('answers bad timeline and import requests with clear errors', async () => {
    expect(await ws.request('timeline.query', { patientId: 'x', cursor: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'The timeline position is not valid; reload the timeline' },
    });
    for (const from of ['2024-02-30x', '2024-02-30', '2024-13-01']) {
      expect(await ws.request('timeline.query', { patientId: 'x', from })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', issues: [{ path: 'from', message: 'must be a calendar date as YYYY-MM-DD' }] },
      });
    }
    expect(await ws.request('timeline.query', { patientId: 'x', from: '2024-05-01', to: '2024-01-01' })).toMatchObject({
      ok: false,
      error: { message: 'The start date is after the end date' },
    });
    expect(await ws.request('import.start', { paths: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'paths' }] } });
    expect(await ws.request('import.pickPaths', {})).toMatchObject({ ok: true, value: { supported: false } });
    expect(await ws.request('timeline.source', { type: 'Patient', id: '../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // Outside the folders the host may import from (here the temporary folder and the repository): refused at once.
    expect(await ws.request('import.start', { paths: ['/nonexistent/export'] })).toMatchObject({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(
          /^\/nonexistent\/export is outside the folders this desk may import from \(.*\); to allow another folder, start the desk with --import-root <folder>\.$/,
        ),
      },
    });
    const missing = path.join(os.tmpdir(), `desk-missing-${process.pid}`, 'export');
    const finished = nextEvent(ws, 'import.finished');
    await ws.request('import.start', { paths: [missing] });
    expect(await finished).toMatchObject({ rejected: 1, firstMessages: [{ file: missing, message: 'cannot be read (ENOENT)' }] });
  });
});

describe('an import still running', () => {
  const dirs: string[] = [];
  const made = (prefix: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  let exportDir: string;
  beforeAll(() => {
    // Thousands of resources in hundreds of files: several seconds of work, so the tests below catch it mid-way.
    exportDir = made('desk-host-big-export-');
    writeDemoBundles(exportDir, { seed: 11, patients: 300 });
  });
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Starts an import of the generated export and resolves once it has reported progress and is still running. */
  async function startBigImport(client: WsClient, until: (p: Record<string, unknown>) => boolean = () => true) {
    const finished = nextEvent(client, 'import.finished');
    const progressed = nextEvent(client, 'import.progress', until);
    const started = await client.request('import.start', { paths: [exportDir] });
    expect(started).toMatchObject({ ok: true });
    const progress = await progressed;
    const status = await client.request('import.status', {});
    expect(status).toMatchObject({ ok: true, value: { running: { jobId: (started.value as { jobId: string }).jobId } } });
    return { jobId: (started.value as { jobId: string }).jobId, progress, finished };
  }

  it('does not keep the host from stopping promptly', async () => {
    const other = await spawnHost(made('desk-host-stop-'));
    const client = await connectWs(other);
    await startBigImport(client);
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(other.process.exitCode).toBe(0);
  }, 60_000);

  it('is cancelled on request, and what it committed before stays in the cache', async () => {
    const other = await spawnHost(made('desk-host-cancel-'));
    try {
      const client = await connectWs(other);
      // Wait until at least one group of resources is committed, then cancel.
      const first = await startBigImport(client, (p) => (p.imported as number) > 0);
      expect(await client.request('import.cancel', { jobId: first.jobId })).toMatchObject({ ok: true, value: { cancelled: true } });
      const cancelled = await first.finished;
      expect(cancelled).toMatchObject({ jobId: first.jobId, cancelled: true, error: null, failedBatches: 0 });
      expect(cancelled.imported).toBeGreaterThanOrEqual(first.progress.imported as number);
      expect(await client.request('import.status', {})).toMatchObject({ value: { running: null, last: { jobId: first.jobId, cancelled: true } } });

      // The same export again: what the cancelled run committed is found already there, the rest is new.
      const again = nextEvent(client, 'import.finished');
      await client.request('import.start', { paths: [exportDir] });
      const second = await again;
      expect(second).toMatchObject({ cancelled: false, error: null });
      expect((second.unchanged as number) + (second.updated as number)).toBeGreaterThanOrEqual(cancelled.imported as number);
      expect(second.imported).toBeGreaterThan(0);
      client.close();
    } finally {
      await other.stop();
    }
  }, 120_000);
});

describe('the folders the browser host may import from (--import-root, issue 15)', () => {
  const dirs: string[] = [];
  const hosts: RunningHost[] = [];
  const made = (prefix: string) => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('imports only under the folders given at start, and refuses a pipe found there with the reason', async () => {
    const root = made('desk-host-root-');
    fs.writeFileSync(
      path.join(root, 'Patient.ndjson'),
      JSON.stringify({ resourceType: 'Patient', id: 'rooted-1', name: [{ family: 'Rooted', given: ['Ana'] }] }),
    );
    const fifo = path.join(root, 'Observation.ndjson');
    if (process.platform !== 'win32') execFileSync('mkfifo', [fifo]);
    const host = await spawnHost(made('desk-host-root-data-'), { importRoots: [root] });
    hosts.push(host);
    const client = await connectWs(host);
    expect(await client.request('import.pickPaths', {})).toMatchObject({ ok: true, value: { supported: false, paths: [], roots: [root] } });
    for (const outside of [path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4'), '/etc/hostname', path.join(root, '..')]) {
      expect(await client.request('import.start', { paths: [outside] })).toMatchObject({
        ok: false,
        error: {
          message: `${outside} is outside the folders this desk may import from (${root}); to allow another folder, start the desk with --import-root <folder>.`,
        },
      });
    }
    const finished = nextEvent(client, 'import.finished');
    expect(await client.request('import.start', { paths: [root] })).toMatchObject({ ok: true });
    const summary = await finished;
    expect(summary).toMatchObject({ imported: 1, error: null });
    if (process.platform !== 'win32') {
      expect(summary).toMatchObject({ rejected: 1, firstMessages: [{ file: fifo, message: expect.stringMatching(/^is a named pipe \(FIFO\)/) }] });
    }
    client.close();
  });

  it('refuses to start with a folder that does not exist, and allows the home folder by default', async () => {
    const missing = path.join(made('desk-host-noroot-'), 'missing');
    const error = await spawnHost(made('desk-host-noroot-data-'), { importRoots: [missing] }).catch((e: Error) => e);
    expect(String(error)).toContain(`Ambassador Desk could not start: --import-root ${missing} cannot be used (ENOENT)`);
    const host = await spawnHost(made('desk-host-home-data-'), { importRoots: [] });
    hosts.push(host);
    const client = await connectWs(host);
    expect(await client.request('import.pickPaths', {})).toMatchObject({ ok: true, value: { roots: [fs.realpathSync(os.homedir())] } });
    client.close();
  });
});
