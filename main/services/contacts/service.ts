import type { Contact, ContactPatch, StepId, TeachBack } from '../../../preload/contract';
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
  update(contactId: string, patch: ContactPatch): Promise<Contact | null>;
  recent(patientId: string, limit: number): Promise<Contact[]>;
}

export function createContactsService(db: DbClient, now: () => string = () => new Date().toISOString()): ContactsService {
  return {
    start: (a) => db.call('contacts.start', { ...a, now: now() }),
    recordScript: (a) => db.call('contacts.recordScript', { ...a, now: now() }),
    get: (id) => db.call('contacts.get', { id }),
    update: (contactId, patch) => db.call('contacts.update', { contactId, patch, now: now() }),
    recent: (patientId, limit) => db.call('contacts.recent', { patientId, limit }),
  };
}
