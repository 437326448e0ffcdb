// The operations the database worker answers. Each runs synchronously on the worker's connection.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { countPatients, matchCaller, searchPatients, upsertPatients } from '../patients/queries';
import type { PatientRecord } from '../patients/record';
import { getContact, recentContacts, recordScript, startContact, updateContact, type ScriptRecord } from '../contacts/queries';
import type { ContactPatch } from '../../../preload/contract';
import { scriptSources } from '../scripts/queries';
import { numberKnown, pickTrainingCaller } from '../training/queries';
import { queryTimeline, sourceResource, type TimelineFilter } from '../timeline/queries';

export const ops = {
  'patients.search': (db: Database, a: { text: string; limit: number; country?: string }) => searchPatients(db, a.text, a.limit, a.country),
  'patients.byPhone': (db: Database, a: { phone: string; country?: string }) => matchCaller(db, a.phone, a.country),
  'patients.upsert': (db: Database, a: { records: PatientRecord[] }) => upsertPatients(db, a.records),
  'patients.count': (db: Database, _a: Record<string, never>) => countPatients(db),
  'timeline.query': (db: Database, a: TimelineFilter) => queryTimeline(db, a),
  'timeline.source': (db: Database, a: { type: string; id: string }) => sourceResource(db, a.type, a.id),
  'scripts.sources': (db: Database, a: { patientId: string; type: string; id: string }) => scriptSources(db, a),
  'contacts.start': (db: Database, a: { patientId: string | null; channel: 'call' | 'manual'; now: string }) => startContact(db, a),
  'contacts.recordScript': (db: Database, a: ScriptRecord) => recordScript(db, a),
  'contacts.get': (db: Database, a: { id: string }) => getContact(db, a.id),
  'contacts.update': (db: Database, a: { contactId: string; patch: ContactPatch; now: string }) => updateContact(db, a),
  'training.caller': (db: Database, a: { pick: number; kind: 'result' | 'eob' | null }) => pickTrainingCaller(db, a),
  'training.numberKnown': (db: Database, a: { e164: string }) => numberKnown(db, a.e164),
  'contacts.recent': (db: Database, a: { patientId: string; limit: number }) => recentContacts(db, a),
} satisfies Record<string, (db: Database, args: never) => unknown>;

export type Ops = typeof ops;
export type OpName = keyof Ops;
export type OpArgs<N extends OpName> = Parameters<Ops[N]>[1];
export type OpResult<N extends OpName> = ReturnType<Ops[N]>;
