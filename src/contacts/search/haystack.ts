/**
 * The one searchable string a contact becomes, and the way back from a place in it to the field it came from. Both
 * directions live together because they must agree on the order and count of the fields: the quick pick's
 * description names the field a hit lies in by counting markers exactly as the haystack was built.
 *
 * Each field is folded and preceded by a marker character naming it, so the marker in front of a hit says which
 * field it is in; fields go in ranking order (name first), so the first word-start hit is the best one and the first
 * hit at all bounds how well a contact can score.
 */
import type { Contact, CustomField } from '../../quo/types.js';
import { phoneDigits } from '../phone.js';
import { foldText } from './folding.js';

export type SearchField = 'name' | 'company' | 'email' | 'phone' | 'externalId' | 'role' | 'customField';

/** Marker characters, in haystack (and ranking) order. Control characters never survive folding, so they are free. */
export const NAME = 1;
const COMPANY = 2;
export const EMAIL = 3;
export const PHONE = 4;
const EXTERNAL_ID = 5;
const ROLE = 6;
const CUSTOM = 7;
export const LAST_MARKER = CUSTOM;

const FIELD_OF_MARKER: readonly SearchField[] = [
  'name', // unused slot 0
  'name',
  'company',
  'email',
  'phone',
  'externalId',
  'role',
  'customField',
];

/** A custom field's value as searchable text, or undefined for values nobody types (booleans, empty values). */
function customFieldText(field: CustomField): string | undefined {
  switch (field.type) {
    case 'multi-select':
      return field.value && field.value.length > 0 ? field.value.join(' ') : undefined;
    case 'date':
      // The calendar date is what people know; the time of day is noise.
      return field.value ? field.value.slice(0, 10) : undefined;
    case 'number':
      return field.value === null ? undefined : String(field.value);
    case 'boolean':
      return undefined;
    default:
      return field.value ? field.value : undefined;
  }
}

/** Custom fields whose words join the typo vocabulary: prose, not URLs, dates or numbers. */
function isWordyCustomField(field: CustomField): boolean {
  return field.type === 'string' || field.type === 'address' || field.type === 'multi-select';
}

/** The person's or company's name as searched: the display name without its fallbacks to email and phone. */
export function searchName(contact: Contact): string {
  const fields = contact.defaultFields;
  const first = fields.firstName?.trim() ?? '';
  const last = fields.lastName?.trim() ?? '';
  if (first !== '' || last !== '') {
    return first !== '' && last !== '' ? `${first} ${last}` : first || last;
  }
  return fields.company?.trim() ?? '';
}

interface Haystack {
  readonly text: string;
  /** Folded text whose words join the typo vocabulary. */
  readonly wordy: readonly string[];
}

export function buildHaystack(contact: Contact): Haystack {
  const fields = contact.defaultFields;
  const parts: string[] = [];
  const wordy: string[] = [];
  const add = (marker: number, text: string, words: boolean): void => {
    const folded = foldText(text);
    parts.push(String.fromCharCode(marker), folded);
    if (words) {
      wordy.push(folded);
    }
  };
  const name = searchName(contact);
  add(NAME, name, true);
  const company = fields.company?.trim() ?? '';
  // A contact with no person's name is listed under its company; the company need not be there twice.
  if (company !== '' && company !== name) {
    add(COMPANY, company, true);
  }
  for (const email of fields.emails) {
    if (email.value) {
      add(EMAIL, email.value, false);
    }
  }
  for (const phone of fields.phoneNumbers) {
    if (phone.value) {
      // Digits only, so that any way of writing the number matches; a value without digits is kept as written.
      const digits = phoneDigits(phone.value);
      add(PHONE, digits === '' ? phone.value : digits, false);
    }
  }
  if (contact.externalId) {
    add(EXTERNAL_ID, contact.externalId, false);
  }
  if (fields.role?.trim()) {
    add(ROLE, fields.role, true);
  }
  for (const field of contact.customFields) {
    const text = customFieldText(field);
    if (text !== undefined) {
      add(CUSTOM, text, isWordyCustomField(field));
    }
  }
  // join() builds one flat string; `+=` would leave a rope that V8 flattens (and copies) on the first search.
  return { text: parts.join(''), wordy };
}

/** Where a hit lies, as shown in the quick pick's description. */
export interface FieldValue {
  readonly field: SearchField;
  readonly value: string;
  readonly label?: string;
}

/** The `ordinal`-th field with `marker` of `contact`, counted exactly as buildHaystack adds them. */
export function fieldValue(contact: Contact, marker: number, ordinal: number): FieldValue {
  const fields = contact.defaultFields;
  const field = FIELD_OF_MARKER[marker] ?? 'name';
  switch (marker) {
    case COMPANY:
      return { field, value: fields.company ?? '' };
    case EMAIL: {
      const email = fields.emails.filter((item) => item.value)[ordinal];
      return { field, value: email?.value ?? '', ...(email ? { label: email.name } : {}) };
    }
    case PHONE: {
      const phone = fields.phoneNumbers.filter((item) => item.value)[ordinal];
      return { field, value: phone?.value ?? '', ...(phone ? { label: phone.name } : {}) };
    }
    case EXTERNAL_ID:
      return { field, value: contact.externalId ?? '' };
    case ROLE:
      return { field, value: fields.role ?? '' };
    case CUSTOM: {
      const custom = contact.customFields.filter((item) => customFieldText(item) !== undefined)[ordinal];
      return custom
        ? { field, value: customFieldText(custom) ?? '', label: custom.name }
        : { field, value: '' };
    }
    default:
      return { field: 'name', value: searchName(contact) };
  }
}
