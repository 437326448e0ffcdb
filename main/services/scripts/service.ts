import { AgentReadableError, type Script, type ScriptLanguage } from '../../../preload/contract';
import type { DbClient } from '../db/client';
import { str, type Json } from '../fhir/access';
import type { KnowledgePack } from '../knowledge/load';
import { buildScript, inputFromSources } from './engine';

export interface ScriptsService {
  build(req: { patientId: string; source: { type: string; id: string }; language?: ScriptLanguage | undefined }): Promise<Script>;
}

export class KnowledgePackUnavailable extends AgentReadableError {}

/** No script is offered for a patient the record says has died: results are not read to whoever calls. */
export class PatientDeceased extends AgentReadableError {}

/** deceasedDateTime's date, "yes" for deceasedBoolean true, else undefined. */
export function deceasedOf(patient: Json | null): string | undefined {
  const when = str(patient?.deceasedDateTime);
  if (when) return when.slice(0, 10);
  return patient?.deceasedBoolean === true ? 'yes' : undefined;
}

/** Scripts from the cache and the knowledge pack (loaded at start; an invalid pack is reported on each request). */
export function createScriptsService(db: DbClient, pack: KnowledgePack | Error, log: (line: string) => void): ScriptsService {
  return {
    build: async (req) => {
      if (pack instanceof Error) throw new KnowledgePackUnavailable(`Scripts are unavailable: the knowledge pack is invalid (${pack.message})`);
      const rows = await db.call('scripts.sources', { patientId: req.patientId, type: req.source.type, id: req.source.id });
      const deceased = deceasedOf(rows.patient);
      if (deceased) {
        throw new PatientDeceased(
          `The record says this patient has died${deceased === 'yes' ? '' : ` (${deceased})`}, so no script is offered and no result is read. ` +
            'If a family member is calling, offer your condolences and a warm transfer to the care team.',
        );
      }
      return buildScript(pack, inputFromSources(rows, { patientId: req.patientId, source: req.source, language: req.language }), {
        onViolation: (v, s) => log(`guardrails replaced the script for ${s.type}/${s.id}: ${v.map((x) => `${x.kind} "${x.word}"`).join(', ')}`),
      });
    },
  };
}
