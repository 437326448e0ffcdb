import { z } from 'zod';
import { channel, event } from './channel';

const httpsUrlOrEmpty = z
  .string()
  .max(2048)
  .refine((value) => value === '' || isHttpUrl(value), {
    message: 'must be an http(s) URL, or empty to leave it unset',
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The one definition of the settings: validated here, persisted by electron-store / conf with the JSON schema derived from it. */
export const Settings = z
  .object({
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    language: z.enum(['en', 'es']).default('en'),
    telephony: z
      .object({
        /** The organisation's access-token endpoint. Empty: training mode. */
        tokenEndpoint: httpsUrlOrEmpty.default(''),
      })
      .strict()
      .default({ tokenEndpoint: '' }),
    fhir: z
      .object({
        /** The organisation's FHIR server base URL, the shared system of record. */
        baseUrl: httpsUrlOrEmpty.default(''),
      })
      .strict()
      .default({ baseUrl: '' }),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    theme: Settings.shape.theme.unwrap().optional(),
    language: Settings.shape.language.unwrap().optional(),
    telephony: z.object({ tokenEndpoint: httpsUrlOrEmpty }).strict().partial().optional(),
    fhir: z.object({ baseUrl: httpsUrlOrEmpty }).strict().partial().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings: Settings = Settings.parse({});

export const settingsChannels = {
  get: channel('settings.get', z.object({}).strict(), Settings),
  set: channel('settings.set', SettingsPatch, Settings),
};

export const settingsEvents = {
  changed: event('settings.changed', Settings),
};
