import { z } from 'zod';
import { channel, event } from './channel';
import { DispositionId } from './dispositions';
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

/** A disposition an agent can pick at wrap-up: a stable id (stored on the contact) and the organisation's label. */
const Disposition = z
  .object({
    id: DispositionId,
    label: z.string().trim().min(1, 'a label is needed').max(80),
  })
  .strict();

const dispositionList = z
  .array(Disposition)
  .min(1, 'list at least one disposition')
  .max(50, 'must list at most 50 dispositions')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, index) => {
      if (seen.has(d.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `the id "${d.id}" is used twice` });
      seen.add(d.id);
    });
  });

export const defaultDispositions: z.infer<typeof Disposition>[] = [
  { id: 'question-answered', label: 'Question answered' },
  { id: 'result-explained', label: 'Result explained' },
  { id: 'bill-explained', label: 'Bill explained' },
  { id: 'appointment-booked', label: 'Appointment booked' },
  { id: 'callback-promised', label: 'Callback promised' },
  { id: 'transferred-nurse', label: 'Transferred to the nurse line' },
  { id: 'transferred-billing', label: 'Transferred to billing' },
  { id: 'wrong-number', label: 'Wrong number' },
  { id: 'caller-hung-up', label: 'Caller hung up' },
  { id: 'other', label: 'Other' },
];

/** An Electron accelerator such as "CommandOrControl+Shift+A" (modifiers, then one key). Empty: no global shortcut. */
const accelerator = z
  .string()
  .max(60)
  .refine(
    (v) =>
      v === '' ||
      /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Enter|Escape|Up|Down|Left|Right|Home|End|PageUp|PageDown|Insert|Delete)$/.test(
        v,
      ),
    { message: 'must be modifiers and a key, like CommandOrControl+Shift+A, or empty' },
  )
  // A system-wide Shift+letter would fire while the agent types anywhere (and answer or end a call).
  .refine((v) => v === '' || /(^|\+)(CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Super|Meta)\+/.test(v), {
    message: 'must include Ctrl, Cmd or Alt (Shift alone would fire while typing)',
  });

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code (ISO 3166), like US or MX');
const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone name, like America/Chicago');

export const defaultShortcuts = { answer: 'CommandOrControl+Shift+A', hangUp: 'CommandOrControl+Shift+E' };

/** How many days an import report (which names files and resources) is kept before it is deleted. */
const importReportDays = z.number().int('a whole number of days').min(1, 'at least 1 day').max(3650, 'at most 3650 days (ten years)');
export const defaultImportReportDays = 30;

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
    organisation: z
      .object({
        /** Country of phone numbers written without a country code, where a patient's address does not say (ISO 3166). */
        country: countryCode.default('US'),
        /** Time zone of dateTimes written without an offset, and of clinics' appointment times (IANA name). */
        timeZone: timeZone.default('America/New_York'),
        /** Leave phone numbers in the 555-0100…555-0199 range (reserved for fiction in North America) out of caller matching. */
        ignoreFictionalNumbers: z.boolean().default(false),
      })
      .strict()
      .default({ country: 'US', timeZone: 'America/New_York', ignoreFictionalNumbers: false }),
    wrapUp: z
      .object({ dispositions: dispositionList.default(() => defaultDispositions.map((d) => ({ ...d }))) })
      .strict()
      .default(() => ({ dispositions: defaultDispositions.map((d) => ({ ...d })) })),
    desktop: z
      .object({
        /** System-wide shortcuts (desktop app only) to answer and hang up while another window has focus. */
        shortcuts: z
          .object({ answer: accelerator.default(defaultShortcuts.answer), hangUp: accelerator.default(defaultShortcuts.hangUp) })
          .strict()
          .default(() => ({ ...defaultShortcuts })),
        /** An operating-system notification when a call rings. */
        notifyIncoming: z.boolean().default(true),
      })
      .strict()
      .default(() => ({ shortcuts: { ...defaultShortcuts }, notifyIncoming: true })),
    privacy: z
      .object({
        /** Import reports older than this are deleted at start and after each import. */
        importReportDays: importReportDays.default(defaultImportReportDays),
      })
      .strict()
      .default(() => ({ importReportDays: defaultImportReportDays })),
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
    organisation: z.object({ country: countryCode, timeZone, ignoreFictionalNumbers: z.boolean() }).strict().partial().optional(),
    wrapUp: z.object({ dispositions: dispositionList }).strict().partial().optional(),
    desktop: z
      .object({ shortcuts: z.object({ answer: accelerator, hangUp: accelerator }).strict().partial(), notifyIncoming: z.boolean() })
      .strict()
      .partial()
      .optional(),
    privacy: z.object({ importReportDays }).strict().partial().optional(),
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
