import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDemoBundles } from '../../main/services/demo-data';
import { DbClient } from '../../main/services/db/client';
import { loadOrCreateDbKey } from '../../main/services/db/key';
import { latestSchemaVersion } from '../../main/services/db/migrations';
import { openDatabase, openKeyedConnection } from '../../main/services/db/open';
import { threadGroupWriter } from '../../main/services/import/group-writer';
import { runImport } from '../../main/services/import/run';
import { createPatientsService } from '../../main/services/patients/service';
import { createTimelineService } from '../../main/services/timeline/service';
import { distDir, repoRoot, workerScript } from '../support/host';
import { peerPatientsByPhone, peerTimelineFirstPage, startFhirPeer } from './fhir-peer';
import { round, summary } from './stats';

export interface BigCacheSpec {
  patients: number;
  eventsPerPatient: number;
  seed: number;
}

/** The benchmark cache lives under .bench-cache/ (ignored by git) and is rebuilt only when its spec or schema changes. */
async function ensureCache(spec: BigCacheSpec, log: (s: string) => void) {
  const dir = path.join(repoRoot, '.bench-cache', `p${spec.patients}-e${spec.eventsPerPatient}-s${spec.seed}-v${latestSchemaVersion}`);
  const done = path.join(dir, 'complete.json');
  if (fs.existsSync(done)) return { dir, build: JSON.parse(fs.readFileSync(done, 'utf8')) as Record<string, unknown> };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const key = loadOrCreateDbKey(dir);
  const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key });
  log(`building the ${spec.patients.toLocaleString()}-patient benchmark cache (once; kept in ${path.relative(repoRoot, dir)})…`);
  const writer = threadGroupWriter(path.join(distDir, 'main', 'import-writer.js'), { file: path.join(dir, 'desk.db'), key: new Uint8Array(key) });
  const t0 = performance.now();
  let lastLog = 0;
  const s = await runImport(
    db,
    { bundles: generateDemoBundles(spec), count: spec.patients + 1, label: 'benchmark data' },
    {
      reportFile: path.join(dir, 'build-report.txt'),
      progressIntervalMs: 5000,
      writer,
      onProgress: (p) => {
        if (Date.now() - lastLog > 30_000) {
          lastLog = Date.now();
          log(`  ${p.done.toLocaleString()} of ${p.total.toLocaleString()} patients, ${p.ratePerSecond.toLocaleString()} resources/s`);
        }
      },
    },
  );
  await writer.close();
  const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const build = {
    resources: s.read,
    events,
    seconds: round((performance.now() - t0) / 1000, 0),
    resourcesPerSecond: Math.round(s.read / ((performance.now() - t0) / 1000)),
  };
  fs.writeFileSync(done, JSON.stringify(build));
  return { dir, build };
}

/** Screen-pop caller lookup and the first timeline page, through the app's own path (main → database worker), and the same through a FHIR REST server. */
export async function lookups(spec: BigCacheSpec, samples: number, peerPatients: number, log: (s: string) => void) {
  const { dir, build } = await ensureCache(spec, log);
  const key = loadOrCreateDbKey(dir);

  // Sample patients (and their stored phone numbers) straight from the file, read-only.
  const raw = openKeyedConnection(path.join(dir, 'desk.db'), key, { readonly: true });
  const counts = {
    patients: raw.prepare('SELECT count(*) FROM patients').pluck().get() as number,
    events: raw.prepare('SELECT count(*) FROM events').pluck().get() as number,
  };
  const step = Math.max(1, Math.floor(counts.patients / samples));
  const sample = raw
    .prepare(`SELECT p.id, ph.raw FROM patients p JOIN patient_phones ph ON ph.patient_id = p.id WHERE p.rowid % ? = 0 GROUP BY p.id LIMIT ?`)
    .all(step, samples) as { id: string; raw: string }[];
  const peerSample = sample.slice(0, peerPatients);
  const peerIds = new Set(peerSample.map((s) => s.id));
  const peerResources: Record<string, unknown>[] = [];
  const shared = raw.prepare("SELECT json FROM resources WHERE type IN ('Organization', 'Practitioner')").pluck().all() as string[];
  for (const j of shared) peerResources.push(JSON.parse(j) as Record<string, unknown>);
  // Through the timeline's index: every dated resource of a patient has an event row pointing at it.
  const byPatient = raw
    .prepare(
      `SELECT r.json FROM events e JOIN resources r ON r.type = e.source_type AND r.id = e.source_id WHERE e.patient_id = ?
       UNION ALL SELECT json FROM resources WHERE type = 'Patient' AND id = ?`,
    )
    .pluck();
  for (const id of peerIds) for (const j of byPatient.all(id, id) as string[]) peerResources.push(JSON.parse(j) as Record<string, unknown>);
  raw.close();

  const db = await DbClient.start({ dataDir: dir, key, workerScript });
  const patients = createPatientsService(db);
  const timeline = createTimelineService(db);
  for (const s of sample.slice(0, 50)) await patients.matchCaller(s.raw); // warm the page cache
  const ours = { byPhone: [] as number[], timeline: [] as number[] };
  let matched = 0;
  for (const s of sample) {
    let t = performance.now();
    const m = await patients.matchCaller(s.raw);
    ours.byPhone.push(performance.now() - t);
    if (m.matches.some((x) => x.patient.id === s.id)) matched++;
    t = performance.now();
    await timeline.query({ patientId: s.id, limit: 100 });
    ours.timeline.push(performance.now() - t);
  }
  await db.close();

  log(`loading ${peerResources.length.toLocaleString()} resources of ${peerSample.length} patients into the FHIR peer…`);
  const peer = await startFhirPeer(peerResources);
  const theirs = { byPhone: [] as number[], timeline: [] as number[] };
  const oursOnSample = { byPhone: [] as number[], timeline: [] as number[] };
  try {
    for (const s of peerSample.slice(0, 20)) await peerPatientsByPhone(peer, s.raw);
    for (const s of peerSample) {
      let t = performance.now();
      await peerPatientsByPhone(peer, s.raw);
      theirs.byPhone.push(performance.now() - t);
      t = performance.now();
      await peerTimelineFirstPage(peer, s.id);
      theirs.timeline.push(performance.now() - t);
    }
  } finally {
    await peer.close();
  }
  for (const s of peerSample) {
    const i = sample.indexOf(s);
    oursOnSample.byPhone.push(ours.byPhone[i]!);
    oursOnSample.timeline.push(ours.timeline[i]!);
  }
  const ratio = (a: number[], b: number[]) => round(summary(b).p95Ms / summary(a).p95Ms, 1);
  return {
    name: 'screen-pop caller lookup (patients.byPhone) and first timeline page (100 events), main → database worker',
    cache: { ...counts, build },
    ours: { byPhone: summary(ours.byPhone), timelineFirstPage: summary(ours.timeline), callersFound: `${matched}/${sample.length}` },
    targetP95Ms: 20,
    fhirPeer: {
      server: '@medplum/fhir-router FhirRouter + MemoryRepository over HTTP on 127.0.0.1',
      patients: peerSample.length,
      resources: peer.loaded,
      byPhone: summary(theirs.byPhone),
      timelineFirstPage: summary(theirs.timeline),
      sameSampleOurs: { byPhone: summary(oursOnSample.byPhone), timelineFirstPage: summary(oursOnSample.timeline) },
      p95Ratio: { byPhone: ratio(oursOnSample.byPhone, theirs.byPhone), timelineFirstPage: ratio(oursOnSample.timeline, theirs.timeline) },
      targetRatio: 10,
    },
  };
}
