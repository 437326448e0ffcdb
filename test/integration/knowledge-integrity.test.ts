// Issue 15, point 2: the knowledge pack the desktop app runs with is the one it was built with. The build copies it
// into dist/knowledge and records each file's SHA-256 in dist/knowledge-pack.json; at start an edited pack is refused
// with a notice the agent sees, and the shipped one is used.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../main/core';
import { dispatch } from '../../main/handlers';
import { openDatabase } from '../../main/services/db/open';
import { loadOrCreateDbKey } from '../../main/services/db/key';
import { runImport } from '../../main/services/import/run';
import {
  buildKnowledgePack,
  knowledgeManifest,
  KnowledgePackModified,
  manifestFileName,
  packFolderName,
  verifyKnowledgePack,
} from '../../main/services/knowledge/integrity';
import { openConfSettings } from '../../main/services/settings/conf-backing';
import { distDir, repoRoot } from '../support/host';
import { tempDir } from '../support/tmp';

const sourcePack = path.join(repoRoot, 'resources', 'knowledge');
const builtPack = path.join(distDir, packFolderName);
const builtManifest = path.join(distDir, manifestFileName);
const potassiumFile = 'labs/chemistry-and-urine.yaml';

/** A copy of the build's pack and record (dist/knowledge, dist/knowledge-pack.json) to tamper with. */
function copyOfBuild(): { dir: string; manifest: string } {
  const out = tempDir('desk-pack-');
  fs.cpSync(builtPack, path.join(out, packFolderName), { recursive: true });
  fs.copyFileSync(builtManifest, path.join(out, manifestFileName));
  return { dir: path.join(out, packFolderName), manifest: path.join(out, manifestFileName) };
}

/** Raises potassium's critical limit from 6.0 to 9.0: a 6.5 would then be explained instead of transferred. */
function raisePotassiumCriticalLimit(dir: string): void {
  const file = path.join(dir, potassiumFile);
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace(/(loinc: "2823-3"[\s\S]*?critical:\s*\n\s*atOrBelow: 2\.9\s*\n\s*atOrAbove: )6\.0/, '$19.0');
  expect(edited).not.toBe(text);
  fs.writeFileSync(file, edited);
}

/** A desk data folder with one patient and a potassium of 6.5 mmol/L (critical), then the core started on it. */
async function startDesk(knowledgeDir: string, knowledgeManifestFile: string) {
  const dataDir = tempDir();
  const { db } = openDatabase({ file: path.join(dataDir, 'desk.db'), key: loadOrCreateDbKey(dataDir) });
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Vale', given: ['Iris'] }], birthDate: '1960-01-01' } },
      {
        resource: {
          resourceType: 'Observation',
          id: 'k1',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
          subject: { reference: 'Patient/p1' },
          effectiveDateTime: '2024-03-05T10:00:00Z',
          valueQuantity: { value: 6.5, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
        },
      },
    ],
  };
  await runImport(db, { bundles: [bundle], count: 1, label: 'test' }, { reportFile: path.join(dataDir, 'r.txt') });
  db.close();
  const lines: string[] = [];
  const core = await startCore({
    mode: 'electron',
    version: '0.0.0-test',
    dataDir,
    workersDir: path.join(distDir, 'main'),
    knowledgeDir,
    knowledgeManifestFile,
    settings: openConfSettings(dataDir),
    demoData: false,
    log: (l) => lines.push(l),
  });
  const call = (name: string, input: unknown) => dispatch(core.registry, name, input, (l) => lines.push(l));
  return { core, call, lines };
}

describe('the knowledge pack is checked against the hashes recorded at build', () => {
  it('the build copies the pack into dist/knowledge with a record of every YAML file it holds', () => {
    const record = JSON.parse(fs.readFileSync(builtManifest, 'utf8')) as { algorithm: string; files: Record<string, string> };
    expect(record.algorithm).toBe('sha256');
    expect(Object.keys(record.files)).toEqual(expect.arrayContaining(['billing.yaml', 'scripts.yaml', potassiumFile]));
    // Exactly the source pack's files and contents (the build ran from resources/knowledge).
    expect(record).toEqual(knowledgeManifest(sourcePack));
    expect(() => verifyKnowledgePack(builtPack, builtManifest)).not.toThrow();
  });

  it('the shipped pack is accepted: no notice, and a critical potassium gets the transfer script', async () => {
    const { core, call } = await startDesk(builtPack, builtManifest);
    try {
      const info = (await call('app.info', {})) as { ok: true; value: { notices: string[] } };
      expect(info.value.notices.filter((n) => /knowledge pack/.test(n))).toEqual([]);
      const reply = (await call('scripts.build', { patientId: 'p1', source: { type: 'Observation', id: 'k1' } })) as {
        ok: boolean;
        value: { safety: string };
      };
      expect(reply.ok).toBe(true);
      expect(reply.value.safety).not.toBe('explain');
    } finally {
      await core.close();
    }
  });

  it('an edited pack (a critical limit raised) is refused: the agent is told, and no script is built from it', async () => {
    const copy = copyOfBuild();
    raisePotassiumCriticalLimit(copy.dir);
    const { core, call, lines } = await startDesk(copy.dir, copy.manifest);
    try {
      const info = (await call('app.info', {})) as { ok: true; value: { notices: string[] } };
      expect(info.value.notices).toContain(
        `Explanation scripts are unavailable: the knowledge pack is not the one this version of the app was built with (${potassiumFile} edited). ` +
          'Reinstall the app or tell your IT team.',
      );
      const reply = await call('scripts.build', { patientId: 'p1', source: { type: 'Observation', id: 'k1' } });
      expect(reply).toMatchObject({ ok: false, error: { message: `Scripts are unavailable: the knowledge pack is invalid (${potassiumFile} edited)` } });
      expect(lines).toContain(`knowledge pack refused: ${potassiumFile} edited`);
    } finally {
      await core.close();
    }
  });

  it('a file added to, or removed from, the pack, or a missing record, is refused too', () => {
    const added = copyOfBuild();
    fs.copyFileSync(path.join(added.dir, potassiumFile), path.join(added.dir, 'labs', 'zz-extra.yaml'));
    expect(() => verifyKnowledgePack(added.dir, added.manifest)).toThrow(new KnowledgePackModified('labs/zz-extra.yaml added'));

    const cut = copyOfBuild();
    fs.rmSync(path.join(cut.dir, 'billing.yaml'));
    expect(() => verifyKnowledgePack(cut.dir, cut.manifest)).toThrow(new KnowledgePackModified('billing.yaml missing'));

    const unrecorded = copyOfBuild();
    fs.rmSync(unrecorded.manifest);
    expect(() => verifyKnowledgePack(unrecorded.dir, unrecorded.manifest)).toThrow(/build record \(knowledge-pack\.json\) is missing/);

    // A record edited to match is not accepted unless it is valid (hex SHA-256 per file).
    const forged = copyOfBuild();
    fs.writeFileSync(forged.manifest, JSON.stringify({ algorithm: 'sha256', files: { 'billing.yaml': 'x' } }));
    expect(() => verifyKnowledgePack(forged.dir, forged.manifest)).toThrow(KnowledgePackModified);
  });

  it('the build step replaces what an earlier build left in dist/knowledge', () => {
    const out = tempDir();
    fs.mkdirSync(path.join(out, packFolderName, 'labs'), { recursive: true });
    fs.writeFileSync(path.join(out, packFolderName, 'labs', 'stale.yaml'), 'labs: []\n');
    const manifest = buildKnowledgePack(sourcePack, out);
    expect(fs.existsSync(path.join(out, packFolderName, 'labs', 'stale.yaml'))).toBe(false);
    expect(manifest).toEqual(knowledgeManifest(sourcePack));
    expect(() => verifyKnowledgePack(path.join(out, packFolderName), path.join(out, manifestFileName))).not.toThrow();
  });
});
