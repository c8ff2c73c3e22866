/**
 * Turns JSON from the API into typed values without trusting it. A wrong field fails with the path of that field
 * (`data.defaultFields.emails[1].value: expected string or null, got number`), so a decode error in a log says
 * exactly what Quo sent. Only what the extension reads is decoded strictly: a field it never reads is skipped
 * whatever it holds (null, missing, another type), since servers drift from the spec where nobody looks and one such
 * field would refuse a whole page, or a valid key. Unknown enum values read as `unknown`: the API may grow. Fields
 * the spec requires must be there; those it marks nullable, or whose description says they may be null, may be null.
 */
import type {
  Call,
  CallPage,
  CallSummary,
  CallSummaryJob,
  CallTranscript,
  Contact,
  ContactPage,
  CustomField,
  CustomFieldDefinition,
  CustomFieldType,
  DefaultFields,
  DialogueEntry,
  LabelledValue,
  Message,
  MessagePage,
  PhoneNumber,
  PhoneNumberUser,
  Unknown,
  User,
} from './types.js';
import {
  AI_STATUSES,
  CALL_STATUSES,
  CUSTOM_FIELD_TYPES,
  DIRECTIONS,
  MESSAGE_STATUSES,
  USER_ROLES,
} from './types.js';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: unknown,
    /** For customer content (a message, a summary, a transcript): the message names the type, never quotes a text. */
    hideValue = false,
  ) {
    super(`${path}: expected ${expected}, got ${hideValue && typeof actual === 'string' ? 'string' : describeValue(actual)}`);
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

/** A known enum value, or `unknown` for a string this version does not know (see `Unknown`). */
function oneOf<T extends string>(value: unknown, known: readonly T[], path: string): T | Unknown {
  const text = string(value, path);
  return (known as readonly string[]).includes(text) ? (text as T) : 'unknown';
}

function finiteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DecodeError(path, 'number', value);
  }
  return value;
}

function strings(value: unknown, path: string): string[] {
  return array(value, path).map((item, i) => string(item, `${path}[${i}]`));
}

function nullableStrings(value: unknown, path: string): string[] | null {
  return value === null ? null : strings(value, path);
}

/**
 * Decodes customer content (a message, a call's summary or transcript) whose errors name the field at fault and
 * its type, never its value: a decode error is logged, and what sits in the wrong field may be the text itself.
 */
function quotingNothing<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof DecodeError) {
      throw new DecodeError(error.path, error.expected, error.actual, true);
    }
    throw error;
  }
}

/** Required in the spec and nullable: it must be there, as a value or as null. */
function present(item: Json, key: string, path: string): unknown {
  if (!(key in item)) {
    throw new DecodeError(`${path}.${key}`, 'a value or null', undefined);
  }
  return item[key];
}

/** A field nothing reads: kept when it is a string, null for anything else, never a failure. */
function unreadString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function phoneNumberUser(value: unknown, path: string): PhoneNumberUser {
  const user = object(value, path);
  return {
    id: string(user['id'], `${path}.id`),
    email: string(user['email'], `${path}.email`),
    firstName: nullableString(present(user, 'firstName', path), `${path}.firstName`),
    lastName: nullableString(present(user, 'lastName', path), `${path}.lastName`),
    role: oneOf(user['role'], USER_ROLES, `${path}.role`),
  };
}

export function decodePhoneNumber(value: unknown, path: string): PhoneNumber {
  const phone = object(value, path);
  return {
    id: string(phone['id'], `${path}.id`),
    number: string(phone['number'], `${path}.number`),
    // Required by the spec, but this decoder has always let a line without a name through.
    name: phone['name'] === undefined ? null : nullableString(phone['name'], `${path}.name`),
    formattedNumber: nullableString(present(phone, 'formattedNumber', path), `${path}.formattedNumber`),
    users: array(phone['users'], `${path}.users`).map((item, i) => phoneNumberUser(item, `${path}.users[${i}]`)),
  };
}

/** `{ data: PhoneNumber[] }`, not paginated. */
export function decodePhoneNumbers(body: unknown): PhoneNumber[] {
  return array(object(body, 'body')['data'], 'data').map((item, i) => decodePhoneNumber(item, `data[${i}]`));
}

export function decodeUserResponse(body: unknown): User {
  const user = object(object(body, 'body')['data'], 'data');
  return {
    id: string(user['id'], 'data.id'),
    // Absent names and email read as null, as they always have here: a creator's name is a detail.
    firstName: user['firstName'] === undefined ? null : nullableString(user['firstName'], 'data.firstName'),
    lastName: user['lastName'] === undefined ? null : nullableString(user['lastName'], 'data.lastName'),
    email: user['email'] === undefined ? null : nullableString(user['email'], 'data.email'),
  };
}

export function decodeCall(value: unknown, path = 'data'): Call {
  const call = object(value, path);
  return {
    id: string(call['id'], `${path}.id`),
    phoneNumberId: string(call['phoneNumberId'], `${path}.phoneNumberId`),
    participants: strings(call['participants'], `${path}.participants`),
    direction: oneOf(call['direction'], DIRECTIONS, `${path}.direction`),
    status: oneOf(call['status'], CALL_STATUSES, `${path}.status`),
    createdAt: string(call['createdAt'], `${path}.createdAt`),
    duration: finiteNumber(call['duration'], `${path}.duration`),
    userId: string(call['userId'], `${path}.userId`),
    answeredAt: unreadString(call['answeredAt']),
    completedAt: unreadString(call['completedAt']),
    answeredBy: unreadString(call['answeredBy']),
    initiatedBy: unreadString(call['initiatedBy']),
    callRoute: unreadString(call['callRoute']),
    forwardedFrom: unreadString(call['forwardedFrom']),
    forwardedTo: unreadString(call['forwardedTo']),
    aiHandled: unreadString(call['aiHandled']),
    updatedAt: unreadString(call['updatedAt']),
  };
}

/** `{ data: Call }` */
export function decodeCallResponse(body: unknown): Call {
  return decodeCall(object(body, 'body')['data'], 'data');
}

interface Page<T> {
  readonly items: T[];
  readonly totalItems: number;
  readonly nextPageToken: string | null;
}

/** `{ data: T[], totalItems, nextPageToken }`, read as leniently as the contact pages always were. */
function page<T>(body: unknown, decode: (value: unknown, path: string) => T): Page<T> {
  const outer = object(body, 'body');
  const token = outer['nextPageToken'];
  const totalItems = outer['totalItems'];
  return {
    items: array(outer['data'], 'data').map((item, i) => decode(item, `data[${i}]`)),
    totalItems: typeof totalItems === 'number' ? totalItems : 0,
    nextPageToken: token === undefined ? null : nullableString(token, 'nextPageToken'),
  };
}

export function decodeCallPage(body: unknown): CallPage {
  const { items, totalItems, nextPageToken } = page(body, decodeCall);
  return { calls: items, totalItems, nextPageToken };
}

export function decodeMessage(value: unknown, path = 'data'): Message {
  return quotingNothing(() => messageFields(value, path));
}

function messageFields(value: unknown, path: string): Message {
  const message = object(value, path);
  return {
    id: string(message['id'], `${path}.id`),
    from: string(message['from'], `${path}.from`),
    to: strings(message['to'], `${path}.to`),
    text: string(message['text'], `${path}.text`),
    phoneNumberId: nullableString(present(message, 'phoneNumberId', path), `${path}.phoneNumberId`),
    direction: oneOf(message['direction'], DIRECTIONS, `${path}.direction`),
    // Typed as a string in the spec, whose description says "Null for incoming messages".
    userId: nullableString(present(message, 'userId', path), `${path}.userId`),
    status: oneOf(message['status'], MESSAGE_STATUSES, `${path}.status`),
    createdAt: string(message['createdAt'], `${path}.createdAt`),
    updatedAt: unreadString(message['updatedAt']),
  };
}

/** `{ data: Message }` */
export function decodeMessageResponse(body: unknown): Message {
  return decodeMessage(object(body, 'body')['data'], 'data');
}

export function decodeMessagePage(body: unknown): MessagePage {
  const { items, totalItems, nextPageToken } = quotingNothing(() => page(body, decodeMessage));
  return { messages: items, totalItems, nextPageToken };
}

function summaryJob(value: unknown, path: string): CallSummaryJob {
  const job = object(value, path);
  const result = object(job['result'], `${path}.result`);
  return {
    name: string(job['name'], `${path}.name`),
    result: {
      data: array(result['data'], `${path}.result.data`).map((item, i) => {
        const itemPath = `${path}.result.data[${i}]`;
        const entry = object(item, itemPath);
        const raw = entry['value'];
        if (typeof raw !== 'string' && typeof raw !== 'boolean' && !(typeof raw === 'number' && Number.isFinite(raw))) {
          throw new DecodeError(`${itemPath}.value`, 'string, number or boolean', raw);
        }
        return { name: string(entry['name'], `${itemPath}.name`), value: raw };
      }),
    },
  };
}

/** `{ data: CallSummary }` */
export function decodeCallSummaryResponse(body: unknown): CallSummary {
  return quotingNothing(() => summaryFields(body));
}

function summaryFields(body: unknown): CallSummary {
  const summary = object(object(body, 'body')['data'], 'data');
  const jobs = summary['jobs'];
  return {
    status: oneOf(summary['status'], AI_STATUSES, 'data.status'),
    summary: nullableStrings(present(summary, 'summary', 'data'), 'data.summary'),
    nextSteps: nullableStrings(present(summary, 'nextSteps', 'data'), 'data.nextSteps'),
    jobs:
      jobs === undefined || jobs === null
        ? null
        : array(jobs, 'data.jobs').map((item, i) => summaryJob(item, `data.jobs[${i}]`)),
  };
}

function dialogueEntry(value: unknown, path: string): DialogueEntry {
  const entry = object(value, path);
  return {
    start: finiteNumber(entry['start'], `${path}.start`),
    content: string(entry['content'], `${path}.content`),
    identifier: nullableString(present(entry, 'identifier', path), `${path}.identifier`),
    userId: nullableString(present(entry, 'userId', path), `${path}.userId`),
  };
}

/** `{ data: CallTranscript }` */
export function decodeCallTranscriptResponse(body: unknown): CallTranscript {
  return quotingNothing(() => transcriptFields(body));
}

function transcriptFields(body: unknown): CallTranscript {
  const transcript = object(object(body, 'body')['data'], 'data');
  const dialogue = present(transcript, 'dialogue', 'data');
  return {
    status: oneOf(transcript['status'], AI_STATUSES, 'data.status'),
    dialogue:
      dialogue === null
        ? null
        : array(dialogue, 'data.dialogue').map((item, i) => dialogueEntry(item, `data.dialogue[${i}]`)),
  };
}
