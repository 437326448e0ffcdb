import { AgentReadableError, contract } from '../../preload/contract';
import type { ContactsService } from '../services/contacts/service';
import { handlersFor } from './registry';

export const contactsHandlers = (deps: { contacts: ContactsService }) =>
  handlersFor(contract.contacts, {
    start: (a) => deps.contacts.start(a),
    recordScript: async (a) => {
      const contact = await deps.contacts.recordScript(a);
      if (!contact) throw new AgentReadableError('That contact was not found; the outcome was not saved. Start a new contact and record it again.');
      return contact;
    },
    get: ({ contactId }) => deps.contacts.get(contactId),
    update: async ({ contactId, patch }) => {
      const contact = await deps.contacts.update(contactId, patch);
      if (!contact) throw new AgentReadableError('That contact was not found; the change was not saved.');
      return contact;
    },
    recent: ({ patientId, limit }) => deps.contacts.recent(patientId, limit),
  });
