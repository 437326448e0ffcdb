import { z } from 'zod';
import { channel, event } from './channel';

const httpsUrlOrEmpty = z
  .string()
  .max(2048)
  .refine((value) => value === '' || isAllowedUrl(value), {
    message: 'must be an https URL (http only for this computer), or empty to leave it unset',
  });

/** Tokens and patient data never travel in clear text, except to a service on this very computer. */
function isAllowedUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
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
