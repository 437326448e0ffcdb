import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { generateDemoBundles, REFERENCE_DATE } from '../../main/services/demo-data';
import { openDatabase } from '../../main/services/db/open';
import { runImport } from '../../main/services/import/run';
import { loadKnowledgePack } from '../../main/services/knowledge/load';
import { buildScript, inputFromSources } from '../../main/services/scripts/engine';
import { scriptSources } from '../../main/services/scripts/queries';
import type { ScriptLanguage } from '../../preload/contract';
import { repoRoot } from './host';

export const knowledgeDir = path.join(repoRoot, 'resources', 'knowledge');
/** When scripts over the demo data are read in tests: the day after its reference date. */
export const demoNow = Date.parse(`${REFERENCE_DATE}T12:00:00Z`) + 86_400_000;
export const pack = loadKnowledgePack(knowledgeDir);

// A cache made in beforeAll lives for the whole file: its folder is removed after the file's own afterAll (which closes
// the database; after-hooks run last-registered first), not after the first test as tempDir()'s would be.
const cacheDirs: string[] = [];
afterAll(() => {
  for (const dir of cacheDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** An encrypted cache holding `patients` generated patients (showcase ones first) and, optionally, the Synthea fixtures. */
export async function scriptCache(options: { patients: number; fixtures?: boolean }): Promise<Database> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-script-cache-'));
  cacheDirs.push(dir);
  const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });
  await runImport(
    db,
    { bundles: generateDemoBundles({ seed: 20261101, patients: options.patients }), count: options.patients + 1, label: 'demo' },
    { reportFile: path.join(dir, 'report.txt') },
  );
  if (options.fixtures) {
    await runImport(db, { paths: [path.join(repoRoot, 'test', 'fixtures', 'synthea-covid-r4')] }, { reportFile: path.join(dir, 'report2.txt') });
  }
  return db;
}

/** The script the app would show for one cached resource. */
export function scriptFor(db: Database, patientId: string, source: { type: string; id: string }, language?: ScriptLanguage) {
  const rows = scriptSources(db, { patientId, type: source.type, id: source.id });
  // Read the day after the demo data's reference date, as an agent would read fresh results.
  return buildScript(pack, inputFromSources(rows, { patientId, source, language, now: demoNow }));
}

export const spokenText = (s: ReturnType<typeof scriptFor>) => s.steps.flatMap((st) => st.lines.filter((l) => l.say).map((l) => l.text)).join('\n');
