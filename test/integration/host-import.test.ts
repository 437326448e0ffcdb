import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWs, repoRoot, spawnHost, type RunningHost, type WsClient } from '../support/host';

function nextEvent(ws: WsClient, name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { type: string; event?: string; payload: Record<string, unknown> };
      if (m.type === 'event' && m.event === name) {
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

  beforeAll(async () => {
    host = await spawnHost(dataDir);
    ws = await connectWs(host);
  });
  afterAll(async () => {
    ws?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs an import in a worker, pushes progress and a summary, and the data is searchable after', async () => {
    const progress = nextEvent(ws, 'import.progress');
    const finished = nextEvent(ws, 'import.finished');
    const started = await ws.request('import.start', { paths: [path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4')] });
    expect(started).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    expect(await progress).toMatchObject({ unit: 'bytes', filesTotal: 12 });
    const summary = await finished;
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
    const patientId = ((caller.value as { matches: { patient: { id: string } }[] }).matches[0]!.patient.id);
    const first = await ws.request('timeline.query', { patientId, limit: 10 });
    const page = first.value as { events: { at: string }[]; nextCursor: string; total: number };
    expect(page.events).toHaveLength(10);
    expect(page.total).toBeGreaterThan(10);
    const second = await ws.request('timeline.query', { patientId, limit: 10, cursor: page.nextCursor });
    expect((second.value as { events: { at: string }[] }).events[0]!.at <= page.events[9]!.at).toBe(true);
  });

  it('stops promptly when told to while an import is running', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-host-stop-'));
    const other = await spawnHost(dir);
    const client = await connectWs(other);
    await client.request('import.start', { paths: [path.join(repoRoot, 'test', 'fixtures')] });
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(other.process.exitCode).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
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

    const finished = nextEvent(ws, 'import.finished');
    await ws.request('import.start', { paths: ['/nonexistent/export'] });
    expect(await finished).toMatchObject({ rejected: 1, firstMessages: [{ file: '/nonexistent/export', message: 'cannot be read (ENOENT)' }] });
  });
});
