/** Edit sessions and drafts for the edit form's tests (its render, the protocol, the page). */
import type { ContactDraft, EditSession, FieldDefinition } from '../../src/contacts/edit/contactDraft.js';

export const DEFINITIONS: readonly FieldDefinition[] = [
  { key: 'tier', name: 'Tier', type: 'string' },
  { key: 'office', name: 'Office', type: 'address' },
  { key: 'site', name: 'Website', type: 'url' },
  { key: 'seats', name: 'Seats', type: 'number' },
  { key: 'active', name: 'Active', type: 'boolean' },
  { key: 'birthday', name: 'Birthday', type: 'date' },
  { key: 'tags', name: 'Tags', type: 'multi-select' },
];

export const DRAFT: ContactDraft = {
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme Inc',
  role: 'CEO',
  emails: [
    { id: 'EM1', name: 'work', value: 'jane@acme.com' },
    { id: 'EM2', name: 'home', value: 'jane@home.example' },
  ],
  phoneNumbers: [{ id: 'PH1', name: 'mobile', value: '+12345678901' }],
  customFields: [
    { key: 'tier', name: 'Tier', field: { type: 'string', value: 'gold' }, id: 'CF1' },
    { key: 'office', name: 'Office', field: { type: 'address', value: '1 Main St\nSpringfield' } },
    { key: 'site', name: 'Website', field: { type: 'url', value: 'https://acme.example' } },
    { key: 'seats', name: 'Seats', field: { type: 'number', value: '12' } },
    { key: 'active', name: 'Active', field: { type: 'boolean', value: null } },
    { key: 'birthday', name: 'Birthday', field: { type: 'date', value: '1990-05-17' } },
    { key: 'tags', name: 'Tags', field: { type: 'multi-select', value: ['vip', 'beta'] } },
  ],
};

export const SESSION: EditSession = {
  contactId: '66d0d87e8dc1211467372303',
  baseUpdatedAt: '2025-11-20T08:15:00.000Z',
  base: DRAFT,
  draft: DRAFT,
};

/** A draft whose every string is `value`. */
export function draftFilledWith(value: string): ContactDraft {
  return {
    firstName: value,
    lastName: value,
    company: value,
    role: value,
    emails: [{ id: value, name: value, value }],
    phoneNumbers: [{ id: value, name: value, value }],
    customFields: [
      { key: value, name: value, field: { type: 'string', value } },
      { key: `${value}a`, name: value, field: { type: 'address', value } },
      { key: `${value}u`, name: value, field: { type: 'url', value } },
      { key: `${value}n`, name: value, field: { type: 'number', value } },
      { key: `${value}d`, name: value, field: { type: 'date', value } },
      { key: `${value}m`, name: value, field: { type: 'multi-select', value: [value] } },
      { key: `${value}b`, name: value, field: { type: 'boolean', value: true } },
    ],
  };
}
