import { z } from 'zod';

/** A patient as written to the cache by importers (and by tests). */
export const PatientRecord = z
  .object({
    id: z.string().min(1).max(128),
    name: z.string().trim().min(1).max(300),
    birthDate: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)')
      .nullable()
      .default(null),
    gender: z.enum(['male', 'female', 'other', 'unknown']).nullable().default(null),
    mrn: z.string().max(100).nullable().default(null),
    phone: z.string().max(40).nullable().default(null),
    language: z.string().max(20).nullable().default(null),
  })
  .strict();
export type PatientRecord = z.output<typeof PatientRecord>;
export type PatientRecordInput = z.input<typeof PatientRecord>;
