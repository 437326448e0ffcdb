import type { Script, ScriptLanguage } from '../../../preload/contract';
import type { DbClient } from '../db/client';
import type { KnowledgePack } from '../knowledge/load';
import { buildScript, patientFacts } from './engine';

export interface ScriptsService {
  build(req: { patientId: string; source: { type: string; id: string }; language?: ScriptLanguage | undefined }): Promise<Script>;
}

export class KnowledgePackUnavailable extends Error {}

/** Scripts from the cache and the knowledge pack (loaded at start; an invalid pack is reported on each request). */
export function createScriptsService(db: DbClient, pack: KnowledgePack | Error, log: (line: string) => void): ScriptsService {
  return {
    build: async (req) => {
      if (pack instanceof Error) throw new KnowledgePackUnavailable(`Scripts are unavailable: the knowledge pack is invalid (${pack.message})`);
      const rows = await db.call('scripts.sources', { patientId: req.patientId, type: req.source.type, id: req.source.id });
      return buildScript(
        pack,
        { patient: patientFacts(req.patientId, rows.patient, rows.language), resource: rows.resource, members: rows.members, source: req.source, language: req.language },
        { onViolation: (v, s) => log(`guardrails replaced the script for ${s.type}/${s.id}: ${v.map((x) => `${x.kind} "${x.word}"`).join(', ')}`) },
      );
    },
  };
}
