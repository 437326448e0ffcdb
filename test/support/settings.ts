import { createSettingsService } from '../../main/services/settings/service';
import type { SettingsPatch } from '../../preload/contract';

/** The real settings service over an in-memory store (no file), optionally with `patch` applied. */
export function memorySettings(patch?: SettingsPatch) {
  let store: Record<string, unknown> = {};
  const settings = createSettingsService({
    get store() {
      return store;
    },
    set store(v) {
      store = v;
    },
    path: '(memory)',
  });
  if (patch) settings.set(patch);
  return settings;
}
