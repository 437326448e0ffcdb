import { z } from 'zod';
import { channel } from './channel';
import { CallEndReason } from './call-end';
import { DispositionId } from './dispositions';
import { LocalId } from './ids';
import { E164Number } from './phone';
import { ScriptSource } from './script-sources';
import { ScriptLanguage, StepId } from './scripts';

export const teachBacks = ['understood', 'needs-another', 'declined'] as const;
export const TeachBack = z.enum(teachBacks);
export type TeachBack = z.infer<typeof TeachBack>;

/** A script used on a contact, with how the patient's teach-back went. */
export const ContactScript = z.object({
  source: z.object({ type: z.string(), id: LocalId }),
  title: z.string(),
  language: ScriptLanguage,
  teachBack: TeachBack.nullable(),
  stepsDone: z.array(StepId),
  updatedAt: z.string(),
});
export type ContactScript = z.infer<typeof ContactScript>;

export const IdentityCheck = z.object({
  outcome: z.enum(['verified', 'failed', 'not-done']),
  /** Which identifiers the caller gave correctly (never the values themselves). */
  identifiers: z.array(z.enum(['name', 'birthDate', 'postalCode', 'phone', 'mrn'])).max(5),
});
export type IdentityCheck = z.infer<typeof IdentityCheck>;

export const CallbackPromise = z
  .object({
    /** When the patient should be called back (ISO 8601 date-time). */
    due: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'must be a date and time'),
    number: E164Number,
    reason: z.string().trim().min(1, 'say why').max(500),
  })
  .strict();
export type CallbackPromise = z.infer<typeof CallbackPromise>;

export const CallFacts = z.object({
  callSid: z.string().max(80).nullable(),
  direction: z.enum(['inbound', 'outbound']),
  /** The other party's number. */
  number: z.string().max(40),
  training: z.boolean(),
  endReason: CallEndReason.nullable(),
  ringMs: z.number().int().min(0),
  talkMs: z.number().int().min(0),
  holdMs: z.number().int().min(0),
  wrapUpMs: z.number().int().min(0),
});
export type CallFacts = z.infer<typeof CallFacts>;

/** One conversation with (or about) a patient: a call, or a contact the agent opened by hand. */
export const Contact = z.object({
  id: z.string(),
  patientId: z.string().nullable(),
  channel: z.enum(['call', 'manual']),
  startedAt: z.string(),
  updatedAt: z.string(),
  scripts: z.array(ContactScript),
  call: CallFacts.nullable(),
  identity: IdentityCheck.nullable(),
  /** The id of one of the configured dispositions (settings.wrapUp.dispositions). */
  disposition: DispositionId.nullable(),
  notes: z.string(),
  callback: CallbackPromise.nullable(),
  /** Set when wrap-up is finished. */
  closedAt: z.string().nullable(),
});
export type Contact = z.infer<typeof Contact>;

export const ContactStart = z.object({ patientId: LocalId.nullable(), channel: z.enum(['call', 'manual']).default('manual') }).strict();

export const RecordScript = z
  .object({
    contactId: LocalId,
    source: ScriptSource,
    title: z.string().trim().min(1).max(300),
    language: ScriptLanguage,
    teachBack: TeachBack.nullable(),
    stepsDone: z.array(StepId).max(6),
  })
  .strict();

export const ContactPatch = z
  .object({
    patientId: LocalId.nullable().optional(),
    call: CallFacts.optional(),
    identity: IdentityCheck.optional(),
    disposition: DispositionId.nullable().optional(),
    notes: z.string().max(20_000, 'notes are limited to 20,000 characters').optional(),
    callback: CallbackPromise.nullable().optional(),
    closed: z.boolean().optional(),
  })
  .strict();
export type ContactPatch = z.infer<typeof ContactPatch>;

export const contactsChannels = {
  start: channel('contacts.start', ContactStart, Contact),
  recordScript: channel('contacts.recordScript', RecordScript, Contact),
  get: channel('contacts.get', z.object({ contactId: LocalId }).strict(), Contact.nullable()),
  /** Saves what the agent changed (called on every change, so nothing typed is lost). */
  update: channel('contacts.update', z.object({ contactId: LocalId, patch: ContactPatch }).strict(), Contact),
  /** The patient's latest contacts (screen-pop: last contact, open callbacks, what was explained before). */
  recent: channel('contacts.recent', z.object({ patientId: LocalId, limit: z.number().int().min(1).max(20).default(5) }).strict(), z.array(Contact)),
};
