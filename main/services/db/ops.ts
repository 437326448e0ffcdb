// The operations the database worker answers. Each runs synchronously on the worker's connection.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { searchPatients, upsertPatients } from '../patients/queries';
import type { PatientRecord } from '../patients/record';

export const ops = {
  'patients.search': (db: Database, a: { text: string; limit: number }) => searchPatients(db, a.text, a.limit),
  'patients.upsert': (db: Database, a: { records: PatientRecord[] }) => upsertPatients(db, a.records),
  'db.schemaVersion': (db: Database, _a: Record<string, never>) =>
    (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v,
} satisfies Record<string, (db: Database, args: never) => unknown>;

export type Ops = typeof ops;
export type OpName = keyof Ops;
export type OpArgs<N extends OpName> = Parameters<Ops[N]>[1];
export type OpResult<N extends OpName> = ReturnType<Ops[N]>;
