import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectWs, spawnHost } from '../support/host';
import { seedPatients, syntheticPatients } from '../support/seed';
import { median, round } from './stats';

export async function hostColdStart(runs: number, patients: number) {
  const samples: { toUrlMs: number; toFirstSearchReplyMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
    await seedPatients(dataDir, syntheticPatients(patients));
    const t0 = performance.now();
    const host = await spawnHost(dataDir);
    const tUrl = performance.now();
    const ws = await connectWs(host);
    const reply = await ws.request('patients.search', { text: 'sof' });
    const tReply = performance.now();
    if (reply.ok !== true || !Array.isArray(reply.value) || reply.value.length === 0) {
      throw new Error(`first search did not return patients: ${JSON.stringify(reply).slice(0, 200)}`);
    }
    ws.close();
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    samples.push({ toUrlMs: round(tUrl - t0), toFirstSearchReplyMs: round(tReply - t0) });
  }
  return {
    name: 'browser-host cold start to first patients.search reply',
    runs,
    cachedPatients: patients,
    medianMs: round(median(samples.map((s) => s.toFirstSearchReplyMs))),
    medianToUrlMs: round(median(samples.map((s) => s.toUrlMs))),
    samples,
  };
}
