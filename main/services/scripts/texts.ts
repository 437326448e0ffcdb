import type { KnowledgePack } from '../knowledge/load';
import type { Language } from '../knowledge/schema';

export class MissingTextError extends Error {}

/**
 * Fills a scripts.yaml sentence. Values from the patient's record go in as they are; the sentence itself is what
 * the guardrails check, so `authored` collects it with every value blanked out.
 */
export function textRenderer(pack: KnowledgePack, lang: Language, authored: string[]) {
  const render = (key: string, params: Record<string, string | number> = {}): string => {
    const entry = pack.texts.texts[key];
    if (!entry) throw new MissingTextError(`scripts.yaml has no text "${key}"`);
    const template = entry[lang];
    authored.push(template.replace(/\{\{\w+\}\}/g, '…'));
    return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
      if (!(name in params)) throw new MissingTextError(`scripts.yaml "${key}" needs a value for {{${name}}}`);
      return String(params[name]);
    });
  };
  return Object.assign(render, { has: (key: string) => key in pack.texts.texts });
}
export type RenderText = ReturnType<typeof textRenderer>;
