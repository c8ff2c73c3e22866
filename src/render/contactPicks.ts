/**
 * The quick pick items of contacts that share a number or an address. Names, companies and roles come from Quo: they
 * are cleaned to one line (no line breaks, controls or bidi overrides that would reorder the row) and their `$(…)`
 * read as text, as on every other surface.
 */
import type { Contact } from '../quo/types.js';
import { companyAndRole, contactDisplayName } from '../contacts/contactName.js';
import { escapeIcons } from './icons.js';

export interface ContactPick {
  readonly label: string;
  readonly description: string;
  readonly contactId: string;
}

export function sharedNumberPicks(contacts: readonly Contact[]): ContactPick[] {
  return contacts.map((contact) => ({
    label: escapeIcons(contactDisplayName(contact)),
    description: escapeIcons(companyAndRole(contact)),
    contactId: contact.id,
  }));
}
