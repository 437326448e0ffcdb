import Conf from 'conf';
import { settingsJsonSchema } from './schema';
import type { SettingsBacking } from './service';

/** The browser host's settings file: conf with the same schema electron-store uses in Electron. */
export function openConfSettings(dataDir: string): SettingsBacking {
  return new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    schema: settingsJsonSchema() as never,
  });
}
