import { z } from 'zod';
import { channel } from './channel';

/** A number to call the patient on: current (not old, not outside its period), with its extension to key in. */
export const PatientPhone = z.object({
  /** E.164. */
  number: z.string(),
  /** Digits to key in after the call connects, or null. */
  ext: z.string().nullable(),
  use: z.string().nullable(),
  /** The patient's own number, or one of their contacts' (Patient.contact: a parent, a guardian). */
  via: z.enum(['own', 'contact']),
  /** Who the contact is, as the record says ("Mother"); null for the patient's own number or an unnamed contact. */
  viaLabel: z.string().nullable(),
});
export type PatientPhone = z.infer<typeof PatientPhone>;

export const PatientSummary = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  gender: z.string().nullable(),
  mrn: z.string().nullable(),
  /** The best current number of the patient's own (E.164), or null. */
  phone: z.string().nullable(),
  language: z.string().nullable(),
  /** False for a record its source retired (Patient.active false, or replaced by another record). */
  active: z.boolean(),
  /** The date of death as the record gives it (YYYY, YYYY-MM or YYYY-MM-DD), 'yes' when it gives none; null if living. */
  deceased: z.string().nullable(),
  /** The record that replaced this one in a merge: its id, and its name when it is in the cache. */
  mergedInto: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  /** Current numbers for outbound calls: the patient's own first (best first), then their contacts'. */
  phones: z.array(PatientPhone),
  /** Where this record came from: a configured source name ("local files") or a FHIR server's base URL. */
  source: z.string(),
  /**
   * Other records of this person: the same identifier (system and value) in another source, or a record its source
   * merged into this one (their results are on this patient's timeline); or one the record says to see also, which
   * may be the same person and is only listed ('see-also').
   */
  linked: z.array(
    z.object({ id: z.string(), name: z.string(), source: z.string(), mrn: z.string().nullable(), how: z.enum(['same-identifier', 'merged', 'see-also']) }),
  ),
  /** For a search hit on an identifier: which one (two systems can share a value). */
  matchedIdentifier: z.object({ system: z.string(), value: z.string() }).optional(),
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
  /** Whether the number is the patient's own or one of their contacts' (a parent's number on a child's record). */
  via: z.enum(['own', 'contact']),
  /** Who the contact is, as the record says ("Mother"); null for the patient's own number or an unnamed contact. */
  viaLabel: z.string().nullable(),
  /** The number is on this retired record, which was merged into `patient` (the surviving record). */
  mergedFrom: z.object({ id: z.string(), name: z.string() }).nullable(),
  /**
   * Whether the desk may take this match as the caller when it is the only one: the patient's own number, on a
   * living patient's record in use. Never for a deceased patient, a retired record, or a contact's number.
   */
  autoSelect: z.boolean(),
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
