// The knowledge pack (reference ranges, critical limits, script sentences) the app was built with. The build
// (scripts/build.mjs → buildKnowledgePack) copies resources/knowledge into dist/knowledge, which the packaged app
// carries inside its asar archive, and records every file's SHA-256 in dist/knowledge-pack.json. At start the
// desktop app checks the pack against that record (verifyKnowledgePack) and refuses one that was edited, added to
// or cut, with a notice: a changed critical limit must never reach a script silently.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The build's record: the pack's files (relative, with /), each with its SHA-256 in hex. */
export const KnowledgeManifest = z
  .object({
    algorithm: z.literal('sha256'),
    files: z.record(z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/), z.string().regex(/^[0-9a-f]{64}$/)),
  })
  .strict();
export type KnowledgeManifest = z.infer<typeof KnowledgeManifest>;

/** The record's file name, beside the pack folder (dist/knowledge-pack.json next to dist/knowledge/). */
export const manifestFileName = 'knowledge-pack.json';
export const packFolderName = 'knowledge';

/** The pack differs from the build's record (or the record is missing): the pack is not used. */
export class KnowledgePackModified extends Error {
  readonly code = 'knowledge_pack_modified';
}

/**
 * Every file the loader could read: each *.yaml at any depth (not only labs/ and sources/, so that a file added
 * anywhere is noticed), as relative paths with /, sorted. Only names and stat: this runs inside an asar archive.
 */
export function knowledgePackFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      if (fs.statSync(path.join(dir, relPath)).isDirectory()) walk(relPath);
      else if (name.endsWith('.yaml')) found.push(relPath);
    }
  };
  walk('');
  return found.sort();
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export function knowledgeManifest(dir: string): KnowledgeManifest {
  const files: Record<string, string> = {};
  for (const rel of knowledgePackFiles(dir)) files[rel] = sha256(path.join(dir, rel));
  return { algorithm: 'sha256', files };
}

/** What differs between the pack in dir and the record: "labs/x.yaml edited", "… added", "… missing". */
export function knowledgePackDifferences(dir: string, manifest: KnowledgeManifest): string[] {
  if (!fs.existsSync(dir)) return ['the pack folder is missing'];
  const present = knowledgePackFiles(dir);
  const problems: string[] = [];
  for (const rel of Object.keys(manifest.files).sort()) {
    if (!present.includes(rel)) problems.push(`${rel} missing`);
    else if (sha256(path.join(dir, rel)) !== manifest.files[rel]) problems.push(`${rel} edited`);
  }
  for (const rel of present) if (!(rel in manifest.files)) problems.push(`${rel} added`);
  return problems;
}

/** Throws KnowledgePackModified unless the pack in dir is exactly the one recorded in manifestFile. */
export function verifyKnowledgePack(dir: string, manifestFile: string): void {
  let manifest: KnowledgeManifest;
  try {
    manifest = KnowledgeManifest.parse(JSON.parse(fs.readFileSync(manifestFile, 'utf8')));
  } catch {
    throw new KnowledgePackModified(`its build record (${path.basename(manifestFile)}) is missing or unreadable`);
  }
  const problems = knowledgePackDifferences(dir, manifest);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3).join(', ');
  throw new KnowledgePackModified(problems.length > 3 ? `${shown} and ${problems.length - 3} more` : shown);
}

/**
 * The build step: copies the pack's files from sourceDir into outDir/knowledge (replacing what was there) and writes
 * outDir/knowledge-pack.json. Returns the record.
 */
export function buildKnowledgePack(sourceDir: string, outDir: string): KnowledgeManifest {
  const target = path.join(outDir, packFolderName);
  fs.rmSync(target, { recursive: true, force: true });
  const manifest = knowledgeManifest(sourceDir);
  for (const rel of Object.keys(manifest.files)) {
    fs.mkdirSync(path.dirname(path.join(target, rel)), { recursive: true });
    fs.copyFileSync(path.join(sourceDir, rel), path.join(target, rel));
  }
  fs.writeFileSync(path.join(outDir, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
