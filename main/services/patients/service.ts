import type { CallerLookup, PatientSummary } from '../../../preload/contract';
import type { DbClient } from '../db/client';
import { PatientRecord, type PatientRecordInput } from './record';

export interface PatientsService {
  search(text: string, limit: number): Promise<PatientSummary[]>;
  matchCaller(phone: string): Promise<CallerLookup>;
  count(): Promise<number>;
  upsert(records: readonly PatientRecordInput[]): Promise<number>;
}

/** `country`: the organisation's default for numbers typed or received without a country code. */
export function createPatientsService(db: DbClient, country: () => string = () => 'US'): PatientsService {
  return {
    search: (text, limit) => db.call('patients.search', { text, limit, country: country() }),
    matchCaller: (phone) => db.call('patients.byPhone', { phone, country: country() }),
    count: () => db.call('patients.count', {}),
    upsert: async (records) => {
      const parsed = records.map((r, i) => {
        const result = PatientRecord.safeParse(r);
        if (!result.success) {
          const first = result.error.issues[0]!;
          throw new Error(`Patient record ${i}: ${first.path.join('.') || '(record)'}: ${first.message}`);
        }
        return result.data;
      });
      return db.call('patients.upsert', { records: parsed });
    },
  };
}
