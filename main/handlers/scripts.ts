import { contract } from '../../preload/contract';
import type { ContactsService } from '../services/contacts/service';
import { KnowledgePackUnavailable, PatientDeceased, type ScriptsService } from '../services/scripts/service';
import { handlersFor, UserFacingError } from './registry';

export const scriptsHandlers = (deps: { scripts: ScriptsService }) =>
  handlersFor(contract.scripts, {
    build: async (req) => {
      try {
        return await deps.scripts.build(req);
      } catch (error) {
        if (error instanceof KnowledgePackUnavailable || error instanceof PatientDeceased) throw new UserFacingError(error.message);
        throw error;
      }
    },
  });

export const contactsHandlers = (deps: { contacts: ContactsService }) =>
  handlersFor(contract.contacts, {
    start: (a) => deps.contacts.start(a),
    recordScript: async (a) => {
      const contact = await deps.contacts.recordScript(a);
      if (!contact) throw new UserFacingError('That contact was not found; the outcome was not saved. Start a new contact and record it again.');
      return contact;
    },
    get: ({ contactId }) => deps.contacts.get(contactId),
    update: async ({ contactId, patch }) => {
      const contact = await deps.contacts.update(contactId, patch);
      if (!contact) throw new UserFacingError('That contact was not found; the change was not saved.');
      return contact;
    },
    recent: ({ patientId, limit }) => deps.contacts.recent(patientId, limit),
  });
