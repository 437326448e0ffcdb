import { z } from 'zod';
import { channel, event } from './channel';
import { TransferTargetSchema } from './telephony';

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

type TransferTarget = z.infer<typeof TransferTargetSchema>;

/** The most transfer targets the directory may hold (it is a short pick list, not a phone book). */
export const maxTransferTargets = 20;

/** Where an agent can transfer a call: a short list picked by id, so the renderer never sends a free-form number. */
const transferDirectory = z
  .array(TransferTargetSchema)
  .max(maxTransferTargets, `must list at most ${maxTransferTargets} transfer targets`)
  .superRefine((targets, ctx) => {
    const seen = new Set<string>();
    targets.forEach((target, index) => {
      if (seen.has(target.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `the id "${target.id}" is used twice` });
      seen.add(target.id);
    });
  });

/**
 * The example directory a new installation starts with. Clearly fictional: 555-01xx numbers are reserved for
 * fiction and reach nobody. The organisation replaces it with its own lines.
 */
export const defaultTransferDirectory: TransferTarget[] = [
  { id: 'nurse-line', label: 'Nurse line (example)', number: '+15555550101' },
  { id: 'billing-office', label: 'Billing office (example)', number: '+15555550102' },
  { id: 'scheduling', label: 'Scheduling (example)', number: '+15555550103' },
];

const defaultTelephony = () => ({
  tokenEndpoint: '',
  holdEndpoint: '',
  transferEndpoint: '',
  directory: defaultTransferDirectory.map((t) => ({ ...t })),
});

/** The one definition of the settings: validated here, persisted by electron-store / conf with the JSON schema derived from it. */
export const Settings = z
  .object({
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    language: z.enum(['en', 'es']).default('en'),
    telephony: z
      .object({
        /** The organisation's access-token endpoint. Empty: training mode. */
        tokenEndpoint: httpsUrlOrEmpty.default(''),
        /** The organisation's endpoint that puts a call on hold and takes it off. Empty: no hold (except in training). */
        holdEndpoint: httpsUrlOrEmpty.default(''),
        /** The organisation's endpoint that transfers a call to a directory number. Empty: no transfer (except in training). */
        transferEndpoint: httpsUrlOrEmpty.default(''),
        /** The transfer targets an agent can pick from. */
        directory: transferDirectory.default(() => defaultTransferDirectory.map((t) => ({ ...t }))),
      })
      .strict()
      .default(defaultTelephony),
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
    /** Each given field replaces the stored one (a directory is replaced as a whole list). */
    telephony: z
      .object({ tokenEndpoint: httpsUrlOrEmpty, holdEndpoint: httpsUrlOrEmpty, transferEndpoint: httpsUrlOrEmpty, directory: transferDirectory })
      .strict()
      .partial()
      .optional(),
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
