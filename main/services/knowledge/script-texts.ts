import { z } from 'zod';
import { localized } from './schema';

/** resources/knowledge/scripts.yaml: the sentences the script engine fills in, by key, with {{placeholders}}. */
export const scriptsFile = z.object({ texts: z.record(z.string(), localized) }).strict();
export type ScriptTexts = z.infer<typeof scriptsFile>;
