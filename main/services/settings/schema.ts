import { z } from 'zod';
import { Settings } from '../../../preload/contract';

/** The JSON Schema that electron-store (Electron) and conf (browser host) persist settings with, derived from the contract's zod schema. */
export function settingsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Settings, { target: 'draft-2020-12', unrepresentable: 'any' }) as {
    properties: Record<string, unknown>;
  };
  return schema.properties;
}
