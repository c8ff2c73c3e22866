/**
 * Decoders of contacts: one contact, its answer and a page of them, its default and custom fields, and the custom
 * field definitions. A custom field of a type this version does not know is left out, not a failure.
 */
import { array, DecodeError, nullableString, object, optionalString, string, type Json } from './decodeJson.js';
import type {
  Contact,
  ContactPage,
  CustomField,
  CustomFieldDefinition,
  CustomFieldType,
  DefaultFields,
  LabelledValue,
} from './types.js';
import { CUSTOM_FIELD_TYPES } from './types.js';

function labelledValue(value: unknown, path: string): LabelledValue {
  const item = object(value, path);
  const id = optionalString(item['id'], `${path}.id`);
  return {
    name: string(item['name'], `${path}.name`),
    value: nullableString(item['value'], `${path}.value`),
    ...(id === undefined ? {} : { id }),
  };
}

function defaultFields(value: unknown, path: string): DefaultFields {
  const fields = object(value, path);
  return {
    firstName: nullableString(fields['firstName'], `${path}.firstName`),
    lastName: nullableString(fields['lastName'], `${path}.lastName`),
    company: nullableString(fields['company'], `${path}.company`),
    role: nullableString(fields['role'], `${path}.role`),
    emails: array(fields['emails'], `${path}.emails`).map((item, i) => labelledValue(item, `${path}.emails[${i}]`)),
    phoneNumbers: array(fields['phoneNumbers'], `${path}.phoneNumbers`).map((item, i) =>
      labelledValue(item, `${path}.phoneNumbers[${i}]`),
    ),
  };
}

function isCustomFieldType(value: unknown): value is CustomFieldType {
  return typeof value === 'string' && (CUSTOM_FIELD_TYPES as readonly string[]).includes(value);
}

/** Returns undefined for a field of a type this version does not know, so a new Quo field type hides one field
 * instead of breaking every contact that has it. */
function customField(value: unknown, path: string): CustomField | undefined {
  const field = object(value, path);
  const name = string(field['name'], `${path}.name`);
  const key = optionalString(field['key'], `${path}.key`);
  const id = optionalString(field['id'], `${path}.id`);
  const base = { name, ...(key === undefined ? {} : { key }), ...(id === undefined ? {} : { id }) };
  const type = field['type'];
  const raw = field['value'];
  const valuePath = `${path}.value`;
  if (typeof type !== 'string') {
    throw new DecodeError(`${path}.type`, 'string', type);
  }
  if (!isCustomFieldType(type)) {
    return undefined;
  }
  switch (type) {
    case 'multi-select':
      return {
        ...base,
        type,
        value: raw === null ? null : array(raw, valuePath).map((item, i) => string(item, `${valuePath}[${i}]`)),
      };
    case 'address':
    case 'string':
    case 'url':
    case 'date':
      return { ...base, type, value: nullableString(raw, valuePath) };
    case 'boolean':
      if (raw !== null && typeof raw !== 'boolean') {
        throw new DecodeError(valuePath, 'boolean or null', raw);
      }
      return { ...base, type, value: raw };
    case 'number':
      if (raw !== null && (typeof raw !== 'number' || !Number.isFinite(raw))) {
        throw new DecodeError(valuePath, 'number or null', raw);
      }
      return { ...base, type, value: raw };
  }
}

export function decodeContact(value: unknown, path = 'data'): Contact {
  const contact = object(value, path);
  const customFields: CustomField[] = [];
  array(contact['customFields'], `${path}.customFields`).forEach((item, i) => {
    const field = customField(item, `${path}.customFields[${i}]`);
    if (field) {
      customFields.push(field);
    }
  });
  return {
    id: string(contact['id'], `${path}.id`),
    externalId: nullableString(contact['externalId'], `${path}.externalId`),
    source: nullableString(contact['source'], `${path}.source`),
    sourceUrl: nullableString(contact['sourceUrl'], `${path}.sourceUrl`),
    defaultFields: defaultFields(contact['defaultFields'], `${path}.defaultFields`),
    customFields,
    createdAt: string(contact['createdAt'], `${path}.createdAt`),
    updatedAt: string(contact['updatedAt'], `${path}.updatedAt`),
    createdByUserId: string(contact['createdByUserId'], `${path}.createdByUserId`),
  };
}

/** `{ data: Contact }` */
export function decodeContactResponse(body: unknown): Contact {
  return decodeContact(object(body, 'body')['data'], 'data');
}

/** `{ data: Contact[], totalItems, nextPageToken }` */
export function decodeContactPage(body: unknown): ContactPage {
  const page = object(body, 'body');
  const token = page['nextPageToken'];
  const totalItems = page['totalItems'];
  return {
    contacts: array(page['data'], 'data').map((item, i) => decodeContact(item, `data[${i}]`)),
    totalItems: typeof totalItems === 'number' ? totalItems : 0,
    nextPageToken: token === undefined ? null : nullableString(token, 'nextPageToken'),
  };
}

/**
 * Only the retry probe asks for the definitions, and it reads none of them: a definition that is not an object with
 * a string name and key and a known type is left out, like one of a type this version does not know, never a failure.
 */
export function decodeCustomFieldDefinitions(body: unknown): CustomFieldDefinition[] {
  const definitions: CustomFieldDefinition[] = [];
  for (const item of array(object(body, 'body')['data'], 'data')) {
    const field = typeof item === 'object' && item !== null ? (item as Json) : {};
    const { name, key, type } = field;
    if (typeof name === 'string' && typeof key === 'string' && isCustomFieldType(type)) {
      definitions.push({ name, key, type });
    }
  }
  return definitions;
}
