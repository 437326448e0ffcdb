import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { billingFile, labFile, sourcesFile, type BillingPack, type LabEntry, type Source } from './schema';
import { scriptsFile, type ScriptTexts } from './script-texts';

export interface KnowledgePack {
  /** Every LOINC code (main and aliases) → its entry. */
  labs: ReadonlyMap<string, LabEntry>;
  /** The entries themselves, once each. */
  entries: readonly LabEntry[];
  billing: BillingPack;
  carc: ReadonlyMap<string, BillingPack['carc'][number]>;
  texts: ScriptTexts;
  /** The references lab entries cite (resources/knowledge/sources/*.yaml), by id. */
  sources: ReadonlyMap<string, Source>;
}

export class KnowledgePackError extends Error {
  readonly code = 'knowledge_pack_invalid';
}

function readYaml<T extends z.ZodType>(file: string, schema: T, root: string): z.infer<T> {
  const where = path.relative(root, file);
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new KnowledgePackError(`${where}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new KnowledgePackError(`${where}: ${issues.join('; ')}`);
  }
  return result.data;
}

const yamlFiles = (folder: string) =>
  fs.existsSync(folder)
    ? fs
        .readdirSync(folder)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];

function loadSources(dir: string): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const name of yamlFiles(path.join(dir, 'sources'))) {
    for (const s of readYaml(path.join(dir, 'sources', name), sourcesFile, dir).sources) {
      if (sources.has(s.id)) throw new KnowledgePackError(`sources/${name}: source ${s.id} is described twice`);
      sources.set(s.id, s);
    }
  }
  return sources;
}

/**
 * Loads and validates resources/knowledge (labs/*.yaml, sources/*.yaml, billing.yaml, scripts.yaml). Throws naming
 * the file and field.
 */
export function loadKnowledgePack(dir: string): KnowledgePack {
  const labsDir = path.join(dir, 'labs');
  if (!fs.existsSync(labsDir)) throw new KnowledgePackError(`${dir}: no labs folder`);
  const sources = loadSources(dir);
  const labs = new Map<string, LabEntry>();
  const entries: LabEntry[] = [];
  for (const name of yamlFiles(labsDir)) {
    for (const entry of readYaml(path.join(labsDir, name), labFile, dir).labs) {
      for (const code of [entry.loinc, ...entry.aliases]) {
        if (labs.has(code)) throw new KnowledgePackError(`labs/${name}: LOINC ${code} is described twice`);
        labs.set(code, entry);
      }
      const unknown = (entry.sources ?? []).filter((id) => !sources.has(id));
      if (unknown.length) throw new KnowledgePackError(`labs/${name}: LOINC ${entry.loinc} cites unknown source ${unknown.join(', ')}`);
      entries.push(entry);
    }
  }
  const billing = readYaml(path.join(dir, 'billing.yaml'), billingFile, dir);
  const carc = new Map<string, BillingPack['carc'][number]>();
  for (const c of billing.carc) {
    if (carc.has(c.code)) throw new KnowledgePackError(`billing.yaml: CARC ${c.code} is described twice`);
    carc.set(c.code, c);
  }
  const texts = readYaml(path.join(dir, 'scripts.yaml'), scriptsFile, dir);
  return { labs, entries, billing, carc, texts, sources };
}
