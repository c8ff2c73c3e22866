/**
 * The checks of what the contact panel's page posts, shared by the protocol (panelMessages.ts) and its draft: a
 * string's length, a plain object's keys, and a contact draft or edit session checked whole. Plain, for both sides.
 */
import type { ContactDraft, EditSession } from '../contacts/edit/contactDraft.js';

/** Longest string a message may carry: more than any id, phone, email or URL, less than anything abusive. */
export const MAX_MESSAGE_VALUE = 8192;

export function isValue(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_MESSAGE_VALUE;
}

/**
 * A check's answer, or false when reading `data` throws: a getter or a proxy trap may, and a check that throws would
 * take down the listener that asked rather than refuse one message.
 */
export function neverThrows(check: (data: unknown) => boolean, data: unknown): boolean {
  try {
    return check(data);
  } catch {
    return false;
  }
}

/** Most emails, phone numbers or values of a multi-select a draft may hold. */
export const MAX_DRAFT_ITEMS = 50;
/** Most custom fields a draft may hold. */
export const MAX_DRAFT_CUSTOM_FIELDS = 100;
/** Most characters in all of a draft's strings together. */
export const MAX_DRAFT_CHARS = 1024 * 1024;

const CUSTOM_TYPES: ReadonlySet<string> = new Set(['string', 'address', 'url', 'number', 'boolean', 'date', 'multi-select']);

/**
 * A plain object with no key other than `keys`: what postMessage delivers (a structured clone, whose prototype is
 * its realm's Object.prototype, hence the prototype's own prototype rather than Object.prototype itself).
 */
export function hasOnly(data: unknown, keys: readonly string[]): data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(data);
  return (prototype === null || Object.getPrototypeOf(prototype) === null) && Object.keys(data).every((key) => keys.includes(key));
}

/** A string of at most MAX_MESSAGE_VALUE characters, empty allowed (a field the user emptied). */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_MESSAGE_VALUE;
}

export function isList(value: unknown, max: number): value is readonly unknown[] {
  return Array.isArray(value) && value.length <= max;
}

/**
 * Checks a draft the page posted or saved: every field of ContactDraft and no other, strings of at most
 * MAX_MESSAGE_VALUE characters (MAX_DRAFT_CHARS in all), at most MAX_DRAFT_ITEMS emails, phone numbers and values of
 * a multi-select, at most MAX_DRAFT_CUSTOM_FIELDS custom fields, each key once, each value of its declared type. Ids
 * (of an item, of a custom field) are optional, and never empty.
 */
export function isContactDraft(data: unknown): data is ContactDraft {
  return neverThrows(contactDraft, data);
}

function contactDraft(data: unknown): boolean {
  if (!hasOnly(data, ['firstName', 'lastName', 'company', 'role', 'emails', 'phoneNumbers', 'customFields'])) {
    return false;
  }
  const { firstName, lastName, company, role, emails, phoneNumbers, customFields } = data;
  let chars = 0;
  const text = (value: unknown): boolean => {
    if (!isText(value)) {
      return false;
    }
    chars += value.length;
    return chars <= MAX_DRAFT_CHARS;
  };
  const item = (value: unknown): boolean =>
    hasOnly(value, ['id', 'name', 'value']) && (value.id === undefined || isValue(value.id)) && text(value.name) && text(value.value);
  const keys = new Set<string>();
  const custom = (value: unknown): boolean => {
    if (
      !hasOnly(value, ['key', 'name', 'field', 'id']) ||
      !isValue(value.key) ||
      keys.has(value.key) ||
      !text(value.name) ||
      (value.id !== undefined && !isValue(value.id))
    ) {
      return false;
    }
    keys.add(value.key);
    chars += value.key.length;
    return customValue(value.field, text);
  };
  return (
    [firstName, lastName, company, role].every(text) &&
    isList(emails, MAX_DRAFT_ITEMS) &&
    emails.every(item) &&
    isList(phoneNumbers, MAX_DRAFT_ITEMS) &&
    phoneNumbers.every(item) &&
    isList(customFields, MAX_DRAFT_CUSTOM_FIELDS) &&
    customFields.every(custom)
  );
}

function customValue(field: unknown, text: (value: unknown) => boolean): boolean {
  if (!hasOnly(field, ['type', 'value']) || typeof field.type !== 'string' || !CUSTOM_TYPES.has(field.type)) {
    return false;
  }
  const value = field.value;
  switch (field.type) {
    case 'boolean':
      return value === null || typeof value === 'boolean';
    case 'multi-select':
      return isList(value, MAX_DRAFT_ITEMS) && value.every(text);
    default:
      return text(value);
  }
}

/** Checks an edit session (from the page's state, or posted back in `resumeEdit`): its fields and no other. */
export function isEditSession(data: unknown): data is EditSession {
  return neverThrows((session) => {
    if (!hasOnly(session, ['contactId', 'baseUpdatedAt', 'base', 'draft'])) {
      return false;
    }
    return isValue(session.contactId) && isValue(session.baseUpdatedAt) && isContactDraft(session.base) && isContactDraft(session.draft);
  }, data);
}
