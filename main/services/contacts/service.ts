import type { Contact, ContactPatch } from '../../../preload/contract';
import type { DbClient } from '../db/client';
import type { ScriptRecord } from './queries';

export interface ContactsService {
  start(a: { patientId: string | null; channel: 'call' | 'manual' }): Promise<Contact>;
  recordScript(a: Omit<ScriptRecord, 'now'>): Promise<Contact | null>;
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
