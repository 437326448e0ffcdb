import { DbClient } from '../../main/services/db/client';
import { loadOrCreateDbKey } from '../../main/services/db/key';
import { createPatientsService } from '../../main/services/patients/service';
import type { PatientRecordInput } from '../../main/services/patients/record';
import { workerScript } from './host';

/** Writes patients into a data dir's cache through the patients service, as the importer will. */
export async function seedPatients(dataDir: string, records: readonly PatientRecordInput[]): Promise<void> {
  const db = await DbClient.start({ dataDir, key: loadOrCreateDbKey(dataDir), workerScript });
  try {
    await createPatientsService(db).upsert(records);
  } finally {
    await db.close();
  }
}

/** Deterministic synthetic patients for tests and benchmarks (no real PHI). */
export function syntheticPatients(count: number): PatientRecordInput[] {
  const given = ['Ana', 'José', 'Maria', 'Liam', 'Noah', 'Sofía', 'Mateo', 'Olivia', 'Emma', 'Lucas'];
  const family = ['García', 'Smith', 'Nguyen', 'Johnson', 'Martínez', 'Brown', 'López', 'Davis', 'Hernández', 'Wilson'];
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    name: `${given[i % given.length]} ${family[Math.floor(i / given.length) % family.length]}`,
    birthDate: `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    gender: i % 2 ? 'female' : 'male',
    mrn: `MRN${String(100000 + i)}`,
    phone: `+1555${String(1000000 + i).slice(-7)}`,
    language: i % 3 === 0 ? 'es' : 'en',
  }));
}
