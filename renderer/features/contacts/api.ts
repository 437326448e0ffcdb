import type { Contact, RequestOf } from '../../../preload/contract';
import { api, request } from '../../app/api';

/** The desk's own contacts with patients (calls and contacts opened by hand), shared by the screen-pop, scripts and wrap-up. */
export const contactsApi = api.injectEndpoints({
  endpoints: (build) => ({
    recentContacts: build.query<Contact[], { patientId: string; limit: number }>({
      query: (input) => request('contacts.recent', input),
      providesTags: (_r, _e, { patientId }) => [{ type: 'Contacts', id: `patient:${patientId}` }],
    }),
    contact: build.query<Contact | null, string>({
      query: (contactId) => request('contacts.get', { contactId }),
      providesTags: (_r, _e, contactId) => [{ type: 'Contacts', id: contactId }],
    }),
    startContact: build.mutation<Contact, RequestOf<'contacts.start'>>({
      query: (input) => request('contacts.start', input),
      invalidatesTags: (_r, _e, { patientId }) => (patientId ? [{ type: 'Contacts', id: `patient:${patientId}` }] : []),
    }),
    updateContact: build.mutation<Contact, RequestOf<'contacts.update'>>({
      query: (input) => request('contacts.update', input),
    }),
    recordScript: build.mutation<Contact, RequestOf<'contacts.recordScript'>>({
      query: (input) => request('contacts.recordScript', input),
      invalidatesTags: (_r, _e, { contactId }) => [{ type: 'Contacts', id: contactId }],
    }),
  }),
});

export const { useRecentContactsQuery, useContactQuery } = contactsApi;
