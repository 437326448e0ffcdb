import { z } from 'zod';
import { channel } from './channel';

export const PatientSummary = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  gender: z.string().nullable(),
  mrn: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.string().nullable(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const PatientSearchRequest = z
  .object({
    text: z.string().trim().min(1, 'type at least one character').max(200),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .strict();

/** One candidate for a caller's number. The agent chooses; the app never picks one of several silently. */
export const CallerMatch = z.object({
  patient: PatientSummary,
  phoneUse: z.string().nullable(),
  lastContactAt: z.string().nullable(),
});
export type CallerMatch = z.infer<typeof CallerMatch>;

export const CallerLookup = z.object({
  /** The number as E.164, or null when the input is not a phone number. */
  e164: z.string().nullable(),
  matches: z.array(CallerMatch),
});
export type CallerLookup = z.infer<typeof CallerLookup>;

export const patientsChannels = {
  search: channel('patients.search', PatientSearchRequest, z.array(PatientSummary)),
  byPhone: channel('patients.byPhone', z.object({ phone: z.string().trim().min(1).max(40) }).strict(), CallerLookup),
};
