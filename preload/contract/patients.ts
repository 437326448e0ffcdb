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

export const patientsChannels = {
  search: channel('patients.search', PatientSearchRequest, z.array(PatientSummary)),
};
