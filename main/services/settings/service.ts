import fs from 'node:fs';
import { defaultSettings, Settings, type SettingsPatch } from '../../../preload/contract';

/** What electron-store and conf have in common. */
export interface SettingsBacking {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface SettingsService {
  get(): Settings;
  set(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

/**
 * Before the store opens its file: a file that is not valid JSON or breaks the schema is moved aside
 * (never deleted) so the app starts on defaults, and the returned notice says what happened.
 */
export function setAsideInvalidSettings(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  let problem: string | undefined;
  try {
    const result = Settings.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!result.success) {
      const first = result.error.issues[0]!;
      problem = `${first.path.join('.') || '(settings)'}: ${first.message}`;
    }
  } catch (error) {
    problem = `not valid JSON (${(error as Error).message})`;
  }
  if (!problem) return undefined;
  const movedTo = `${file}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, movedTo);
  return `Settings file was unusable (${problem}); it was moved to ${movedTo} and defaults are in use.`;
}

export function createSettingsService(backing: SettingsBacking): SettingsService {
  const listeners = new Set<(s: Settings) => void>();
  const read = (): Settings => Settings.parse({ ...defaultSettings, ...backing.store });
  return {
    get: read,
    set(patch) {
      const current = read();
      const next = Settings.parse({
        ...current,
        ...patch,
        telephony: { ...current.telephony, ...patch.telephony },
        fhir: { ...current.fhir, ...patch.fhir },
        organisation: { ...current.organisation, ...patch.organisation },
        wrapUp: { ...current.wrapUp, ...patch.wrapUp },
        desktop: {
          ...current.desktop,
          ...patch.desktop,
          shortcuts: { ...current.desktop.shortcuts, ...patch.desktop?.shortcuts },
        },
        privacy: { ...current.privacy, ...patch.privacy },
      });
      backing.store = next;
      for (const listener of listeners) listener(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
