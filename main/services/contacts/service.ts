import type { Contact, StepId, TeachBack } from '../../../preload/contract';
import type { DbClient } from '../db/client';

export interface ContactsService {
  start(a: { patientId: string | null; channel: 'call' | 'manual' }): Promise<Contact>;
  recordScript(a: {
    contactId: string;
    source: { type: string; id: string };
    title: string;
    language: 'en' | 'es';
    teachBack: TeachBack | null;
    stepsDone: StepId[];
  }): Promise<Contact | null>;
  get(id: string): Promise<Contact | null>;
}

export function createContactsService(db: DbClient, now: () => string = () => new Date().toISOString()): ContactsService {
  return {
    start: (a) => db.call('contacts.start', { ...a, now: now() }),
    recordScript: (a) => db.call('contacts.recordScript', { ...a, now: now() }),
    get: (id) => db.call('contacts.get', { id }),
  };
}
