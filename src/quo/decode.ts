/**
 * Turns JSON from the API into typed values without trusting it. A wrong field fails with the path of that field
 * (`data.defaultFields.emails[1].value: expected string or null, got number`), so a decode error in a log says
 * exactly what Quo sent. Unknown extra fields are ignored: the API may grow.
 */
import type {
  Contact,
  ContactPage,
  CustomField,
  CustomFieldDefinition,
  CustomFieldType,
  DefaultFields,
  LabelledValue,
  PhoneNumber,
  User,
} from './types.js';
import { CUSTOM_FIELD_TYPES } from './types.js';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: unknown,
  ) {
    super(`${path}: expected ${expected}, got ${describeValue(actual)}`);
  }
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'string') {
    return value.length > 40 ? `string "${value.slice(0, 40)}…"` : `string "${value}"`;
  }
  return typeof value;
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(path, 'object', value);
  }
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new DecodeError(path, 'array', value);
  }
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw new DecodeError(path, 'string', value);
  }
  return value;
}

function nullableString(value: unknown, path: string): string | null {
  if (value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    throw new DecodeError(path, 'string or null', value);
  }
  return value;
}

/** Fields the spec marks optional: absent, and (leniently) null, both mean "not given". */
function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : string(value, path);
}

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

export function decodeCustomFieldDefinitions(body: unknown): CustomFieldDefinition[] {
  const definitions: CustomFieldDefinition[] = [];
  array(object(body, 'body')['data'], 'data').forEach((item, i) => {
    const path = `data[${i}]`;
    const field = object(item, path);
    const type = string(field['type'], `${path}.type`);
    if (isCustomFieldType(type)) {
      definitions.push({ name: string(field['name'], `${path}.name`), key: string(field['key'], `${path}.key`), type });
    }
  });
  return definitions;
}

export function decodePhoneNumbers(body: unknown): PhoneNumber[] {
  return array(object(body, 'body')['data'], 'data').map((item, i) => {
    const path = `data[${i}]`;
    const phone = object(item, path);
    return {
      id: string(phone['id'], `${path}.id`),
      number: string(phone['number'], `${path}.number`),
      name: phone['name'] === undefined ? null : nullableString(phone['name'], `${path}.name`),
    };
  });
}

export function decodeUserResponse(body: unknown): User {
  const user = object(object(body, 'body')['data'], 'data');
  return {
    id: string(user['id'], 'data.id'),
    firstName: user['firstName'] === undefined ? null : nullableString(user['firstName'], 'data.firstName'),
    lastName: user['lastName'] === undefined ? null : nullableString(user['lastName'], 'data.lastName'),
    email: user['email'] === undefined ? null : nullableString(user['email'], 'data.email'),
  };
}
