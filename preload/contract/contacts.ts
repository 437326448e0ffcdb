import { z } from 'zod';
import { channel } from './channel';
import { ScriptLanguage, StepId } from './scripts';

export const teachBacks = ['understood', 'needs-another', 'declined'] as const;
export const TeachBack = z.enum(teachBacks);
export type TeachBack = z.infer<typeof TeachBack>;

const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'not a valid id');

/** A script used on a contact, with how the patient's teach-back went. */
export const ContactScript = z.object({
  source: z.object({ type: z.string(), id }),
  title: z.string(),
  language: ScriptLanguage,
  teachBack: TeachBack.nullable(),
  stepsDone: z.array(StepId),
  updatedAt: z.string(),
});
export type ContactScript = z.infer<typeof ContactScript>;

/** One conversation with (or about) a patient: a call, or a contact the agent opened by hand. */
export const Contact = z.object({
  id: z.string(),
  patientId: z.string().nullable(),
  channel: z.enum(['call', 'manual']),
  startedAt: z.string(),
  updatedAt: z.string(),
  scripts: z.array(ContactScript),
});
export type Contact = z.infer<typeof Contact>;

export const ContactStart = z.object({ patientId: id.nullable(), channel: z.enum(['call', 'manual']).default('manual') }).strict();

export const RecordScript = z
  .object({
    contactId: id,
    source: z.object({ type: z.enum(['Observation', 'DiagnosticReport', 'Claim', 'ExplanationOfBenefit']), id }).strict(),
    title: z.string().trim().min(1).max(300),
    language: ScriptLanguage,
    teachBack: TeachBack.nullable(),
    stepsDone: z.array(StepId).max(6),
  })
  .strict();

export const contactsChannels = {
  start: channel('contacts.start', ContactStart, Contact),
  recordScript: channel('contacts.recordScript', RecordScript, Contact),
  get: channel('contacts.get', z.object({ contactId: id }).strict(), Contact.nullable()),
};
